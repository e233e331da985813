#include "render/draw/scene.hpp"

#include <unordered_set>

namespace lafita::render {

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
