#pragma once

#include "render/draw/scene.hpp"
#include "render/sdl/glyph_atlas.hpp"

#include <SDL2/SDL.h>

#include <vector>

namespace lafita::render {

// Draws scenes with an SDL renderer, GPU or software alike: the background and rectangles
// with SDL's fills, the text as one SDL_RenderGeometry call per atlas page, every glyph a
// textured quad tinted with its block's colour. No layout and no rasterisation happens
// here: the scene brings its glyph bitmaps. Main thread only.
class SceneRenderer {
 public:
  explicit SceneRenderer(SDL_Renderer* renderer, int atlas_page_size = 512, int atlas_pages = 16);

  // Draws `scene` over the whole of `target` (a texture made with SDL_TEXTUREACCESS_TARGET,
  // or nullptr for the window), then sets the render target back to the window. `photo`
  // (none: null) is drawn after the scene's own pictures, before its text: a slide's
  // photo, which the scene leaves out because it comes later and for a few slides only.
  // Returns false, with SDL_GetError() set, if SDL refused a call.
  bool compose(const Scene& scene, SDL_Texture* target, const Scene::Image* photo = nullptr);

  const GlyphAtlas& atlas() const { return atlas_; }
  // Gives the atlas's pages back (GlyphAtlas::release); the next compose uploads its
  // glyphs again.
  void release_atlas() { atlas_.release(); }

 private:
  SDL_Renderer* renderer_;
  GlyphAtlas atlas_;
  std::vector<std::vector<SDL_Vertex>> vertices_;  // per atlas page, kept for their capacity
  std::vector<std::vector<int>> indices_;
};

}  // namespace lafita::render
