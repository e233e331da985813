#include "render/text/paragraph_layout.hpp"

#include <algorithm>

namespace lafita::render {

ParagraphLayout slice_lines(const ParagraphLayout& layout, size_t first, size_t last) {
  ParagraphLayout slice;
  slice.direction = layout.direction;
  slice.box_width = layout.box_width;
  last = std::min(last, layout.lines.size());
  if (first >= last) return slice;
  const float top = layout.lines[first].top;
  for (size_t k = first; k < last; ++k) {
    Line line = layout.lines[k];
    const auto run_begin = static_cast<uint32_t>(slice.runs.size());
    for (const GlyphRun& source : layout.runs_of(line)) {
      GlyphRun run = source;
      run.glyph_begin = static_cast<uint32_t>(slice.glyphs.size());
      const auto glyphs = layout.glyphs_of(source);
      slice.glyphs.insert(slice.glyphs.end(), glyphs.begin(), glyphs.end());
      run.glyph_end = static_cast<uint32_t>(slice.glyphs.size());
      slice.runs.push_back(run);
    }
    line.run_begin = run_begin;
    line.run_end = static_cast<uint32_t>(slice.runs.size());
    const auto kashida_begin = static_cast<uint32_t>(slice.kashidas.size());
    slice.kashidas.insert(slice.kashidas.end(), layout.kashidas.begin() + line.kashida_begin,
                          layout.kashidas.begin() + line.kashida_end);
    line.kashida_begin = kashida_begin;
    line.kashida_end = static_cast<uint32_t>(slice.kashidas.size());
    line.top -= top;
    line.baseline -= top;
    slice.height += line.height;
    slice.lines.push_back(line);
  }
  return slice;
}

}  // namespace lafita::render
