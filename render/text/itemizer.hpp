#pragma once

#include "fonts/font_stack.hpp"
#include "render/text/bidi.hpp"

#include <hb.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace lafita::render {

// A maximal range of a paragraph with one bidi level, one script and one font: the unit
// HarfBuzz shapes.
struct Item {
  uint32_t start, end;  // code points, logical order
  uint8_t level;
  hb_script_t script;
  uint16_t font;        // index in the FontStack
};

// Splits a paragraph into items. Scripts: Common and Inherited characters take the script
// of the text around them (a closing bracket that of its opening one). Fonts: each grapheme
// cluster takes the first font of the stack whose cmap covers all of it, so marks stay with
// their base; default-ignorable characters need no glyph. Characters no font covers go to
// the font that covers the rest of their cluster (or the primary) and are added to
// `missing` (distinct, at most 16).
// Not thread-safe: one Itemizer per thread; it keeps its buffers between calls.
class Itemizer {
 public:
  void itemize(std::u32string_view text, const BidiParagraph& bidi, std::span<const uint8_t> grapheme_starts,
               const fonts::FontStack& fonts, std::vector<Item>& items, std::vector<char32_t>& missing);

 private:
  void resolve_scripts(std::u32string_view text, const BidiParagraph& bidi);
  void choose_fonts(std::u32string_view text, std::span<const uint8_t> grapheme_starts,
                    const fonts::FontStack& fonts, std::vector<char32_t>& missing);

  std::vector<hb_script_t> scripts_;
  std::vector<uint16_t> fonts_;
  struct OpenBracket {
    FriBidiBracketType id;
    size_t at;
  };
  std::vector<OpenBracket> open_brackets_;
};

}  // namespace lafita::render
