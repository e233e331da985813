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
  // The day in the Umm al-Qura Hijri calendar (ICU's islamic-umalqura), moved by
  // `adjust_days` (the announced start of a month can differ from the computed one by a
  // day): "1 رمضان 1444 هـ" on 23 March 2023. Its formatter is made on the first call.
  std::string hijri_date(feeds::Time time, int adjust_days = 0) const;

  // When an item happens, as one phrase: a date, a date range, or a date with a time or
  // time range; empty when the item gives no start.
  std::string when(const feeds::Item& item) const;

 private:
  struct Icu;
  std::unique_ptr<Icu> icu_;
};

// The ICU locale for a language, numeral style and calendar (none: the Gregorian, even where
// the region prefers another): "ar@calendar=gregorian;numbers=arab",
// "ar-TN@calendar=islamic-umalqura;numbers=latn".
std::string icu_locale(const std::string& language, Numerals numerals, const char* calendar = nullptr);

// The language whose dates an item in `language` shows on a screen whose language tag is
// `screen` ([locale] language): the screen's tag when the item names no region and shares
// the screen's language, so that the region's month names are used ("ar" on an "ar-TN"
// screen: جانفي, not يناير); the item's own otherwise. Empty `language` means Arabic.
std::string dates_language(const std::string& language, const std::string& screen);

}  // namespace lafita::kiosk
