// Kashida justification: where an elongation may go (the rules, on words written for
// them), and what justified Arabic paragraphs must show at 600, 900 and 1400 px: every line
// but the last exactly as wide as the box, every kashida at a place the rules allow
// (checked here with ICU's character properties, not with the engine's own ranking), one
// per word, the letters' shapes unchanged by it, and spaces stretched far less.
#include "base/utf8.hpp"
#include "fonts/font_library.hpp"
#include "layout_invariants.hpp"
#include "render/text/kashida.hpp"
#include "render/text/text_layouter.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>
#include <hb.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace lafita;
using namespace lafita::render;

namespace {

// Seed-style paragraphs: Arabic news text with Latin acronyms, digits, brackets, commas
// and a word with shadda, written for these tests.
const std::vector<std::u32string> kParagraphs{
    U"استضافت حكومة تركمانستان في 17 مارس 2023 اجتماعاً إقليمياً عبر الإنترنت مع المنظمة الدولية للهجرة (IOM) "
    U"ووكالات الأمم المتحدة (UN) ومنظمة المدن المتحدة والحكومات المحلية – الشرق الأوسط وغرب آسيا (UCLG-MEWA)، "
    U"لمناقشة دور السلطات المحلية في تنفيذ الاتفاقين العالميين بشأن الهجرة واللاجئين.",
    U"ناقش المشاركون تنفيذ الاتفاقين العالميين GCM وGCR على المستوى المحلي، وذكّروا بإعلانات مراكش (2018) "
    U"وغازي عنتاب (2019) ولامبيدوزا (2022)، واتفقوا على تبادل التجارب بين البلديات وعلى عقد اجتماع سنوي لمتابعة التوصيات.",
    U"تعلن البلدية عن فتح باب التسجيل في دورات تعليم الحاسوب للمتقاعدين والشباب، وتُقام الدروس في المكتبة العمومية "
    U"كل يوم سبت وأحد، والتسجيل مجاني وعدد المقاعد محدود.",
};

bool is_mark(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK; }
bool is_space(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR; }
bool is_arabic_letter(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return u_isalpha(static_cast<UChar32>(c)) && uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_ARABIC;
}
int joining(char32_t c) { return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE); }

struct Fixture {
  fonts::FontLibrary library;
  TextLayouter layouter;
  const std::vector<std::string> files{test::naskh(), test::noto_sans()};
  fonts::FontStack stack = library.stack(files, 32);

  ParagraphLayout lay_out(const std::u32string& text, float width, Align align, bool kashida) {
    return layouter.layout(text, {&stack, 1.6f, align, BaseDirection::rtl, "ar", Wrap::greedy, kashida}, width);
  }
};

// The widest word space of the lines but the last, as a multiple of the natural space.
float widest_space(const ParagraphLayout& layout, const std::u32string& text, float natural) {
  float widest = 0;
  for (size_t k = 0; k + 1 < layout.lines.size(); ++k) {
    for (const GlyphRun& run : layout.runs_of(layout.lines[k])) {
      for (const PlacedGlyph& glyph : layout.glyphs_of(run)) {
        if (text[glyph.cluster] == U' ') widest = std::max(widest, glyph.advance / natural);
      }
    }
  }
  return widest;
}

}  // namespace

TEST_SUITE("kashida") {
  TEST_CASE("the places a word allows, by the traditional priorities") {
    const auto rank = [](std::u32string_view word, uint32_t p) { return kashida_rank(word, 0, uint32_t(word.size()), p); };
    CHECK(rank(U"مستقبل", 2) == 1);  // after seen: مسـتقبل
    CHECK(rank(U"نصر", 2) == 1);     // after sad
    CHECK(rank(U"جامعة", 4) == 2);   // before a final taa marbuta
    CHECK(rank(U"كلمه", 3) == 2);    // before a final heh
    CHECK(rank(U"دنيا", 3) == 2);    // before a final alef
    CHECK(rank(U"مثلا", 2) == 2);    // before the lam of a final lam-alef
    CHECK(rank(U"كتاب", 1) == 3);    // before teh
    CHECK(rank(U"حكيم", 3) == 4);    // before meem: any other join
    CHECK(rank(U"مثلا", 3) == 0);    // inside lam-alef
    CHECK(rank(U"الاتفاق", 2) == 0);  // inside lam-alef
    CHECK(rank(U"دار", 1) == 0);     // dal does not join the letter after it
    CHECK(rank(U"كتاب", 3) == 0);    // nor does alef
    CHECK(rank(U"مُحمد", 1) == 0);   // never before a mark: damma stays on meem
    CHECK(rank(U"مُحمد", 2) == 4);   // after meem and its damma
    CHECK(rank(U"كتاب", 0) == 0);    // not before the first letter
    CHECK(rank(U"UCLG", 2) == 0);    // never in a Latin word
    CHECK(rank(U"٢٠٢٣", 2) == 0);    // nor in a number
    // A place in a word of the paragraph: only inside [word_start, word_end).
    const std::u32string two = U"في مستقبل";
    CHECK(kashida_rank(two, 3, 9, 5) == 1);
    CHECK(kashida_rank(two, 0, 2, 5) == 0);
  }

  TEST_CASE("justified with kashidas: lines as wide as the box, elongations only where the rules allow, one per word") {
    Fixture f;
    hb_codepoint_t tatweel = 0;
    REQUIRE(hb_font_get_nominal_glyph(f.stack.primary().hb_font(), 0x0640, &tatweel));
    size_t kashidas = 0;
    for (const float width : {600.0f, 900.0f, 1400.0f}) {
      for (const std::u32string& text : kParagraphs) {
        CAPTURE(width);
        CAPTURE(encode_utf8(text.substr(0, 20)));
        const ParagraphLayout layout = f.lay_out(text, width, Align::justify, true);
        const ParagraphLayout spaces = f.lay_out(text, width, Align::justify, false);
        REQUIRE(layout.lines.size() == spaces.lines.size());  // the same lines, justified otherwise
        CHECK(test::invariant_violations(layout, text, width).empty());
        for (size_t k = 0; k < layout.lines.size(); ++k) {
          const Line& line = layout.lines[k];
          const bool last = k + 1 == layout.lines.size();
          if (!last) CHECK(std::abs(line.width - width) <= 0.5f);
          if (last) CHECK(line.kashida_end == line.kashida_begin);  // the last line is not justified
          uint32_t previous_word = UINT32_MAX;
          size_t tatweels = 0;
          for (uint32_t i = line.kashida_begin; i < line.kashida_end; ++i) {
            const Kashida& kashida = layout.kashidas[i];
            const uint32_t p = kashida.before;
            REQUIRE(p > line.start);
            REQUIRE(p < line.end);
            CHECK(is_arabic_letter(text[p]));
            CHECK_FALSE(is_mark(text[p]));  // never between a letter and its harakat
            uint32_t before = p - 1;
            while (is_mark(text[before])) --before;
            CHECK(is_arabic_letter(text[before]));
            CHECK(joining(text[before]) == U_JT_DUAL_JOINING);  // the letter before joins on
            CHECK_FALSE((text[before] == U'\u0644' && (text[p] == U'\u0627' || text[p] == U'\u0623' ||
                                                       text[p] == U'\u0625' || text[p] == U'\u0622')));  // lam-alef
            uint32_t word = p;
            while (word > line.start && !is_space(text[word - 1])) --word;
            CHECK(word != previous_word);  // one per word
            previous_word = word;
            CHECK(kashida.count >= 1);
            tatweels += kashida.count;
            ++kashidas;
          }
          // The letters' glyphs are those of the line justified by spaces, tatweels added.
          std::vector<uint32_t> with, without;
          size_t tatweel_glyphs = 0;
          for (const GlyphRun& run : layout.runs_of(line)) {
            for (const PlacedGlyph& g : layout.glyphs_of(run)) {
              if (g.id == tatweel && text[g.cluster] != U'\u0640') ++tatweel_glyphs;
              else with.push_back(g.id);
            }
          }
          for (const GlyphRun& run : spaces.runs_of(spaces.lines[k])) {
            for (const PlacedGlyph& g : spaces.glyphs_of(run)) without.push_back(g.id);
          }
          CHECK(with == without);
          CHECK(tatweel_glyphs == tatweels);
        }
      }
    }
    CHECK(kashidas > 50);  // the rules leave room for many
  }

  TEST_CASE("kashidas stretch word spaces far less than spaces alone") {
    Fixture f;
    const float natural = f.lay_out(U"ب ب", 1000, Align::start, false).glyphs[1].advance;
    for (const float width : {600.0f, 900.0f}) {
      float with = 0, without = 0;
      for (const std::u32string& text : kParagraphs) {
        with = std::max(with, widest_space(f.lay_out(text, width, Align::justify, true), text, natural));
        without = std::max(without, widest_space(f.lay_out(text, width, Align::justify, false), text, natural));
      }
      CAPTURE(width);
      CHECK(without >= 2.0f);  // what spaces alone need here
      CHECK(with <= 1.6f);
    }
  }

  TEST_CASE("no kashida without justify, in a line of Latin, or on a line ending in a forced break") {
    Fixture f;
    const std::u32string text = kParagraphs[0];
    CHECK(f.lay_out(text, 600, Align::start, true).kashidas.empty());
    CHECK(f.lay_out(text, 600, Align::justify, false).kashidas.empty());
    const std::u32string latin = U"The council met the IOM and UCLG-MEWA in Ashgabat to discuss the global compacts on migration.";
    CHECK(f.lay_out(latin, 400, Align::justify, true).kashidas.empty());
    const std::u32string forced = U"تعلن البلدية عن فتح باب التسجيل\u2028في دورات تعليم الحاسوب";
    const ParagraphLayout layout = f.lay_out(forced, 900, Align::justify, true);
    REQUIRE(layout.lines.size() == 2);
    CHECK(layout.lines[0].kashida_end == layout.lines[0].kashida_begin);
  }
}
