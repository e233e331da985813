#pragma once

#include "feeds/item.hpp"
#include "kiosk/config/slide_settings.hpp"

#include <memory>
#include <string>

namespace lafita::kiosk {

// Dates, times and numbers in a language's own words and order, with ICU: month and day
// names ("17 مارس 2023"), ranges ("14–16 أكتوبر، 2024" with CLDR 42, "10:00–12:30") and the chosen
// digits. Times are shown in ICU's default time zone (the system's, or the one the player
// sets); the dates of all-day items are calendar dates and shown as given. Results are
// UTF-8. Cheap to call; make one per language and keep it. Not thread-safe.
class DateFormatter {
 public:
  DateFormatter(const std::string& language, Numerals numerals);
  ~DateFormatter();
  DateFormatter(DateFormatter&&) noexcept;
  DateFormatter& operator=(DateFormatter&&) noexcept;

  std::string date(feeds::Time time) const;          // "17 مارس 2023"
  std::string weekday_date(feeds::Time time) const;  // "الأحد، 29 نوفمبر 2026"
  std::string time(feeds::Time time) const;          // "13:40"
  std::string dates(feeds::Time from, feeds::Time to) const;  // "14–16 أكتوبر، 2024"
  std::string times(feeds::Time from, feeds::Time to) const;  // "10:00–12:30"
  std::string number(long value) const;               // "١٢"

  // When an item happens, as one phrase: a date, a date range, or a date with a time or
  // time range; empty when the item gives no start.
  std::string when(const feeds::Item& item) const;

 private:
  struct Icu;
  std::unique_ptr<Icu> icu_;
};

// The ICU locale for a language and numeral style: "ar@numbers=arab", "en@numbers=latn".
std::string icu_locale(const std::string& language, Numerals numerals);

}  // namespace lafita::kiosk
