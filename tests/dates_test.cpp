// Dates that read right everywhere Arabic is read: month names by region from the language
// tag, the Umm al-Qura Hijri date beside the Gregorian one, and time ranges in the reading
// order. Expected values come from outside the code under test: the issue's known days and
// month words, and ICU's own calendar and formatter called here directly.
#include "base/utf8.hpp"
#include "feeds/time_parsing.hpp"
#include "kiosk/slides/date_formatter.hpp"
#include "kiosk/slides/slide_template.hpp"
#include "kiosk/slides/slide_text.hpp"
#include "template_fixture.hpp"

#include <doctest/doctest.h>
#include <unicode/dtfmtsym.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <memory>

#include <string>
#include <vector>

using namespace lafita;
using namespace lafita::kiosk;

namespace {

feeds::Time at(const char* text) { return feeds::parse_iso_time(text).value().time; }

// February in `tag`'s own month names, as ICU's DateFormatSymbols give them.
std::string february(const char* tag) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::DateFormatSymbols symbols(icu::Locale::forLanguageTag(tag, status), status);
  int32_t count = 0;
  const icu::UnicodeString* months = symbols.getMonths(count);
  REQUIRE(U_SUCCESS(status));
  REQUIRE(count >= 2);
  std::string name;
  return months[1].toUTF8String(name);
}

// `time` formatted by ICU's SimpleDateFormat with an explicit pattern, in `locale`.
std::string icu_formatted(const char* locale, const char* pattern, feeds::Time time) {
  UErrorCode status = U_ZERO_ERROR;
  icu::SimpleDateFormat format(icu::UnicodeString::fromUTF8(pattern), icu::Locale(locale), status);
  format.setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString text;
  format.format(static_cast<UDate>(time.time_since_epoch().count()) * 1000.0, text);
  REQUIRE(U_SUCCESS(status));
  std::string out;
  return text.toUTF8String(out);
}

using Fixture = test::TemplateFixture;

// ICU's default time zone set for a test's life (the machine's may be any), then put back.
struct DefaultZone {
  std::unique_ptr<icu::TimeZone> saved{icu::TimeZone::createDefault()};
  explicit DefaultZone(const char* id) { icu::TimeZone::adoptDefault(icu::TimeZone::createTimeZone(id)); }
  ~DefaultZone() { icu::TimeZone::adoptDefault(saved.release()); }
};

// The header band's clock line, as laid out for an item in `language`.
const render::ParagraphLayout& clock_of(const render::Scene& band) {
  REQUIRE(band.texts.size() >= 2);
  return band.texts[1].layout;  // the name, then the clock
}

}  // namespace

TEST_SUITE("dates") {
  TEST_CASE("month names follow the region of the language tag, each family") {
    struct Family {
      std::vector<const char*> tags;
      const char* february;  // the issue's word for the family
    };
    const std::vector<Family> families{
        {{"ar-TN", "ar-DZ"}, "فيفري"},
        {{"ar-SY", "ar-LB", "ar-JO", "ar-IQ"}, "شباط"},
        {{"ar-EG", "ar-SA"}, "فبراير"},
    };
    const feeds::Time day = at("2026-02-14T12:00:00Z");
    for (const Family& family : families) {
      for (const char* tag : family.tags) {
        CAPTURE(std::string(tag));
        CHECK(february(tag) == family.february);
        const std::string date = DateFormatter(tag, Numerals::western).date(day);
        CAPTURE(date);
        CHECK(date.find(family.february) != std::string::npos);
        CHECK(date.find("2026") != std::string::npos);
      }
    }
    CHECK(DateFormatter("ar-TN", Numerals::arabic_indic).date(day).find("٢٠٢٦") != std::string::npos);
    // Saudi Arabia's own preferred calendar is Umm al-Qura; the date stays Gregorian (the
    // Hijri one is shown beside it when asked for).
    CHECK(DateFormatter("ar-SA", Numerals::western).weekday_date(day).find("فبراير 2026") != std::string::npos);
  }

  TEST_CASE("an item in the screen's language that names no region takes the screen's region") {
    CHECK(dates_language("ar", "ar-TN") == "ar-TN");
    CHECK(dates_language("", "ar-TN") == "ar-TN");      // no language: Arabic
    CHECK(dates_language("ar-EG", "ar-TN") == "ar-EG");  // its own region stays
    CHECK(dates_language("en", "ar-TN") == "en");        // another language keeps its own
    CHECK(dates_language("ar", "ar") == "ar");
    CHECK(dates_language("ar", "") == "ar");
    CHECK(dates_language("en", "en-GB") == "en-GB");

    // Through the header band: an "ar" item on an "ar-DZ" screen shows what an "ar-DZ" item shows.
    const feeds::Time now = at("2026-02-14T09:30:00Z");
    Fixture screen, plain;
    screen.settings.locale = "ar-DZ";
    SlideTemplate on_screen = screen.make(), without = plain.make();
    const auto regional = on_screen.band(now, "بلدية", "ar", render::Direction::rtl, 1920, 1080);
    const auto explicit_region = without.band(now, "بلدية", "ar-DZ", render::Direction::rtl, 1920, 1080);
    const auto general = without.band(now, "بلدية", "ar", render::Direction::rtl, 1920, 1080);
    CHECK(clock_of(regional).glyphs.size() == clock_of(explicit_region).glyphs.size());
    CHECK(clock_of(regional).lines.front().width == doctest::Approx(clock_of(explicit_region).lines.front().width));
    CHECK(clock_of(regional).lines.front().width != doctest::Approx(clock_of(general).lines.front().width));  // فيفري, not فبراير
  }

  TEST_CASE("the Hijri date is Umm al-Qura's, moved by the adjustment, in the chosen digits") {
    const DefaultZone utc("UTC");  // the day of 12:00 UTC, whatever the machine's zone
    const feeds::Time day = at("2023-03-23T12:00:00Z");  // 1 Ramadan 1444 in Umm al-Qura
    const DateFormatter arabic("ar", Numerals::western);
    CHECK(arabic.hijri_date(day).starts_with("1 رمضان 1444"));
    CHECK(arabic.hijri_date(day) == icu_formatted("ar@calendar=islamic-umalqura;numbers=latn", "d MMMM y G", day));
    for (const int adjust : {-1, 1}) {
      CAPTURE(adjust);
      const feeds::Time moved = day + std::chrono::days(adjust);
      CHECK(arabic.hijri_date(day, adjust) == icu_formatted("ar@calendar=islamic-umalqura;numbers=latn", "d MMMM y G", moved));
    }
    CHECK(arabic.hijri_date(day, 1).starts_with("2 رمضان 1444"));
    CHECK(arabic.hijri_date(day, -1).find("شعبان 1444") != std::string::npos);
    CHECK(DateFormatter("ar", Numerals::arabic_indic).hijri_date(day).starts_with("١ رمضان ١٤٤٤"));
    CHECK(DateFormatter("en", Numerals::western).hijri_date(day).find("Ramadan 1, 1444") != std::string::npos);
  }

  TEST_CASE("a broken or hostile language tag gives Arabic dates, never a crash, and keeps the screen's calendar and digits") {
    const feeds::Time day = at("2026-02-14T12:00:00Z");
    const std::string arabic = DateFormatter("ar", Numerals::western).date(day);
    for (const char* tag : {"xxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ar@", "ar@numbers=arab", "", "-", "12"}) {
      CAPTURE(std::string(tag));
      CHECK(DateFormatter(tag, Numerals::western).date(day) == arabic);
    }
    CHECK(DateFormatter("ar-", Numerals::western).date(day) == arabic);  // as far as it is well formed
    // A -u- extension does not change the calendar or the digits the screen chose.
    CHECK(DateFormatter("ar-SA-u-ca-islamic", Numerals::western).date(day).find("فبراير 2026") != std::string::npos);
    CHECK(DateFormatter("ar-u-nu-arab", Numerals::western).date(day) == arabic);
    const DateFormatter odd("ar@numbers=arab", Numerals::western);
    CHECK(odd.hijri_date(day) == DateFormatter("ar", Numerals::western).hijri_date(day));  // Hijri, not Gregorian
    CHECK(dates_language("xxxxxxxxxxxx", "ar-TN") == "xxxxxxxxxxxx");  // no region taken for a broken tag
  }

  TEST_CASE("the Hijri adjustment moves by calendar days, across a change of clocks too") {
    // Beirut put its clocks forward in the night of 28 to 29 March 2026: 23:30 local on the
    // 28th plus one day is the 29th, not the 30th.
    const DefaultZone beirut("Asia/Beirut");
    const DateFormatter dates("ar", Numerals::western);
    const feeds::Time late = at("2026-03-28T21:30:00Z");  // 23:30 in Beirut
    const feeds::Time next = at("2026-03-29T12:00:00Z");
    CHECK(dates.hijri_date(late, 1) == dates.hijri_date(next));
    CHECK(dates.hijri_date(next, -1) == dates.hijri_date(at("2026-03-28T12:00:00Z")));
  }

  TEST_CASE("with hijri on, the header's clock holds the Hijri date, isolated, between the date and the time") {
    const DateFormatter dates("ar", Numerals::western);
    const feeds::Time now = at("2023-03-23T09:30:00Z");
    const std::u32string plain = clock_line(dates, now);
    const std::u32string with = clock_line(dates, now, 0);
    const std::u32string hijri = U"\u2068" + decode_utf8(dates.hijri_date(now)) + U"\u2069";
    CHECK(plain.find(hijri) == std::u32string::npos);
    const size_t where = with.find(hijri);
    REQUIRE(where != std::u32string::npos);
    CHECK(with.find(decode_utf8(dates.weekday_date(now))) < where);
    CHECK(with.rfind(decode_utf8(dates.time(now))) > where);
    CHECK(clock_line(dates, now, 1).find(decode_utf8(dates.hijri_date(now, 1))) != std::u32string::npos);

    Fixture on, off;
    on.settings.hijri = true;
    SlideTemplate with_hijri = on.make(), without = off.make();
    const auto shown = with_hijri.band(now, "بلدية", "ar", render::Direction::rtl, 1920, 1080);
    const auto not_shown = without.band(now, "بلدية", "ar", render::Direction::rtl, 1920, 1080);
    CHECK(clock_of(shown).lines.size() == 1);  // still one line in the band
    CHECK(clock_of(shown).lines.front().width > clock_of(not_shown).lines.front().width);
  }

  TEST_CASE("a time range in an Arabic meta line reads start first, from the right") {
    // Deliberate: the start time stands where Arabic reading begins, so "10:00–12:30"
    // shows as 12:30–10:00 from left to right. Bidi gives it (the dash between two
    // numbers resolves to the Arabic paragraph's direction); this pins it.
    Fixture f;
    SlideTemplate slide_template = f.make();
    feeds::Item item;
    item.title = "اجتماع المجلس البلدي";
    item.body = "جدول الأعمال.";
    item.start = at("2024-10-14T10:00:00Z");
    item.end = at("2024-10-14T12:30:00Z");
    item.language = "ar";
    const DateFormatter dates("ar", Numerals::western);
    const std::u32string text = meta_line(dates, item);
    const auto slides = slide_template.slides(item, 0, 1, 1920, 1080);
    const render::ParagraphLayout& meta = slides[0].scene.texts[1].layout;
    std::u32string visual;  // the characters of the glyphs, left to right
    for (const auto& run : meta.runs_of(meta.lines.front())) {
      for (const auto& glyph : meta.glyphs_of(run)) visual += text[glyph.cluster];
    }
    const std::u32string start = decode_utf8(dates.time(*item.start)), end = decode_utf8(dates.time(*item.end));
    REQUIRE(visual.find(start) != std::u32string::npos);
    REQUIRE(visual.find(end) != std::u32string::npos);
    CHECK(visual.find(end) < visual.find(start));  // the start on the right
  }
}
