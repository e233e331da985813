#include "render/draw/scene.hpp"

#include <cmath>
#include <unordered_set>

namespace lafita::render {

PixelRect pixel_rect(const Scene::Rect& rect) {
  const auto left = static_cast<int>(std::lround(rect.x)), top = static_cast<int>(std::lround(rect.y));
  const auto right = static_cast<int>(std::lround(rect.x + rect.width));
  const auto bottom = static_cast<int>(std::lround(rect.y + rect.height));
  return {left, top, right - left, bottom - top};
}

void rasterize_glyphs(Scene& scene, GlyphRasterizer& rasterizer) {
  std::unordered_set<GlyphKey, GlyphKeyHash> seen;
  scene.glyphs.clear();
  for (const Scene::Text& text : scene.texts) {
    for_each_placed_glyph(text, [&](const GlyphKey& key, int, int) {
      if (seen.insert(key).second) scene.glyphs.push_back({key, rasterizer.glyph(key)});
    });
  }
}

}  // namespace lafita::render
