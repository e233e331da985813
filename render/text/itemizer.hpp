#pragma once

#include "fonts/font_stack.hpp"
#include "render/text/bidi.hpp"
#include "render/text/breaks.hpp"

#include <hb.h>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace lafita::render {

// A maximal range of a paragraph with one bidi level, one script and one font: the unit
// HarfBuzz shapes.
struct ItemizedRun {
  uint32_t start, end;  // code points, logical order
  uint8_t level;
  hb_script_t script;
  uint16_t font;        // index in the FontStack
};

// Splits a paragraph into items. Scripts: Common and Inherited characters take the script
// of the text around them (a closing bracket that of its opening one). Fonts: each grapheme
// cluster takes the first font of the stack whose cmap covers all of it, so marks stay with
// their base; default-ignorable characters need no glyph; a cluster of spaces, punctuation
// or digits keeps the font of the cluster before it at the same bidi level if that font has it. Characters no font covers go to
// the font that covers the rest of their cluster (or the primary) and are added to
// `missing` (distinct, at most 16).
// Not thread-safe: one Itemizer per thread; it keeps its buffers between calls.
class Itemizer {
 public:
  // `graphemes` must have been given `text` (BreakFinder::set_text).
  void itemize(std::u32string_view text, const BidiParagraph& bidi, BreakFinder& graphemes,
               const fonts::FontStack& fonts, std::vector<ItemizedRun>& items, std::vector<char32_t>& missing);

 private:
  void resolve_scripts(std::u32string_view text, const BidiParagraph& bidi);
  hb_script_t script_of(char32_t c);
  void choose_fonts(std::u32string_view text, const BidiParagraph& bidi, BreakFinder& graphemes,
                    const fonts::FontStack& fonts, std::vector<char32_t>& missing);
  struct Choice {
    uint16_t font;
    bool complete;  // the font has every character of the cluster that needs a glyph
  };
  Choice font_for(std::u32string_view cluster, size_t at, const BidiParagraph& bidi,
                  const fonts::FontStack& fonts) const;

  std::vector<hb_script_t> scripts_;
  std::vector<uint8_t> neutral_;  // 1 where the character's own script is Common or Inherited
  std::vector<uint16_t> fonts_;
  struct OpenBracket {
    FriBidiBracketType id;
    size_t at;
  };
  std::vector<OpenBracket> open_brackets_;
  struct ScriptMemo {
    char32_t character = 0xFFFFFFFF;  // no character: every slot starts empty
    hb_script_t script = HB_SCRIPT_UNKNOWN;
  };
  std::array<ScriptMemo, 256> script_memo_{};
};

}  // namespace lafita::render
