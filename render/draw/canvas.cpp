#include "render/draw/canvas.hpp"

#include <algorithm>
#include <cmath>

namespace lafita::render {

Canvas::Canvas(int width, int height, Color background)
    : width_(std::max(width, 1)), height_(std::max(height, 1)),
      pixels_(static_cast<size_t>(width_) * static_cast<size_t>(height_) * 4) {
  fill_rect(0, 0, width_, height_, background);
}

void Canvas::fill_rect(int x, int y, int w, int h, Color color) {
  const int x0 = std::max(x, 0), x1 = std::min(x + w, width_);
  const int y0 = std::max(y, 0), y1 = std::min(y + h, height_);
  for (int row = y0; row < y1; ++row) {
    for (int col = x0; col < x1; ++col) {
      uint8_t* p = &pixels_[(static_cast<size_t>(row) * static_cast<size_t>(width_) + static_cast<size_t>(col)) * 4];
      p[0] = color.r, p[1] = color.g, p[2] = color.b, p[3] = color.a;
    }
  }
}

void Canvas::blend(const GlyphBitmap& bitmap, int x, int y, Color color) {
  const int left = x + bitmap.left;
  const int top = y - bitmap.top;
  for (int row = std::max(0, -top); row < bitmap.height && top + row < height_; ++row) {
    for (int col = std::max(0, -left); col < bitmap.width && left + col < width_; ++col) {
      const unsigned coverage = bitmap.coverage[static_cast<size_t>(row * bitmap.width + col)] * color.a / 255u;
      if (coverage == 0) continue;
      const size_t at = (static_cast<size_t>(top + row) * static_cast<size_t>(width_) + static_cast<size_t>(left + col)) * 4;
      uint8_t* p = &pixels_[at];
      p[0] = static_cast<uint8_t>((color.r * coverage + p[0] * (255u - coverage)) / 255u);
      p[1] = static_cast<uint8_t>((color.g * coverage + p[1] * (255u - coverage)) / 255u);
      p[2] = static_cast<uint8_t>((color.b * coverage + p[2] * (255u - coverage)) / 255u);
      p[3] = static_cast<uint8_t>(std::min(255u, p[3] + coverage));
    }
  }
}

void draw_paragraph(Canvas& canvas, GlyphRasterizer& rasterizer, const ParagraphLayout& layout, float x, float y,
                    Color color) {
  for (const Line& line : layout.lines) {
    const float baseline = y + line.baseline;
    for (const GlyphRun& run : layout.runs_of(line)) {
      for (const PlacedGlyph& glyph : layout.glyphs_of(run)) {
        const GlyphPlacement at = place_glyph(x + glyph.x, run.font->size());
        const auto bitmap = rasterizer.glyph({run.font, glyph.id, at.subpixel});
        canvas.blend(*bitmap, at.x, static_cast<int>(std::lround(baseline + glyph.y)), color);
      }
    }
  }
}

}  // namespace lafita::render
