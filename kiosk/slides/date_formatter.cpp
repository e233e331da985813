#include "kiosk/slides/date_formatter.hpp"

#include "base/icu_handles.hpp"

#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/udatpg.h>
#include <unicode/udateintervalformat.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace lafita::kiosk {

namespace {

UDate to_icu(feeds::Time time) { return static_cast<UDate>(time.time_since_epoch().count()) * 1000.0; }

std::string to_utf8(const UChar* text, int32_t length) {
  std::string out(static_cast<size_t>(length) * 3 + 1, '\0');
  int32_t written = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &written, text, length, 0xFFFD, nullptr, &status);
  out.resize(U_SUCCESS(status) ? static_cast<size_t>(written) : 0);
  return out;
}

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: ") + what + ": " + u_errorName(status));
}

// Calls an ICU formatting function that writes UTF-16 into a buffer, and returns UTF-8.
template <typename Format>
std::string formatted(Format&& format) {
  std::array<UChar, 256> buffer{};
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = format(buffer.data(), static_cast<int32_t>(buffer.size()), &status);
  if (U_FAILURE(status)) return {};
  return to_utf8(buffer.data(), length);
}

}  // namespace

namespace {

// The ICU locale ID of a BCP 47 tag ("ar-TN": "ar_TN"), as far as the tag is well formed
// ("ar-": "ar"); empty when not even its language is. A feed's language is untrusted:
// ICU's date pattern generator crashes on a language subtag of 12 letters.
std::string locale_id(const std::string& tag) {
  std::array<char, ULOC_FULLNAME_CAPACITY> id{};
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(tag.c_str(), id.data(), static_cast<int32_t>(id.size()), &parsed, &status);
  if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || parsed <= 0) return {};
  std::array<char, ULOC_LANG_CAPACITY> language{};
  uloc_getLanguage(id.data(), language.data(), static_cast<int32_t>(language.size()), &status);
  if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || std::strlen(language.data()) > 3) return {};
  return id.data();
}

// The language and the region of a tag: ("ar", "TN"); empty ones when it is not well formed.
std::pair<std::string, std::string> language_and_region(const std::string& tag) {
  const std::string id = locale_id(tag);
  std::array<char, ULOC_LANG_CAPACITY> language{};
  std::array<char, ULOC_COUNTRY_CAPACITY> region{};
  UErrorCode status = U_ZERO_ERROR;
  uloc_getLanguage(id.c_str(), language.data(), static_cast<int32_t>(language.size()), &status);
  uloc_getCountry(id.c_str(), region.data(), static_cast<int32_t>(region.size()), &status);
  if (id.empty() || U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return {};
  return {language.data(), region.data()};
}

}  // namespace

std::string icu_locale(const std::string& language, Numerals numerals, const char* calendar) {
  std::string id = locale_id(language);
  if (id.empty()) id = "ar";  // an empty or broken tag: Arabic, the items' default
  std::array<char, ULOC_FULLNAME_CAPACITY> locale{};
  std::copy_n(id.begin(), std::min(id.size(), locale.size() - 1), locale.begin());
  // The Gregorian calendar unless another is asked for: a region's own preference (Umm
  // al-Qura for ar-SA), or a -u-ca- in the tag, would replace the Gregorian date, which the
  // Hijri one accompanies. The numerals are the screen's, whatever the tag says.
  UErrorCode status = U_ZERO_ERROR;
  const auto capacity = static_cast<int32_t>(locale.size());
  uloc_setKeywordValue("calendar", calendar ? calendar : "gregorian", locale.data(), capacity, &status);
  uloc_setKeywordValue("numbers", numerals == Numerals::arabic_indic ? "arab" : "latn", locale.data(), capacity, &status);
  if (U_FAILURE(status)) return std::string("ar@calendar=") + (calendar ? calendar : "gregorian");
  return locale.data();
}

std::string dates_language(const std::string& language, const std::string& screen) {
  if (screen.empty()) return language;
  const auto [item_language, item_region] = language_and_region(language.empty() ? std::string("ar") : language);
  const auto [screen_language, screen_region] = language_and_region(screen);
  const bool same = !item_language.empty() && item_language == screen_language;
  return same && item_region.empty() && !screen_region.empty() ? screen : language;
}

namespace {

// A format of `skeleton`'s fields in the order and words the generator's locale uses.
IcuDateFormat open_format(UDateTimePatternGenerator* generator, const std::string& locale, const char16_t* skeleton,
                          const UChar* zone_id, int32_t zone_length) {
  std::array<UChar, 128> pattern{};
  UErrorCode error = U_ZERO_ERROR;
  const int32_t length = udatpg_getBestPattern(generator, reinterpret_cast<const UChar*>(skeleton), -1, pattern.data(),
                                               static_cast<int32_t>(pattern.size()), &error);
  check(error, "date pattern");
  IcuDateFormat format(udat_open(UDAT_PATTERN, UDAT_PATTERN, locale.c_str(), zone_id, zone_length, pattern.data(), length, &error));
  check(error, "date format");
  return format;
}

}  // namespace

struct DateFormatter::Icu {
  std::string language;
  Numerals numerals = Numerals::western;
  IcuDateFormat date, weekday_date, time, calendar_date;
  IcuIntervalFormat dates, times, calendar_dates;
  IcuNumberFormat number;
  IcuDateFormat hijri;  // made when first asked for
};

DateFormatter::DateFormatter(const std::string& language, Numerals numerals) : icu_(std::make_unique<Icu>()) {
  icu_->language = language;
  icu_->numerals = numerals;
  const std::string locale = icu_locale(language, numerals);
  const UChar* zone_id = nullptr;  // ICU's default time zone
  int32_t zone_length = 0;
  UErrorCode status = U_ZERO_ERROR;
  IcuPatternGenerator generator(udatpg_open(locale.c_str(), &status));
  check(status, "date pattern generator");
  icu_->date = open_format(generator.get(), locale, u"dMMMMy", zone_id, zone_length);
  icu_->weekday_date = open_format(generator.get(), locale, u"EEEEdMMMMy", zone_id, zone_length);
  icu_->time = open_format(generator.get(), locale, u"HHmm", zone_id, zone_length);
  icu_->dates.reset(udtitvfmt_open(locale.c_str(), reinterpret_cast<const UChar*>(u"dMMMMy"), -1, zone_id,
                                   zone_length, &status));
  check(status, "date interval format");
  icu_->times.reset(udtitvfmt_open(locale.c_str(), reinterpret_cast<const UChar*>(u"HHmm"), -1, zone_id, zone_length,
                                   &status));
  check(status, "time interval format");
  icu_->number.reset(unum_open(UNUM_DECIMAL, nullptr, 0, locale.c_str(), nullptr, &status));
  check(status, "number format");
  // Calendar dates (all-day items) are midnight UTC of the day: shown in UTC, they stay that day.
  zone_id = reinterpret_cast<const UChar*>(u"UTC");
  zone_length = -1;
  icu_->calendar_date = open_format(generator.get(), locale, u"dMMMMy", zone_id, zone_length);
  icu_->calendar_dates.reset(udtitvfmt_open(locale.c_str(), reinterpret_cast<const UChar*>(u"dMMMMy"), -1, zone_id,
                                            zone_length, &status));
  check(status, "calendar date interval format");
}

DateFormatter::~DateFormatter() = default;
DateFormatter::DateFormatter(DateFormatter&&) noexcept = default;
DateFormatter& DateFormatter::operator=(DateFormatter&&) noexcept = default;

std::string DateFormatter::date(feeds::Time time) const {
  return formatted([&](UChar* out, int32_t size, UErrorCode* status) {
    return udat_format(icu_->date.get(), to_icu(time), out, size, nullptr, status);
  });
}

std::string DateFormatter::weekday_date(feeds::Time time) const {
  return formatted([&](UChar* out, int32_t size, UErrorCode* status) {
    return udat_format(icu_->weekday_date.get(), to_icu(time), out, size, nullptr, status);
  });
}

std::string DateFormatter::time(feeds::Time time) const {
  return formatted([&](UChar* out, int32_t size, UErrorCode* status) {
    return udat_format(icu_->time.get(), to_icu(time), out, size, nullptr, status);
  });
}

std::string DateFormatter::dates(feeds::Time from, feeds::Time to) const {
  return formatted([&](UChar* out, int32_t size, UErrorCode* status) {
    return udtitvfmt_format(icu_->dates.get(), to_icu(from), to_icu(to), out, size, nullptr, status);
  });
}

std::string DateFormatter::times(feeds::Time from, feeds::Time to) const {
  return formatted([&](UChar* out, int32_t size, UErrorCode* status) {
    return udtitvfmt_format(icu_->times.get(), to_icu(from), to_icu(to), out, size, nullptr, status);
  });
}

std::string DateFormatter::number(long value) const {
  return formatted([&](UChar* out, int32_t size, UErrorCode* status) {
    return unum_formatInt64(icu_->number.get(), value, out, size, nullptr, status);
  });
}

std::string DateFormatter::hijri_date(feeds::Time time, int adjust_days) const {
  if (!icu_->hijri) {
    const std::string locale = icu_locale(icu_->language, icu_->numerals, "islamic-umalqura");
    UErrorCode status = U_ZERO_ERROR;
    IcuPatternGenerator generator(udatpg_open(locale.c_str(), &status));
    check(status, "Hijri date pattern generator");
    icu_->hijri = open_format(generator.get(), locale, u"GdMMMMy", nullptr, 0);
  }
  // Moved by calendar days in the time zone shown, not by 24 hours: a day may be 23 or 25.
  UErrorCode status = U_ZERO_ERROR;
  const IcuCalendar day(ucal_clone(udat_getCalendar(icu_->hijri.get()), &status));
  if (U_FAILURE(status)) return {};
  ucal_setMillis(day.get(), to_icu(time), &status);
  ucal_add(day.get(), UCAL_DATE, adjust_days, &status);
  if (U_FAILURE(status)) return {};
  return formatted([&](UChar* out, int32_t size, UErrorCode* error) {
    return udat_formatCalendar(icu_->hijri.get(), day.get(), out, size, nullptr, error);
  });
}

std::string DateFormatter::when(const feeds::Item& item) const {
  if (!item.start) return {};
  const feeds::Time start = *item.start;
  if (item.all_day) {
    const bool range = item.end && *item.end > start;
    return formatted([&](UChar* out, int32_t size, UErrorCode* status) {
      return range ? udtitvfmt_format(icu_->calendar_dates.get(), to_icu(start), to_icu(*item.end), out, size, nullptr, status)
                   : udat_format(icu_->calendar_date.get(), to_icu(start), out, size, nullptr, status);
    });
  }
  if (!item.end) return date(start) + " " + time(start);
  if (date(start) == date(*item.end)) return date(start) + " " + times(start, *item.end);
  return date(start) + " " + time(start) + " – " + date(*item.end) + " " + time(*item.end);
}

}  // namespace lafita::kiosk
