#include "render/sdl/scene_renderer.hpp"

#include "render/sdl/sdl_handles.hpp"

#include <algorithm>

namespace lafita::render {

namespace {

// A picture copied 1:1 (it was scaled to its box before), a band of rows at a time through
// one small texture: a full-size copy would double a photo's memory while its slide is
// composed. SDL runs the copies queued from the texture before it is updated again.
bool draw_image(SDL_Renderer* renderer, const Scene::Image& image) {
  if (!image.pixels || image.pixels->empty()) return true;
  const RgbaImage& pixels = *image.pixels;
  const int rows = std::clamp((256 << 10) / (pixels.width * 4), 1, pixels.height);
  const TexturePtr band(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, pixels.width, rows));
  if (!band) return false;
  SDL_SetTextureBlendMode(band.get(), SDL_BLENDMODE_BLEND);
  const size_t pitch = static_cast<size_t>(pixels.width) * 4;
  bool ok = true;
  for (int y = 0; y < pixels.height && ok; y += rows) {
    const int height = std::min(rows, pixels.height - y);
    const SDL_Rect part{0, 0, pixels.width, height};
    const SDL_Rect area{image.x, image.y + y, pixels.width, height};
    ok = SDL_UpdateTexture(band.get(), &part, pixels.pixels.data() + static_cast<size_t>(y) * pitch, int(pitch)) == 0 &&
         SDL_RenderCopy(renderer, band.get(), &part, &area) == 0;
  }
  return ok;  // destroying the band texture first runs what was queued from it
}

}  // namespace

SceneRenderer::SceneRenderer(SDL_Renderer* renderer, int atlas_page_size, int atlas_pages)
    : renderer_(renderer), atlas_(renderer, atlas_page_size, atlas_pages) {}

bool SceneRenderer::compose(const Scene& scene, SDL_Texture* target, const Scene::Image* photo) {
  bool ok = SDL_SetRenderTarget(renderer_, target) == 0;
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(renderer_, scene.background.r, scene.background.g, scene.background.b, scene.background.a);
  ok &= SDL_RenderClear(renderer_) == 0;
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
  for (const Scene::Rect& rect : scene.rects) {
    const PixelRect pixels = pixel_rect(rect);
    const SDL_Rect area{pixels.x, pixels.y, pixels.width, pixels.height};
    SDL_SetRenderDrawColor(renderer_, rect.color.r, rect.color.g, rect.color.b, rect.color.a);
    ok &= SDL_RenderFillRect(renderer_, &area) == 0;
  }
  for (const Scene::Image& image : scene.images) ok &= draw_image(renderer_, image);
  if (photo) ok &= draw_image(renderer_, *photo);

  atlas_.begin_batch();
  for (const Scene::Glyph& glyph : scene.glyphs) atlas_.place(glyph.key, *glyph.bitmap);
  for (auto& page : vertices_) page.clear();
  for (auto& page : indices_) page.clear();
  vertices_.resize(atlas_.page_count());
  indices_.resize(atlas_.page_count());
  for (const Scene::Text& text : scene.texts) {
    const SDL_Color color{text.color.r, text.color.g, text.color.b, text.color.a};
    for_each_placed_glyph(text, [&](const GlyphKey& key, int x, int baseline) {
      const GlyphAtlas::Entry* entry = atlas_.find(key);
      if (!entry) return;
      const SDL_Rect& r = entry->rect;
      const float page_size = static_cast<float>(atlas_.page_side(entry->page));  // a large glyph's page is larger
      const float left = static_cast<float>(x + entry->left), top = static_cast<float>(baseline - entry->top);
      const float right = left + static_cast<float>(r.w), bottom = top + static_cast<float>(r.h);
      const float u0 = static_cast<float>(r.x) / page_size, v0 = static_cast<float>(r.y) / page_size;
      const float u1 = static_cast<float>(r.x + r.w) / page_size, v1 = static_cast<float>(r.y + r.h) / page_size;
      auto& vertices = vertices_[static_cast<size_t>(entry->page)];
      const int first = static_cast<int>(vertices.size());
      vertices.push_back({{left, top}, color, {u0, v0}});
      vertices.push_back({{right, top}, color, {u1, v0}});
      vertices.push_back({{right, bottom}, color, {u1, v1}});
      vertices.push_back({{left, bottom}, color, {u0, v1}});
      for (int corner : {0, 1, 2, 0, 2, 3}) indices_[static_cast<size_t>(entry->page)].push_back(first + corner);
    });
  }
  for (size_t page = 0; page < vertices_.size(); ++page) {
    if (vertices_[page].empty()) continue;
    ok &= SDL_RenderGeometry(renderer_, atlas_.page(static_cast<int>(page)), vertices_[page].data(),
                             static_cast<int>(vertices_[page].size()), indices_[page].data(),
                             static_cast<int>(indices_[page].size())) == 0;
  }
  ok &= SDL_SetRenderTarget(renderer_, nullptr) == 0;
  return ok;
}

}  // namespace lafita::render
