// Behaviours of the layout engine that line starts and run order alone do not show:
// which glyphs are drawn (joining, ligatures, mirroring, fallback), alignment and
// justification, line metrics. Where a glyph is expected, HarfBuzz shaping the letter on
// its own is the reference.

#include "base/utf8.hpp"
#include "bench/texts.hpp"
#include "fonts/font_library.hpp"
#include "golden_case_file.hpp"
#include "layout_invariants.hpp"
#include "render/text/breaks.hpp"
#include "render/text/text_layouter.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <hb.h>
#include <unicode/uchar.h>

#include <map>

namespace lafita::render {
namespace {

struct Fixture {
  fonts::FontLibrary library;
  TextLayouter layouter;
  fonts::FontStack stack(std::vector<std::string> files, float size = 40) { return library.stack(files, size); }
  fonts::FontStack arabic() { return stack({test::naskh(), test::noto_sans()}); }
};

// Glyph ids by cluster as HarfBuzz shapes `text` alone with `font` (direction and script
// guessed, clusters per character as the engine asks for).
std::multimap<uint32_t, uint32_t> shape_alone(const fonts::Font& font, std::u32string_view text) {
  hb::unique_ptr<hb_buffer_t> buffer(hb_buffer_create());
  hb_buffer_add_utf32(buffer.get(), reinterpret_cast<const uint32_t*>(text.data()), static_cast<int>(text.size()), 0, -1);
  hb_buffer_guess_segment_properties(buffer.get());
  hb_buffer_set_cluster_level(buffer.get(), HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  hb_shape(font.hb_font(), buffer.get(), nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer.get(), &count);
  std::multimap<uint32_t, uint32_t> ids;
  for (unsigned i = 0; i < count; ++i) ids.emplace(infos[i].cluster, infos[i].codepoint);
  return ids;
}

// Glyph ids by the code point offset of their cluster.
std::multimap<uint32_t, uint32_t> glyphs_by_cluster(const ParagraphLayout& layout) {
  std::multimap<uint32_t, uint32_t> out;
  for (const PlacedGlyph& g : layout.glyphs) out.emplace(g.cluster, g.id);
  return out;
}

const GlyphRun* run_of(const ParagraphLayout& layout, uint32_t offset) {
  for (const GlyphRun& run : layout.runs) {
    if (offset >= run.start && offset < run.end) return &run;
  }
  return nullptr;
}

// Checks that each run of `layout` has exactly the glyphs HarfBuzz gives that run shaped on
// its own, with the paragraph around it as context and the run's properties: what the
// engine's shortcuts (runs cut from a shaping shared by several, remembered short runs,
// lines cut from their runs) must never change.
void check_runs_match_harfbuzz(const ParagraphLayout& layout, std::u32string_view text, const std::string& language) {
  hb::unique_ptr<hb_buffer_t> buffer(hb_buffer_create());
  for (const GlyphRun& run : layout.runs) {
    hb_buffer_clear_contents(buffer.get());
    hb_buffer_add_utf32(buffer.get(), reinterpret_cast<const uint32_t*>(text.data()), static_cast<int>(text.size()),
                        run.start, static_cast<int>(run.end - run.start));
    hb_buffer_set_direction(buffer.get(), (run.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer.get(), hb_script_from_iso15924_tag(run.script));
    hb_buffer_set_language(buffer.get(), language.empty() ? HB_LANGUAGE_INVALID : hb_language_from_string(language.c_str(), -1));
    hb_buffer_set_cluster_level(buffer.get(), HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    unsigned flags = HB_BUFFER_FLAG_DEFAULT;
    if (run.start == 0) flags |= HB_BUFFER_FLAG_BOT;
    if (run.end == text.size()) flags |= HB_BUFFER_FLAG_EOT;
    hb_buffer_set_flags(buffer.get(), static_cast<hb_buffer_flags_t>(flags));
    hb_shape(run.font->hb_font(), buffer.get(), nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer.get(), &count);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer.get(), nullptr);
    const auto glyphs = layout.glyphs_of(run);
    CAPTURE(run.start);
    CAPTURE(run.end);
    REQUIRE(glyphs.size() == count);
    for (unsigned g = 0; g < count; ++g) {
      CHECK(glyphs[g].id == infos[g].codepoint);
      CHECK(glyphs[g].cluster == infos[g].cluster);
      CHECK(glyphs[g].advance == doctest::Approx(positions[g].x_advance / 64.0));
      CHECK(glyphs[g].y == doctest::Approx(-positions[g].y_offset / 64.0));
    }
  }
}

TEST_SUITE("properties") {
  TEST_CASE("every run has the glyphs HarfBuzz gives it shaped alone, whatever shortcut made them") {
    Fixture f;
    const auto stack = f.arabic();
    for (float width : {2000.0f, 900.0f, 500.0f}) {
      for (const char* paragraph : bench::kParagraphs) {
        const std::u32string text = decode_utf8(paragraph);
        const auto layout = f.layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"}, width);
        check_runs_match_harfbuzz(layout, text, "ar");
      }
    }
    for (const auto& c : test::read_golden_cases(test::test_data("layout_cases.txt").string())) {
      if (c.text.size() > 1000) continue;
      std::vector<std::string> files;
      for (const auto& key : c.fonts) files.push_back(test::font_path(key));
      const auto case_stack = f.stack(files, c.size);
      CAPTURE(c.name);
      const auto layout = f.layouter.layout(c.text, {&case_stack, 1.6f, Align::start, c.direction, c.language}, c.width);
      check_runs_match_harfbuzz(layout, c.text, c.language);
    }
  }

  TEST_CASE("ZWNJ keeps the letters on both sides in their isolated forms") {
    Fixture f;
    const auto stack = f.arabic();
    const TextStyle style{&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"};
    const auto isolated = shape_alone(stack[0], U"\u0628");
    REQUIRE(isolated.size() == 1);
    const uint32_t beh = isolated.begin()->second;
    const auto joined = f.layouter.layout(U"\u0628\u0628", style, 900);
    const auto apart = f.layouter.layout(U"\u0628\u200C\u0628", style, 900);
    CHECK(glyphs_by_cluster(joined).find(0)->second != beh);
    CHECK(glyphs_by_cluster(apart).find(0)->second == beh);
    CHECK(glyphs_by_cluster(apart).find(2)->second == beh);
    CHECK(apart.lines.size() == 1);
  }

  TEST_CASE("lam-alef keeps its ligature forms and is never split between two lines") {
    Fixture f;
    const auto stack = f.arabic();
    const std::u32string text = U"\u0627\u0644\u0633\u0644\u0627\u0645";  // السلام: lam (3) alef (4)
    const auto reference = shape_alone(stack[0], text);
    for (float width : {2000.0f, 120.0f, 80.0f, 50.0f, 30.0f, 20.0f, 1.0f}) {
      CAPTURE(width);
      const auto layout = f.layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"}, width);
      CHECK(test::invariant_violations(layout, text, width).empty());
      for (const Line& line : layout.lines) CHECK(line.start != 4);
      CHECK(glyphs_by_cluster(layout) == reference);
    }
  }

  TEST_CASE("a tab ends the cluster of a prepended mark before it, so a narrow line may be cut there") {
    // U+0602 (a prepended concatenation mark) joins the grapheme cluster that follows it,
    // unless a control follows. Tabs are shaped as spaces; clusters and breaks were found on
    // that spaced text, which kept "\u0602\t." whole and overflowing (a fuzzer finding).
    Fixture f;
    const auto stack = f.arabic();
    const std::u32string text = U"\u0641\u0602\t.\u0645";
    const auto layout = f.layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::automatic, ""}, 0);
    CHECK(test::invariant_violations(layout, text, 0).empty());
    CHECK(std::ranges::any_of(layout.lines, [](const Line& line) { return line.start == 2; }));
  }

  TEST_CASE("a word broken by an emergency break keeps its joining forms on both sides") {
    Fixture f;
    const auto stack = f.arabic();
    const std::u32string word = U"\u0645\u0633\u062A\u0634\u0641\u064A\u0627\u062A";  // مستشفيات
    const TextStyle style{&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"};
    const auto whole = f.layouter.layout(word, style, 2000);
    REQUIRE(whole.lines.size() == 1);
    const auto broken = f.layouter.layout(word, style, whole.lines[0].width / 2);
    REQUIRE(broken.lines.size() >= 2);
    CHECK(glyphs_by_cluster(broken) == glyphs_by_cluster(whole));
  }

  TEST_CASE("marks stay in the font of their base when the base comes from a fallback font") {
    Fixture f;
    // DejaVu Sans has many Arabic letters and marks but not U+0671 or U+06E1: clusters
    // holding them move to Noto Naskh Arabic whole, marks included.
    const auto stack = f.stack({test::dejavu(), test::naskh()});
    const std::u32string text = U"\u0671\u0644\u06E1\u062D\u064E\u0645\u06E1\u062F\u064F \u0644\u0650\u0644\u0651\u064E\u0647\u0650";
    const auto layout = f.layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"}, 2000);
    CHECK(test::invariant_violations(layout, text, 2000).empty());
    hb_codepoint_t dotted_circle_dejavu = 0, dotted_circle_naskh = 0;
    hb_font_get_nominal_glyph(stack[0].hb_font(), 0x25CC, &dotted_circle_dejavu);
    hb_font_get_nominal_glyph(stack[1].hb_font(), 0x25CC, &dotted_circle_naskh);
    bool used_both = false;
    for (uint32_t i = 1; i < text.size(); ++i) {
      if (u_charType(static_cast<UChar32>(text[i])) != U_NON_SPACING_MARK) continue;
      uint32_t base = i;
      while (base > 0 && u_charType(static_cast<UChar32>(text[base])) == U_NON_SPACING_MARK) --base;
      CAPTURE(i);
      REQUIRE(run_of(layout, i) != nullptr);
      CHECK(run_of(layout, i)->font == run_of(layout, base)->font);
      used_both |= run_of(layout, i)->font != run_of(layout, 0)->font;
    }
    CHECK(run_of(layout, 0)->font == &stack[1]);  // ٱ: not in DejaVu Sans
    CHECK(used_both);
    for (const GlyphRun& run : layout.runs) {
      for (const PlacedGlyph& g : layout.glyphs_of(run)) {
        CHECK(g.id != (run.font == &stack[0] ? dotted_circle_dejavu : dotted_circle_naskh));
      }
    }
  }

  TEST_CASE("brackets are mirrored once in right-to-left runs and not at all in left-to-right ones") {
    Fixture f;
    const auto stack = f.arabic();
    hb_codepoint_t open = 0, close = 0;
    REQUIRE(hb_font_get_nominal_glyph(stack[1].hb_font(), '(', &open));
    REQUIRE(hb_font_get_nominal_glyph(stack[1].hb_font(), ')', &close));
    const std::u32string arabic = U"\u0627\u0644\u0647\u062C\u0631\u0629 (IOM)";
    const auto rtl = f.layouter.layout(arabic, {&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"}, 900);
    CHECK(glyphs_by_cluster(rtl).find(7)->second == close);  // logical "(" drawn as ")"
    CHECK(glyphs_by_cluster(rtl).find(11)->second == open);
    const std::u32string english = U"The agency (IOM)";
    const auto ltr = f.layouter.layout(english, {&stack, 1.6f, Align::start, BaseDirection::ltr, ""}, 900);
    CHECK(glyphs_by_cluster(ltr).find(11)->second == open);
    CHECK(glyphs_by_cluster(ltr).find(15)->second == close);
  }

  TEST_CASE("start is the right edge of an RTL paragraph; end, center, left and right place lines too") {
    Fixture f;
    const auto stack = f.arabic();
    const std::u32string text = U"\u0645\u0631\u062D\u0628\u0627 IOM";
    auto place = [&](Align align, BaseDirection direction) {
      const auto layout = f.layouter.layout(text, {&stack, 1.6f, align, direction, ""}, 900);
      return std::pair{layout.lines[0].x, layout.lines[0].x + layout.lines[0].width};
    };
    CHECK(place(Align::start, BaseDirection::rtl).second == doctest::Approx(900));
    CHECK(place(Align::start, BaseDirection::ltr).first == 0);
    CHECK(place(Align::end, BaseDirection::rtl).first == 0);
    CHECK(place(Align::end, BaseDirection::ltr).second == doctest::Approx(900));
    CHECK(place(Align::left, BaseDirection::rtl).first == 0);
    CHECK(place(Align::right, BaseDirection::ltr).second == doctest::Approx(900));
    const auto [left, right] = place(Align::center, BaseDirection::rtl);
    CHECK(left == doctest::Approx(900 - right).epsilon(0.01));
  }

  TEST_CASE("justify widens only the spaces of every line but the last") {
    Fixture f;
    const auto stack = f.arabic();
    const std::u32string text =
        U"\u0641\u064A 17 \u0645\u0627\u0631\u0633 2023 \u0627\u0633\u062A\u0636\u0627\u0641\u062A \u062D\u0643\u0648\u0645\u0629 "
        U"\u062A\u0631\u0643\u0645\u0627\u0646\u0633\u062A\u0627\u0646 \u0627\u062C\u062A\u0645\u0627\u0639\u0627\u064B "
        U"\u0639\u0628\u0631 \u0627\u0644\u0625\u0646\u062A\u0631\u0646\u062A \u0645\u0639 IOM";
    const auto natural = f.layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"}, 700);
    const auto justified = f.layouter.layout(text, {&stack, 1.6f, Align::justify, BaseDirection::rtl, "ar"}, 700);
    REQUIRE(natural.lines.size() >= 2);
    REQUIRE(justified.lines.size() == natural.lines.size());
    for (size_t k = 0; k < justified.lines.size(); ++k) {
      const bool last = k + 1 == justified.lines.size();
      CAPTURE(k);
      CHECK(justified.lines[k].start == natural.lines[k].start);
      if (last) {
        CHECK(justified.lines[k].width == doctest::Approx(natural.lines[k].width));
        CHECK(justified.lines[k].x + justified.lines[k].width == doctest::Approx(700));
      } else {
        CHECK(justified.lines[k].x == 0);
        CHECK(justified.lines[k].width == doctest::Approx(700).epsilon(0.001));
      }
    }
    REQUIRE(justified.glyphs.size() == natural.glyphs.size());
    for (size_t g = 0; g < justified.glyphs.size(); ++g) {
      const bool space = text[justified.glyphs[g].cluster] == U' ';
      if (!space) CHECK(justified.glyphs[g].advance == natural.glyphs[g].advance);
    }
    // One word on a line: nothing to widen, so it is not letter-spaced but start-aligned.
    const std::u32string word = U"\u0645\u0633\u062A\u0634\u0641\u064A\u0627\u062A";
    const TextStyle justify{&stack, 1.6f, Align::justify, BaseDirection::rtl, "ar"};
    const float word_width = f.layouter.layout(word, justify, 2000).lines[0].width;
    const auto alone = f.layouter.layout(word + U" " + word, justify, word_width + 20);
    REQUIRE(alone.lines.size() == 2);
    CHECK(alone.lines[0].width == doctest::Approx(word_width));
    CHECK(alone.lines[0].x + alone.lines[0].width == doctest::Approx(word_width + 20));
  }

  TEST_CASE("a line is as tall as the tallest font on it and never shorter than the primary font") {
    Fixture f;
    const auto stack = f.arabic();
    const auto& naskh = stack[0];
    const auto& sans = stack[1];
    const float strut = 1.0f * 40;
    const auto latin = f.layouter.layout(U"IOM", {&stack, 1.0f, Align::start, BaseDirection::ltr, ""}, 900);
    CHECK(latin.lines[0].ascent == doctest::Approx(std::max(naskh.ascent64(), sans.ascent64()) / 64.0));
    CHECK(latin.lines[0].height >= (naskh.ascent64() + naskh.descent64()) / 64.0f - 0.01f);
    CHECK(latin.lines[0].height > strut);  // Naskh's extents exceed 1 em: the line grows
    const auto roomy = f.layouter.layout(U"IOM", {&stack, 3.0f, Align::start, BaseDirection::ltr, ""}, 900);
    CHECK(roomy.lines[0].height == doctest::Approx(120));
    CHECK(roomy.lines[0].baseline > roomy.lines[0].ascent);  // half the leading above
  }

  TEST_CASE("no line starts with an Arabic comma, semicolon, question mark or closing bracket") {
    Fixture f;
    const auto stack = f.arabic();
    const std::u32string text =
        U"\u0647\u0644 \u0648\u0627\u0641\u0642 \u060C \u0627\u0644\u0645\u062C\u0644\u0633 \u061B \u0639\u0644\u0649 "
        U"(\u0627\u0644\u0645\u064A\u0632\u0627\u0646\u064A\u0629 ) \u061F \u0646\u0639\u0645\u060C \u0644\u0627\u061B";
    for (float width = 40; width < 900; width += 7) {
      const auto layout = f.layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"}, width);
      for (const Line& line : layout.lines) {
        CAPTURE(width);
        CHECK_FALSE(never_starts_line(text[line.start]));
      }
    }
  }

  TEST_CASE("text no font covers becomes .notdef and is reported by code point") {
    Fixture f;
    const auto stack = f.arabic();
    const std::u32string text = U"\u0645 \U0001F600 \u2603 \U0001F600";
    const auto layout = f.layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"}, 900);
    CHECK(layout.missing == std::vector<char32_t>{U'\U0001F600', U'\u2603'});
    CHECK(glyphs_by_cluster(layout).find(2)->second == 0);
  }
}

}  // namespace
}  // namespace lafita::render
