#pragma once

#include "fonts/font.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
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

// Glyphs are drawn at quarter-pixel horizontal offsets and on whole pixels vertically.
inline constexpr int kSubpixelSteps = 4;

// One rasterised variant of a glyph: which font, which glyph id, which quarter pixel.
struct GlyphKey {
  const fonts::Font* font;
  uint32_t id;
  uint8_t subpixel;  // 0 to kSubpixelSteps - 1
  bool operator==(const GlyphKey&) const = default;
};

struct GlyphKeyHash {
  size_t operator()(const GlyphKey& k) const {
    return std::hash<const void*>()(k.font) ^ (static_cast<size_t>(k.id) << 2 | k.subpixel) * 0x9E3779B97F4A7C15ull;
  }
};

// Where a glyph of a `size` px font whose origin is at `x` goes: the whole pixel and the
// quarter-pixel variant. Every drawing path places glyphs with this, so that previews and
// screens agree. From kWholePixelSize up, a quarter pixel is lost in the stems and the
// spacing, so large text takes the nearest whole pixel: a quarter of the bitmaps to make,
// keep and upload (a 1080p slide's atlas fits one page instead of two).
inline constexpr float kWholePixelSize = 28;
struct GlyphPlacement {
  int x;
  uint8_t subpixel;
};
inline GlyphPlacement place_glyph(float x, float size) {
  if (size >= kWholePixelSize) return {static_cast<int>(std::lround(x)), 0};
  const float whole = std::floor(x);
  const int quarter = static_cast<int>((x - whole) * kSubpixelSteps);
  return {static_cast<int>(whole), static_cast<uint8_t>(quarter < kSubpixelSteps ? quarter : kSubpixelSteps - 1)};
}

// Rasterises glyph ids (never code points) with FreeType, unhinted so that the pixels
// follow the advances HarfBuzz measured. Bitmaps are shared and immutable, so other threads
// may keep and read them; the cache forgets everything once it holds `max_bytes` (bitmaps
// still in use live on). The FontLibrary that owns the fonts must outlive it.
// Not thread-safe: one thread rasterises (the slide preparer).
class GlyphRasterizer {
 public:
  explicit GlyphRasterizer(size_t max_bytes = 32u << 20);  // throws std::runtime_error if FreeType cannot start
  ~GlyphRasterizer();
  GlyphRasterizer(const GlyphRasterizer&) = delete;
  GlyphRasterizer& operator=(const GlyphRasterizer&) = delete;

  // The bitmap of a glyph variant. A glyph FreeType cannot load comes back empty.
  std::shared_ptr<const GlyphBitmap> glyph(const GlyphKey& key);

  size_t cached_bytes() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace lafita::render
