#pragma once

#include <fribidi.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace lafita::render {

enum class Direction : uint8_t { ltr, rtl };

// How a paragraph's base direction is chosen. `automatic` takes it from the first strong
// character (UAX #9 P2–P3), falling back to `fallback` when there is none.
enum class BaseDirection : uint8_t { automatic, ltr, rtl };

// One paragraph's bidi state: character types, bracket pairs and embedding levels, all
// indexed by code point offset. Reusable: resolving into it again keeps its capacity.
struct BidiParagraph {
  std::vector<FriBidiCharType> types;
  std::vector<FriBidiBracketType> brackets;
  std::vector<FriBidiLevel> levels;
  Direction direction = Direction::ltr;
  std::vector<FriBidiCharType> merged;  // working copy of `types` given to FriBidi
};

// Resolves the embedding levels of one paragraph (UAX #9 P2–I2, paired brackets included)
// with FriBidi. `text` must not contain paragraph separators except as its last character.
// `fallback` is the direction of a paragraph with no strong character when `base` is
// automatic.
void resolve_bidi(std::u32string_view text, BaseDirection base, BidiParagraph& out,
                  Direction fallback = Direction::ltr);

// Orders the line [start, end) of a resolved paragraph for display (UAX #9 L1–L2):
// trailing whitespace and isolates are set to the paragraph level in `paragraph.levels`
// (rule L1, so only this line's levels change). Then visual_to_logical[start + k] is the
// code point offset shown at the line's k-th visual position from the left; the vector is
// grown to the paragraph's length and entries outside the line are left alone. Marks are
// not reordered (HarfBuzz places them), and mirroring (L4) is left to HarfBuzz.
void reorder_line(BidiParagraph& paragraph, uint32_t start, uint32_t end,
                  std::vector<FriBidiStrIndex>& visual_to_logical);

// Whether the character type is removed by rule X9 (embeddings, overrides, BN):
// such characters have no level of their own in the Unicode tests.
inline bool removed_by_x9(FriBidiCharType type) { return FRIBIDI_IS_EXPLICIT_OR_BN(type); }

// Whether L1 resets the character at a line end: whitespace, separators, isolates and
// characters removed by X9. Such trailing characters hang past the line's end.
inline bool is_trailing_whitespace(FriBidiCharType type) {
  return type == FRIBIDI_TYPE_WS || type == FRIBIDI_TYPE_SS || type == FRIBIDI_TYPE_BS ||
         FRIBIDI_IS_ISOLATE(type) || FRIBIDI_IS_EXPLICIT_OR_BN(type);
}

}  // namespace lafita::render
