#pragma once

#include "fonts/font.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace lafita::render {

// A glyph's 8-bit coverage. `left` and `top` place the bitmap from the glyph origin
// (FreeType's bitmap_left, bitmap_top: top grows upwards).
struct GlyphBitmap {
  int left = 0;
  int top = 0;
  int width = 0;
  int height = 0;
  std::vector<uint8_t> coverage;  // width × height, row-major
};

// Rasterises glyph ids (never code points) with FreeType, unhinted so that the pixels
// follow the advances HarfBuzz measured, at quarter-pixel horizontal offsets. Bitmaps are
// cached by (font, glyph id, quarter-pixel offset) for the rasteriser's life.
// The FontLibrary that owns the fonts must outlive it. Not thread-safe.
class GlyphRasterizer {
 public:
  GlyphRasterizer();  // throws std::runtime_error if FreeType cannot start
  ~GlyphRasterizer();
  GlyphRasterizer(const GlyphRasterizer&) = delete;
  GlyphRasterizer& operator=(const GlyphRasterizer&) = delete;

  static constexpr int kSubpixelSteps = 4;

  // The bitmap of glyph `id` of `font` drawn with its origin `subpixel` quarter pixels
  // right of a whole pixel (0–3). A glyph FreeType cannot load comes back empty.
  const GlyphBitmap& glyph(const fonts::Font& font, uint32_t id, int subpixel);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace lafita::render
