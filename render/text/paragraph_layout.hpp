#pragma once

#include "fonts/font.hpp"
#include "render/text/bidi.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace lafita::render {

// One glyph placed in its paragraph's box. Coordinates are px, x from the box's left
// edge to the glyph origin, y from the line's baseline, growing downwards.
struct PlacedGlyph {
  uint32_t id;       // glyph index in its run's font (never a code point)
  uint32_t cluster;  // code point offset in the paragraph of the first character it shows
  float x;
  float y;
  float advance;     // px, including any space added by justification
};

// Consecutive glyphs of one font, one bidi level and one script on one line.
struct GlyphRun {
  const fonts::Font* font;
  uint8_t level;        // UAX #9 embedding level; odd is right-to-left
  uint32_t script;      // ISO 15924 tag as a HarfBuzz tag ('Arab', 'Latn', 'Zyyy')
  uint32_t start, end;  // code point range in the paragraph, logical order
  uint32_t glyph_begin, glyph_end;  // in ParagraphLayout::glyphs, left to right
};

struct Line {
  uint32_t start, end;  // code points; `end` excludes the trailing whitespace
  uint32_t next;        // where the next line starts: `end` plus the trailing whitespace
  float x;              // px, the left edge of the line in the box after alignment
  float width;          // px, advances of [start, end), justification included
  float ascent;         // px above the baseline, over every font on the line and the primary
  float descent;        // px below the baseline
  float top;            // px, the top of the line box from the top of the paragraph
  float baseline;       // px, the baseline from the top of the paragraph
  float height;         // px, the line box: at least line-height × size, at least ascent + descent
  uint32_t run_begin, run_end;  // in ParagraphLayout::runs, left to right
  uint32_t kashida_begin = 0, kashida_end = 0;  // in ParagraphLayout::kashidas
};

// An elongation of a letter join (kashida) made by justification: `count` tatweel glyphs,
// `width` px in all, inserted before the code point `before` (between it and the letter
// before it, which it joins).
struct Kashida {
  uint32_t before;
  uint32_t count;
  float width;
};

// A laid-out paragraph: a plain value, the same for drawing, tests and `lafita layout`.
// Stored flat so that laying out again into the same value allocates nothing once its
// vectors are large enough.
struct ParagraphLayout {
  Direction direction = Direction::ltr;  // the resolved paragraph direction
  float box_width = 0;
  float height = 0;                      // sum of the line heights
  std::vector<Line> lines;
  std::vector<GlyphRun> runs;
  std::vector<PlacedGlyph> glyphs;
  std::vector<Kashida> kashidas;         // of every line, in line order
  std::vector<char32_t> missing;         // distinct characters no font of the stack has

  std::span<const GlyphRun> runs_of(const Line& line) const {
    return std::span(runs).subspan(line.run_begin, line.run_end - line.run_begin);
  }
  std::span<const PlacedGlyph> glyphs_of(const GlyphRun& run) const {
    return std::span(glyphs).subspan(run.glyph_begin, run.glyph_end - run.glyph_begin);
  }
};

}  // namespace lafita::render

namespace lafita::render {

// Lines [first, last) of a layout as a layout of their own, the first line's top at 0: a
// paragraph continued on the next page keeps its shaping and breaks.
ParagraphLayout slice_lines(const ParagraphLayout& layout, size_t first, size_t last);

}  // namespace lafita::render
