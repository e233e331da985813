#pragma once

#include "fonts/font_stack.hpp"
#include "render/text/bidi.hpp"
#include "render/text/paragraph_layout.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace lafita::render {

// Where lines sit in the box. start and end follow the paragraph direction (start is the
// right edge of a right-to-left paragraph); justify widens the spaces between words of
// every line but the last and those ending in a forced break.
enum class Align : uint8_t { start, end, left, right, center, justify };

// How lines are chosen. greedy: each line takes as many words as fit (first fit). balance
// (CSS text-wrap: balance, for titles): as few lines as greedy, made as equal as they can be
// by breaking at the narrowest width that needs no more lines. pretty (CSS text-wrap:
// pretty, for bodies): greedy, except that a last line of one word takes the last word of
// the line before, when the two still take two lines: never a line more. Each stretch
// between forced breaks is wrapped on its own; alignment is always within the whole box
// (as in CSS, a justified balanced line is widened to the box again).
enum class Wrap : uint8_t { greedy, balance, pretty };

struct TextStyle {
  const fonts::FontStack* fonts = nullptr;  // required; must outlive the layouts made with it
  float line_height = 1.6f;                 // × font size; a line grows to fit its tallest font
  Align align = Align::start;
  BaseDirection direction = BaseDirection::automatic;
  std::string language;  // BCP 47, e.g. "ar"; a right-to-left language makes `automatic` RTL
  Wrap wrap = Wrap::greedy;
  // With Align::justify: Arabic lines are also justified by elongating letter joins
  // (kashida, with tatweel glyphs), at most one per word, where HarfBuzz says a tatweel
  // can go and by the traditional priorities; spaces take the rest.
  bool kashida = false;
};

// Lays out paragraphs: bidi (FriBidi), itemisation with font fallback, shaping (HarfBuzz),
// line breaking on shaped advances (ICU UAX #14), per-line reordering and alignment.
// Keeps its working buffers between calls, so steady-state layout does not allocate per
// glyph. Not thread-safe: use one TextLayouter per thread.
class TextLayouter {
 public:
  TextLayouter();
  ~TextLayouter();
  TextLayouter(const TextLayouter&) = delete;
  TextLayouter& operator=(const TextLayouter&) = delete;

  // Lays out one paragraph (no paragraph separators in it; see split_paragraphs) in a
  // box `width` px wide, into `out`, reusing its storage. Any text is accepted: empty text
  // gives one empty line, a word wider than the box is broken between grapheme clusters,
  // a cluster wider than the box overflows it. Throws only std::bad_alloc.
  void layout(std::u32string_view paragraph, const TextStyle& style, float width, ParagraphLayout& out);
  ParagraphLayout layout(std::u32string_view paragraph, const TextStyle& style, float width);

 private:
  class Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace lafita::render
