#include "feeds/time_parsing.hpp"

#include "base/icu_handles.hpp"

#include <unicode/udat.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <memory>
#include <string>

namespace lafita::feeds {

namespace {

// Parses all of `text` with one ICU pattern; `zone` empty for the default time zone.
std::optional<Time> parse_with(const std::u16string& text, const char16_t* pattern, const char16_t* zone) {
  UErrorCode status = U_ZERO_ERROR;
  IcuDateFormat format(udat_open(UDAT_PATTERN, UDAT_PATTERN, "en_US_POSIX", reinterpret_cast<const UChar*>(zone),
                                 zone ? -1 : 0, reinterpret_cast<const UChar*>(pattern), -1, &status));
  if (U_FAILURE(status)) return std::nullopt;
  udat_setLenient(format.get(), false);
  int32_t position = 0;
  const UDate ms = udat_parse(format.get(), reinterpret_cast<const UChar*>(text.data()),
                              static_cast<int32_t>(text.size()), &position, &status);
  if (U_FAILURE(status) || position != static_cast<int32_t>(text.size())) return std::nullopt;
  return Time(std::chrono::seconds(static_cast<int64_t>(std::floor(ms / 1000.0))));
}

}  // namespace

std::optional<ParsedTime> parse_iso_time(std::string_view text) {
  if (text.size() < 10 || text.size() > 40) return std::nullopt;
  const std::u16string utf16(text.begin(), text.end());  // ASCII by the patterns' definition
  if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) > 0x7F; })) {
    return std::nullopt;
  }
  static constexpr std::array<const char16_t*, 4> with_offset{
      u"yyyy-MM-dd'T'HH:mm:ssXXX", u"yyyy-MM-dd'T'HH:mm:ss.SSSXXX", u"yyyy-MM-dd'T'HH:mmXXX", u"yyyy-MM-dd HH:mm:ssXXX"};
  for (const char16_t* pattern : with_offset) {
    if (auto time = parse_with(utf16, pattern, u"UTC")) return ParsedTime{*time, false};
  }
  static constexpr std::array<const char16_t*, 2> local{u"yyyy-MM-dd'T'HH:mm:ss", u"yyyy-MM-dd'T'HH:mm"};
  for (const char16_t* pattern : local) {
    if (auto time = parse_with(utf16, pattern, nullptr)) return ParsedTime{*time, false};
  }
  if (auto time = parse_with(utf16, u"yyyy-MM-dd", u"UTC")) return ParsedTime{*time, true};
  return std::nullopt;
}

std::string format_iso_utc(Time time) {
  const time_t seconds = time.time_since_epoch().count();
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace lafita::feeds
