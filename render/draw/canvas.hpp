#pragma once

#include "render/draw/color.hpp"
#include "render/draw/glyph_rasterizer.hpp"
#include "render/text/paragraph_layout.hpp"

#include <cstdint>
#include <vector>

namespace lafita::render {

// An RGBA8 image in memory (straight alpha, sRGB), for pictures made without a display:
// `lafita layout --png` and, later, tests. Drawing outside the image is clipped.
class Canvas {
 public:
  Canvas(int width, int height, Color background);

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<uint8_t>& rgba() const { return pixels_; }

  void fill_rect(int x, int y, int w, int h, Color color);
  // Blends the bitmap with its origin at (x, y) (whole pixels), coverage as alpha.
  void blend(const GlyphBitmap& bitmap, int x, int y, Color color);

 private:
  int width_, height_;
  std::vector<uint8_t> pixels_;
};

// Draws a laid-out paragraph with the top-left of its box at (x, y).
void draw_paragraph(Canvas& canvas, GlyphRasterizer& rasterizer, const ParagraphLayout& layout, float x, float y,
                    Color color);

}  // namespace lafita::render
