#include "kiosk/slides/slide_text.hpp"

#include "base/utf8.hpp"

namespace lafita::kiosk {

namespace {
constexpr char32_t kFirstStrongIsolate = U'\u2068';
constexpr char32_t kPopDirectionalIsolate = U'\u2069';
}  // namespace

std::u32string isolated(std::string_view value) {
  std::u32string text = lafita::decode_utf8(value);
  if (text.empty()) return text;
  return kFirstStrongIsolate + text + kPopDirectionalIsolate;
}

std::u32string one_paragraph(std::string_view value) {
  std::u32string text = lafita::decode_utf8(value);
  for (char32_t& c : text) {
    if (c == U'\n' || c == U'\r' || c == U'\u2029') c = U' ';
  }
  return text;
}

std::u32string meta_line(const DateFormatter& dates, const feeds::Item& item) {
  std::u32string meta = isolated(dates.when(item));
  if (!item.place.empty()) meta += (meta.empty() ? U"" : U"  \u2022  ") + isolated(item.place);
  return meta;
}

std::u32string clock_line(const DateFormatter& dates, feeds::Time now, std::optional<int> hijri_adjust) {
  std::u32string line = isolated(dates.weekday_date(now));
  if (hijri_adjust) line += U" \u00B7 " + isolated(dates.hijri_date(now, *hijri_adjust));
  return line + U"   " + isolated(dates.time(now));
}

std::u32string last_updated_line(const DateFormatter& dates, feeds::Time updated, feeds::Time now,
                                 const std::string& language) {
  const std::string when = dates.date(updated) == dates.date(now) ? dates.time(updated)
                                                                    : dates.date(updated) + " " + dates.time(updated);
  const std::u32string words = language.starts_with("ar") ? U"آخر تحديث" : U"Last updated";
  return words + U" " + isolated(when);
}

std::u32string alert_heading(const feeds::Alert& alert, const std::string& language) {
  const bool arabic = language.starts_with("ar");
  std::u32string words;
  if (alert.status == "Exercise") words = arabic ? U"تمرين — " : U"EXERCISE — ";
  if (alert.status == "Test") words = arabic ? U"اختبار — " : U"TEST — ";
  switch (alert.severity) {
    case feeds::Severity::extreme: words += arabic ? U"إنذار: خطر بالغ" : U"Extreme danger"; break;
    case feeds::Severity::severe: words += arabic ? U"إنذار: خطر شديد" : U"Severe danger"; break;
    case feeds::Severity::moderate: words += arabic ? U"تنبيه: خطر متوسط" : U"Moderate danger"; break;
    case feeds::Severity::minor: words += arabic ? U"تنبيه: خطر طفيف" : U"Minor danger"; break;
    case feeds::Severity::unknown: words += arabic ? U"تنبيه" : U"Alert"; break;
  }
  if (!alert.event.empty()) words += U" · " + isolated(alert.event);
  return words;
}

std::u32string issued_line(const DateFormatter& dates, feeds::Time sent, const std::string& language) {
  const std::u32string words = language.starts_with("ar") ? U"صدر" : U"Issued";
  return words + U" " + isolated(dates.date(sent) + " " + dates.time(sent));
}

std::u32string page_number(const DateFormatter& dates, int page, int pages) {
  return isolated(dates.number(page) + "/" + dates.number(pages));
}

size_t count_words(std::u32string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char32_t c : text) {
    const bool space = c == U' ' || c == U'\n' || c == U'\t' || c == U'\u00A0';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

}  // namespace lafita::kiosk
