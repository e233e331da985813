// The slide template: the design mirrors for right-to-left items and not for left-to-right
// ones, inserted values are isolated, dates use the language's month names and the chosen
// numerals, dwell follows reading time, long bodies page and never overflow their box.
#include "base/utf8.hpp"
#include "feeds/time_parsing.hpp"
#include "kiosk/slides/date_formatter.hpp"
#include "kiosk/slides/slide_template.hpp"
#include "kiosk/slides/slide_text.hpp"
#include "render/text/unicode_text.hpp"
#include "template_fixture.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace lafita;
using namespace lafita::kiosk;
using namespace std::chrono_literals;

namespace {

feeds::Time at(const char* text) { return feeds::parse_iso_time(text).value().time; }

feeds::Item arabic_item() {
  feeds::Item item;
  item.title = "اجتماع المجلس البلدي";
  item.body = "ناقش المجلس ميزانية 2025 وبرنامج الأشغال.";
  item.start = at("2024-10-14T10:00:00Z");
  item.end = at("2024-10-14T12:30:00Z");
  item.place = "القاعة الكبرى";
  item.source = "بلدية المدينة";
  item.language = "ar";
  return item;
}

feeds::Item english_item() {
  feeds::Item item = arabic_item();
  item.title = "Council meeting";
  item.body = "The 2025 budget and the road works.";
  item.place = "Main hall";
  item.source = "Town hall";
  item.language = "en";
  return item;
}

using Fixture = test::TemplateFixture;

// The horizontal extent of a text block's first line on the slide.
std::pair<float, float> first_line(const render::Scene::Text& text) {
  const render::Line& line = text.layout.lines.front();
  return {text.x + line.x, text.x + line.x + line.width};
}

constexpr int kWidth = 1280, kHeight = 720;
constexpr float kMargin = 0.045f * kWidth;
// The footer's height: 7.5 % of the short side (the height here).
const float kFooterTop = kHeight - std::round(0.075f * kHeight);
// Block edges are sums of line heights added up in another order: equal up to rounding.
constexpr float kRounding = 0.01f;

// The blocks of one slide by role, in the order the template composes them: texts title,
// meta line, the body's blocks (the last maybe ending with "…"), the source, the page
// number (paged items only); rectangles the rule, the progress track and the progress done.
// For items with a title, a meta line and a source.
struct Blocks {
  const render::Scene::Text* title;
  const render::Scene::Text* meta;
  std::vector<const render::Scene::Text*> body;
  const render::Scene::Text* source;
  const render::Scene::Text* page_number;  // nullptr on an item of one page
  const render::Scene::Rect* rule;
  const render::Scene::Rect* track;
  const render::Scene::Rect* done;
};

Blocks blocks_of(const Slide& slide) {
  const auto& texts = slide.scene.texts;
  const size_t footer_texts = slide.pages > 1 ? 2 : 1;
  REQUIRE(texts.size() >= 2 + 1 + footer_texts);  // title, meta, at least one body block, footer
  REQUIRE(slide.scene.rects.size() == 3);
  Blocks blocks{&texts[0], &texts[1], {}, &texts[texts.size() - footer_texts],
                slide.pages > 1 ? &texts.back() : nullptr, &slide.scene.rects[0], &slide.scene.rects[1],
                &slide.scene.rects[2]};
  for (size_t i = 2; i < texts.size() - footer_texts; ++i) blocks.body.push_back(&texts[i]);
  return blocks;
}

float top(const render::Scene::Text& text) { return text.y; }
float bottom(const render::Scene::Text& text) { return text.y + text.layout.height; }
float top(const render::Scene::Rect& rect) { return rect.y; }
float bottom(const render::Scene::Rect& rect) { return rect.y + rect.height; }

// Each block of `slide` starts no higher than the one before it ends, from the header band
// drawn over the slide (checked too: its texts inside it) down to the progress bar at the
// bottom edge; the source and the page number share the footer's row.
void check_order(SlideTemplate& slide_template, const feeds::Item& item, const Slide& slide) {
  CAPTURE(slide.page);
  const render::Scene band = slide_template.band(at("2024-10-14T09:30:00Z"), item.source, slide.language, slide.direction,
                                                 kWidth, kHeight);
  CHECK(band.height == SlideTemplate::band_height(kWidth, kHeight));
  for (const auto& text : band.texts) {
    CHECK(top(text) >= 0);
    CHECK(bottom(text) <= band.height + kRounding);
  }
  const Blocks blocks = blocks_of(slide);
  float above = static_cast<float>(band.height);
  const auto next = [&](const char* what, float block_top, float block_bottom) {
    CAPTURE(what);
    CHECK(block_top >= above - kRounding);
    CHECK(block_bottom >= block_top);
    above = block_bottom;
  };
  next("title", top(*blocks.title), bottom(*blocks.title));
  next("meta line", top(*blocks.meta), bottom(*blocks.meta));
  next("rule", top(*blocks.rule), bottom(*blocks.rule));
  for (const auto* body : blocks.body) next("body", top(*body), bottom(*body));
  const float body_end = above;
  next("source", top(*blocks.source), bottom(*blocks.source));
  if (blocks.page_number) {
    above = body_end;  // on the source's row
    next("page number", top(*blocks.page_number), bottom(*blocks.page_number));
    CHECK(top(*blocks.page_number) == doctest::Approx(top(*blocks.source)));
    above = std::max(bottom(*blocks.source), bottom(*blocks.page_number));
  }
  next("progress track", top(*blocks.track), bottom(*blocks.track));
  CHECK(bottom(*blocks.track) == doctest::Approx(kHeight));  // at the bottom edge
  CHECK(top(*blocks.done) == top(*blocks.track));             // the progress on its track
  CHECK(bottom(*blocks.done) == bottom(*blocks.track));
}

// Every block but the footer's own (source, page number, progress) ends above the footer;
// those lie inside it.
void check_footer(const Slide& slide) {
  CAPTURE(slide.page);
  const Blocks blocks = blocks_of(slide);
  const auto above_footer = [](const char* what, float block_bottom) {
    CAPTURE(what);
    CHECK(block_bottom <= kFooterTop + kRounding);
  };
  above_footer("title", bottom(*blocks.title));
  above_footer("meta line", bottom(*blocks.meta));
  above_footer("rule", bottom(*blocks.rule));
  for (const auto* body : blocks.body) above_footer("body", bottom(*body));
  const auto in_footer = [](const char* what, float block_top, float block_bottom) {
    CAPTURE(what);
    CHECK(block_top >= kFooterTop);
    CHECK(block_bottom <= kHeight + kRounding);
  };
  in_footer("source", top(*blocks.source), bottom(*blocks.source));
  if (blocks.page_number) in_footer("page number", top(*blocks.page_number), bottom(*blocks.page_number));
  in_footer("progress track", top(*blocks.track), bottom(*blocks.track));
  in_footer("progress done", top(*blocks.done), bottom(*blocks.done));
}

// An Arabic item whose body is `paragraphs` numbered paragraphs of one to four sentences,
// so that pages end inside paragraphs as well as between them.
feeds::Item long_item(int paragraphs) {
  feeds::Item item = arabic_item();
  item.body.clear();
  for (int i = 1; i <= paragraphs; ++i) {
    item.body += "الفقرة " + std::to_string(i) + ":";
    for (int sentence = 0; sentence < 1 + i % 4; ++sentence) {
      item.body += " ناقش المجلس أشغال الطرقات وميزانية البلدية لسنة 2025 ومشاريعها في الأحياء الشمالية والجنوبية.";
    }
    item.body += "\n";
  }
  return item;
}

// An Arabic item whose body is cut after the last allowed page.
feeds::Item cut_item() {
  feeds::Item item = arabic_item();
  for (int i = 0; i < 4000; ++i) item.body += "كلمة ";  // about 100 KB of UTF-8 with the rest
  while (item.body.size() < 100 * 1024) item.body += "نص طويل جدا ";
  return item;
}

// Calls check(slide_template, item, slide) for every page of each shape of slide the
// template makes: an Arabic and an English item of one page, a body on many pages, a body
// cut after two pages with "…".
template <typename Check>
void for_every_shape(Check check) {
  Fixture paged_fixture, cut_fixture;
  paged_fixture.settings.max_pages = 10;
  cut_fixture.settings.max_pages = 2;
  SlideTemplate paged = paged_fixture.make(), cut = cut_fixture.make();
  const std::vector<std::pair<feeds::Item, SlideTemplate*>> shapes{
      {arabic_item(), &paged}, {english_item(), &paged}, {long_item(12), &paged}, {cut_item(), &cut}};
  for (const auto& [item, slide_template] : shapes) {
    CAPTURE(item.title);
    CAPTURE(item.body.size());
    const auto slides = slide_template->slides(item, 0, 1, kWidth, kHeight);
    REQUIRE_FALSE(slides.empty());
    for (const Slide& slide : slides) check(*slide_template, item, slide);
  }
}

}  // namespace

TEST_SUITE("template") {
  TEST_CASE("a right-to-left item is laid out mirrored: text at the right, progress filled from the right") {
    Fixture f;
    SlideTemplate slide_template = f.make();
    const auto slides = slide_template.slides(arabic_item(), 0, 4, kWidth, kHeight);
    REQUIRE(slides.size() == 1);
    const render::Scene& scene = slides[0].scene;
    CHECK(slides[0].direction == render::Direction::rtl);
    for (size_t i = 0; i < 3; ++i) {  // title, meta line, body
      CAPTURE(i);
      CHECK(first_line(scene.texts[i]).second == doctest::Approx(kWidth - kMargin).epsilon(0.01));
      CHECK(first_line(scene.texts[i]).first > kWidth / 3.0f);
    }
    const auto& rule = scene.rects[0];
    CHECK(rule.x + rule.width == doctest::Approx(kWidth - kMargin).epsilon(0.01));
    const auto& done = scene.rects.back();  // the progress: first item of four
    CHECK(done.x + done.width == doctest::Approx(kWidth));
    CHECK(done.width == doctest::Approx(kWidth / 4.0f));
  }

  TEST_CASE("a left-to-right item in the same show is not mirrored") {
    Fixture f;
    SlideTemplate slide_template = f.make();
    const auto slides = slide_template.slides(english_item(), 1, 4, kWidth, kHeight);
    REQUIRE(slides.size() == 1);
    const render::Scene& scene = slides[0].scene;
    CHECK(slides[0].direction == render::Direction::ltr);
    for (size_t i = 0; i < 3; ++i) {
      CAPTURE(i);
      CHECK(first_line(scene.texts[i]).first == doctest::Approx(kMargin).epsilon(0.01));
      CHECK(first_line(scene.texts[i]).second < kWidth * 2 / 3.0f);
    }
    CHECK(scene.rects[0].x == doctest::Approx(kMargin).epsilon(0.01));
    const auto& done = scene.rects.back();
    CHECK(done.x == 0);
    CHECK(done.width == doctest::Approx(kWidth / 2.0f));
  }

  TEST_CASE("the header band puts the organisation at the start and the clock at the end of the reading direction") {
    Fixture f;
    SlideTemplate slide_template = f.make();
    const auto now = at("2024-10-14T09:30:00Z");
    const auto rtl = slide_template.band(now, "بلدية المدينة", "ar", render::Direction::rtl, kWidth, kHeight);
    const auto ltr = slide_template.band(now, "Town hall", "en", render::Direction::ltr, kWidth, kHeight);
    CHECK(first_line(rtl.texts[0]).second == doctest::Approx(kWidth - kMargin).epsilon(0.01));  // name
    CHECK(first_line(rtl.texts[1]).first == doctest::Approx(kMargin).epsilon(0.01));            // clock
    CHECK(first_line(ltr.texts[0]).first == doctest::Approx(kMargin).epsilon(0.01));
    CHECK(first_line(ltr.texts[1]).second == doctest::Approx(kWidth - kMargin).epsilon(0.01));
  }

  TEST_CASE("a 'last updated' badge sits between the organisation and the clock, inside its box") {
    Fixture f;
    SlideTemplate slide_template = f.make();
    const auto now = at("2024-10-14T09:30:00Z");
    const auto updated = at("2024-10-14T07:05:00Z");
    for (const auto direction : {render::Direction::rtl, render::Direction::ltr}) {
      CAPTURE(static_cast<int>(direction));
      const auto band = slide_template.band(now, "بلدية المدينة", direction == render::Direction::rtl ? "ar" : "en",
                                            direction, kWidth, kHeight, updated);
      REQUIRE(band.texts.size() == 3);
      REQUIRE(band.rects.size() == 1);
      const auto name = first_line(band.texts[0]), clock = first_line(band.texts[1]), badge = first_line(band.texts[2]);
      const auto& box = band.rects[0];
      CHECK(box.x <= badge.first);
      CHECK(box.x + box.width >= badge.second);
      CHECK(box.y >= 0);
      CHECK(box.y + box.height <= band.height);
      if (direction == render::Direction::rtl) {
        CHECK(box.x > clock.second);             // left of it: the clock
        CHECK(box.x + box.width < name.first);   // right of it: the organisation
      } else {
        CHECK(box.x > name.second);
        CHECK(box.x + box.width < clock.first);
      }
    }
    const auto plain = slide_template.band(now, "Town hall", "en", render::Direction::ltr, kWidth, kHeight);
    CHECK(plain.texts.size() == 2);
    CHECK(plain.rects.empty());
  }

  TEST_CASE("title_scale and body_scale multiply the title's and the body's type sizes") {
    Fixture plain, scaled;
    scaled.theme.title_scale = 1.5f;
    scaled.theme.body_scale = 0.8f;
    SlideTemplate plain_template = plain.make(), scaled_template = scaled.make();
    const auto before = plain_template.slides(arabic_item(), 0, 1, kWidth, kHeight);
    const auto after = scaled_template.slides(arabic_item(), 0, 1, kWidth, kHeight);
    const auto width = [](const std::vector<Slide>& slides, size_t text) {
      REQUIRE(slides[0].scene.texts[text].layout.lines.size() == 1);  // short: each fits on one line
      return slides[0].scene.texts[text].layout.lines.front().width;
    };
    CHECK(width(after, 0) / width(before, 0) == doctest::Approx(1.5).epsilon(0.03));  // title
    CHECK(width(after, 2) / width(before, 2) == doctest::Approx(0.8).epsilon(0.03));  // body
  }

  TEST_CASE("a portrait screen has the header and type sizes of the landscape screen it is turned from") {
    Fixture f;
    SlideTemplate slide_template = f.make();
    const auto now = at("2024-10-14T09:30:00Z");
    CHECK(SlideTemplate::band_height(1080, 1920) == SlideTemplate::band_height(1920, 1080));
    // A long name is made smaller to stay on the band's one line, inside the band.
    const std::string name = "بلدية المدينة الكبرى ومجلسها البلدي ولجانه الدائمة";
    const auto band = slide_template.band(now, name, "ar", render::Direction::rtl, 1080, 1920, at("2024-10-13T07:05:00Z"));
    REQUIRE(band.texts.size() == 3);
    CHECK(band.texts[0].layout.lines.size() == 1);
    CHECK(band.texts[0].y >= 0);
    CHECK(band.texts[0].y + band.texts[0].layout.height <= static_cast<float>(band.height));
    CHECK(first_line(band.texts[0]).first > first_line(band.texts[2]).second);  // clear of the badge
    const auto landscape = slide_template.band(now, "بلدية المدينة", "ar", render::Direction::rtl, 1920, 1080);
    const auto portrait = slide_template.band(now, "بلدية المدينة", "ar", render::Direction::rtl, 1080, 1920);
    CHECK(portrait.texts[1].layout.lines.front().width == doctest::Approx(landscape.texts[1].layout.lines.front().width));
  }

  TEST_CASE("the badge says when, in the item's language, with the date when it is not today") {
    const DateFormatter arabic("ar", Numerals::western), english("en", Numerals::western);
    const auto now = at("2024-10-14T09:30:00Z");
    CHECK(last_updated_line(english, at("2024-10-14T07:05:00Z"), now, "en") == U"Last updated \u2068" + lafita::decode_utf8(english.time(at("2024-10-14T07:05:00Z"))) + U"\u2069");
    const std::u32string yesterday = last_updated_line(arabic, at("2024-10-13T07:05:00Z"), now, "ar");
    CHECK(yesterday.starts_with(U"آخر تحديث \u2068"));
    CHECK(yesterday.find(lafita::decode_utf8(arabic.date(at("2024-10-13T07:05:00Z")))) != std::u32string::npos);
  }

  TEST_CASE("inserted values are isolated, each on its own") {
    const DateFormatter dates("ar", Numerals::western);
    feeds::Item item = arabic_item();
    item.place = "Hall B-2";
    const std::u32string meta = meta_line(dates, item);
    // FSI when PDI, a separator, FSI place PDI.
    CHECK(meta.front() == U'\u2068');
    CHECK(meta.back() == U'\u2069');
    CHECK(meta.find(U"\u2069  \u2022  \u2068Hall B-2\u2069") != std::u32string::npos);
    CHECK(std::ranges::count(meta, U'\u2068') == 2);
    CHECK(std::ranges::count(meta, U'\u2069') == 2);
    const std::u32string clock = clock_line(dates, at("2024-10-14T09:30:00Z"));
    CHECK(std::ranges::count(clock, U'\u2068') == 2);
    CHECK(page_number(dates, 1, 2) == U"\u20681/2\u2069");
    CHECK(isolated("").empty());
  }

  TEST_CASE("an isolated Latin value keeps its order inside Arabic") {
    // "3 Rue de la Paix" in an Arabic line: left to bidi alone, the number would take the
    // Arabic side and show after the street ("Rue de la Paix 3"); isolated, the place is one
    // left-to-right unit, as written.
    Fixture f;
    SlideTemplate slide_template = f.make();
    feeds::Item item = arabic_item();
    item.place = "3 Rue de la Paix";
    const auto slides = slide_template.slides(item, 0, 1, kWidth, kHeight);
    const render::ParagraphLayout& meta = slides[0].scene.texts[1].layout;
    const std::u32string text = meta_line(DateFormatter("ar", Numerals::western), item);
    std::u32string visual;  // the characters of the glyphs, left to right
    for (const auto& run : meta.runs_of(meta.lines.front())) {
      for (const auto& glyph : meta.glyphs_of(run)) visual += text[glyph.cluster];
    }
    CHECK(visual.find(U"3 Rue de la Paix") != std::u32string::npos);
    // It is the last value in reading order, so the leftmost on screen.
    CHECK(visual.find(U"3 Rue de la Paix") < visual.find(U"2024"));
  }

  TEST_CASE("dates use Arabic month names, and the numeral style chosen") {
    feeds::Item item = arabic_item();
    CHECK(DateFormatter("ar", Numerals::western).date(*item.start) == "14 أكتوبر 2024");
    CHECK(DateFormatter("ar", Numerals::arabic_indic).date(*item.start) == "١٤ أكتوبر ٢٠٢٤");
    CHECK(DateFormatter("ar", Numerals::arabic_indic).number(12) == "١٢");
    CHECK(DateFormatter("ar", Numerals::western).number(12) == "12");
    CHECK(DateFormatter("en", Numerals::western).date(*item.start) == "October 14, 2024");
    item.all_day = true;
    item.end = at("2024-10-16T00:00:00Z");
    // CLDR 42 (ICU 72, Debian 12) writes "14–16 أكتوبر، 2024", later CLDR drops the comma:
    // what matters is the days as a range, the Arabic month name, then the year.
    const std::string western = DateFormatter("ar", Numerals::western).when(item);
    CHECK(western.starts_with("14–16 أكتوبر"));
    CHECK(western.ends_with(" 2024"));
    const std::string indic = DateFormatter("ar", Numerals::arabic_indic).when(item);
    CHECK(indic.starts_with("١٤–١٦ أكتوبر"));
    CHECK(indic.ends_with(" ٢٠٢٤"));
  }

  TEST_CASE("dwell is the words on the slide times the time per word, clamped") {
    Fixture f;
    f.settings.seconds_per_word = 1;
    f.settings.min_dwell = 1s;
    f.settings.max_dwell = 100s;
    feeds::Item item = english_item();
    item.start.reset();
    item.end.reset();
    item.place.clear();
    item.title = "one two three";
    item.body = "four five six seven\neight nine";
    SlideTemplate slide_template = f.make();
    CHECK(slide_template.slides(item, 0, 1, kWidth, kHeight)[0].dwell == 9s);
    f.settings.max_dwell = 5s;
    SlideTemplate capped = f.make();
    CHECK(capped.slides(item, 0, 1, kWidth, kHeight)[0].dwell == 5s);
    f.settings.min_dwell = 20s;
    f.settings.max_dwell = 30s;
    SlideTemplate floored = f.make();
    CHECK(floored.slides(item, 0, 1, kWidth, kHeight)[0].dwell == 20s);
  }

  TEST_CASE("every block of every page lies in order top to bottom: band, title, meta line, rule, body, footer, progress") {
    for_every_shape(check_order);
  }

  TEST_CASE("nothing but the footer's own blocks reaches into the footer, on every page") {
    for_every_shape([](SlideTemplate&, const feeds::Item&, const Slide& slide) { check_footer(slide); });
  }

  TEST_CASE("a long body continues on numbered pages in order, every line once") {
    Fixture f;
    f.settings.max_pages = 10;
    SlideTemplate slide_template = f.make();
    const feeds::Item item = long_item(12);
    std::vector<size_t> lengths;  // of each paragraph, in code points: where its lines end
    const std::u32string body = lafita::decode_utf8(item.body);
    for (std::u32string_view paragraph : render::split_paragraphs(body)) {
      if (!paragraph.empty()) lengths.push_back(paragraph.size());
    }
    REQUIRE(lengths.size() == 12);
    const auto slides = slide_template.slides(item, 0, 1, kWidth, kHeight);
    REQUIRE(slides.size() >= 2);
    // Where the text stands: paragraph `paragraph`, code point `offset`. Each body block goes
    // on from there, or starts the next paragraph once this one is all shown.
    size_t paragraph = 0, offset = 0;
    for (size_t page = 0; page < slides.size(); ++page) {
      CAPTURE(page);
      CHECK(slides[page].page == static_cast<int>(page));
      CHECK(slides[page].pages == static_cast<int>(slides.size()));
      for (const auto* block : blocks_of(slides[page]).body) {
        const auto& lines = block->layout.lines;
        REQUIRE_FALSE(lines.empty());
        if (offset == lengths[paragraph] && paragraph + 1 < lengths.size()) {
          ++paragraph;
          offset = 0;
        }
        CAPTURE(paragraph);
        for (const render::Line& line : lines) {
          CHECK(line.start == offset);
          offset = line.next;
        }
      }
    }
    CHECK(paragraph == lengths.size() - 1);  // every paragraph shown, the last to its end
    CHECK(offset == lengths.back());
  }

  TEST_CASE("text beyond the last allowed page is cut, the last line ending with an ellipsis inside the box") {
    Fixture f;
    f.settings.max_pages = 2;
    SlideTemplate slide_template = f.make();
    const auto slides = slide_template.slides(cut_item(), 0, 1, kWidth, kHeight);
    REQUIRE(slides.size() == 2);
    // The ellipsis block is the last body block: its last glyph in logical order is "…".
    const auto body = blocks_of(slides.back()).body;
    const auto& layout = body.back()->layout;
    const auto& font = *layout.runs.front().font;
    const auto logical_last = std::ranges::max_element(layout.glyphs, {}, &render::PlacedGlyph::cluster);
    hb_codepoint_t ellipsis = 0;
    REQUIRE(hb_font_get_nominal_glyph(font.hb_font(), U'\u2026', &ellipsis));
    CHECK(logical_last->id == ellipsis);
    CHECK(layout.lines.size() == 1);
    CHECK(bottom(*body.back()) <= kFooterTop);
  }

  TEST_CASE("an empty title and a Latin-only item still make slides") {
    Fixture f;
    SlideTemplate slide_template = f.make();
    feeds::Item item = arabic_item();
    item.title.clear();
    CHECK(slide_template.slides(item, 0, 1, kWidth, kHeight).size() == 1);
    feeds::Item latin = english_item();
    latin.language.clear();  // direction from the text: left to right
    const auto slides = slide_template.slides(latin, 0, 1, kWidth, kHeight);
    REQUIRE(slides.size() == 1);
    CHECK(slides[0].direction == render::Direction::ltr);
  }
}

TEST_SUITE("template") {
  TEST_CASE("an alert fills the screen in order, mirrored for Arabic, whatever its headline and instruction") {
    Fixture fixture;
    SlideTemplate slide_template = fixture.make();
    auto alert_item = [](feeds::Item item, std::string headline, std::string instruction) {
      item.title = std::move(headline);
      item.alert.emplace().severity = feeds::Severity::severe;
      item.alert->instruction = std::move(instruction);
      item.alert->sent = at("2026-11-30T07:15:00Z");
      return item;
    };
    const std::string endless(600, 'W');
    std::string long_instruction;
    for (int i = 0; i < 80; ++i) long_instruction += "اتبعوا تعليمات الحماية المدنية. ";
    for (const auto& item : {alert_item(arabic_item(), "تحذير من الفيضانات", "تجنّبوا الأنفاق."),
                             alert_item(english_item(), endless, "Avoid the underpasses."),
                             alert_item(arabic_item(), endless + " " + endless, long_instruction)}) {
      for (const auto& [width, height] : {std::pair{kWidth, kHeight}, std::pair{kHeight, kWidth}}) {
        CAPTURE(item.title.size());
        CAPTURE(width);
        const Slide slide = slide_template.alert_slide(item, 0, 2, width, height);
        CHECK_FALSE(slide.band);  // no header band over it
        CHECK(slide.pages == 1);
        const float footer_top = static_cast<float>(height) - std::round(0.075f * static_cast<float>(std::min(width, height)));
        // After the severity band's two texts: the headline, the instruction, the
        // description, each below the one before, inside the screen, above the footer
        // (whose two texts come last).
        REQUIRE(slide.scene.texts.size() >= 6);
        float previous_bottom = 0;
        for (size_t i = 2; i + 2 < slide.scene.texts.size(); ++i) {
          const auto& text = slide.scene.texts[i];
          CHECK(top(text) >= previous_bottom - kRounding);
          CHECK(bottom(text) <= footer_top + kRounding);
          for (const render::Line& line : text.layout.lines) {
            CHECK(text.x + line.x >= -kRounding);
            CHECK(text.x + line.x + line.width <= static_cast<float>(width) + kRounding);
          }
          previous_bottom = bottom(text);
        }
        // The bar beside the instruction stands where reading starts.
        const bool rtl = item.language == "ar";
        const auto& bar = slide.scene.rects[1];
        CHECK((rtl ? bar.x > static_cast<float>(width) / 2 : bar.x < static_cast<float>(width) / 2));
      }
    }
  }
}
