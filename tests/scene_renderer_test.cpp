// The SDL drawing path (atlas pages, one SDL_RenderGeometry call per page) against the
// CPU canvas, which blends the same glyph bitmaps at the same places: the software
// renderer must draw the same pixels, within blending rounding.

#include "fonts/font_library.hpp"
#include "render/draw/canvas.hpp"
#include "render/sdl/scene_renderer.hpp"
#include "render/text/text_layouter.hpp"
#include "test_paths.hpp"

#include <SDL2/SDL.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <vector>

namespace lafita::render {
namespace {

struct Sdl {
  Sdl() {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
  }
  ~Sdl() { SDL_Quit(); }
};

Scene sample_scene(fonts::FontLibrary& library, TextLayouter& layouter, GlyphRasterizer& rasterizer) {
  const auto stack = library.stack(std::vector<std::string>{test::naskh(), test::noto_sans()}, 36);  // its fonts are the library's
  Scene scene;
  scene.width = 640;
  scene.height = 220;
  scene.background = {247, 245, 239};
  scene.rects.push_back({0, 0, 640, 40, {15, 76, 92}});
  const std::u32string text = U"\u0627\u0644\u0645\u0646\u0638\u0645\u0629 (IOM) \u0641\u064A 17 \u0645\u0627\u0631\u0633 2023";
  scene.texts.push_back({layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::rtl, "ar"}, 600), 20.3f, 60, {31, 42, 55}});
  scene.texts.push_back({layouter.layout(U"Lafita", {&stack, 1.2f, Align::start, BaseDirection::ltr, ""}, 300), 10, 0, {255, 255, 255}});
  rasterize_glyphs(scene, rasterizer);
  return scene;
}

TEST_SUITE("drawing") {
  TEST_CASE("the SDL software renderer draws a scene as the CPU canvas does") {
    Sdl sdl;
    fonts::FontLibrary library;
    TextLayouter layouter;
    GlyphRasterizer rasterizer;
    const Scene scene = sample_scene(library, layouter, rasterizer);
    REQUIRE(scene.glyphs.size() > 10);

    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, scene.width, scene.height, 32, SDL_PIXELFORMAT_ABGR8888));
    RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    REQUIRE(renderer);
    SceneRenderer drawer(renderer.get());
    REQUIRE(drawer.compose(scene, nullptr));

    Canvas canvas(scene.width, scene.height, scene.background);
    for (const auto& rect : scene.rects) {
      const PixelRect pixels = pixel_rect(rect);
      canvas.fill_rect(pixels.x, pixels.y, pixels.width, pixels.height, rect.color);
    }
    for (const auto& text : scene.texts) draw_paragraph(canvas, rasterizer, text.layout, text.x, text.y, text.color);

    const auto* drawn = static_cast<const uint8_t*>(surface->pixels);
    int worst = 0, inked = 0;
    for (int y = 0; y < scene.height; ++y) {
      for (int x = 0; x < scene.width; ++x) {
        const uint8_t* a = drawn + y * surface->pitch + x * 4;
        const uint8_t* b = canvas.rgba().data() + (y * scene.width + x) * 4;
        for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(a[c] - b[c]));
        inked += a[0] < 128;
      }
    }
    CHECK(worst <= 3);
    CHECK(inked > 2000);  // the header band and the text are there
    CHECK(drawer.atlas().page_count() == 1);
    CHECK(drawer.atlas().glyph_count() > 10);
  }

  TEST_CASE("glyphs on a page of their own size, larger than a page, are drawn as on an ordinary page") {
    Sdl sdl;
    fonts::FontLibrary library;
    TextLayouter layouter;
    GlyphRasterizer rasterizer;
    const Scene scene = sample_scene(library, layouter, rasterizer);
    const auto draw = [&](int page_size) {
      SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, scene.width, scene.height, 32, SDL_PIXELFORMAT_ABGR8888));
      RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
      REQUIRE(renderer);
      SceneRenderer drawer(renderer.get(), page_size, 64);
      REQUIRE(drawer.compose(scene, nullptr));
      const auto* pixels = static_cast<const uint8_t*>(surface->pixels);
      return std::vector<uint8_t>(pixels, pixels + surface->pitch * surface->h);
    };
    // 36 px glyphs do not fit pages of 16: each gets a page of its own (32 or 64 square).
    const std::vector<uint8_t> own = draw(16), ordinary = draw(512);
    REQUIRE(own.size() == ordinary.size());
    int worst = 0, differing = 0;
    for (size_t i = 0; i < own.size(); ++i) {
      worst = std::max(worst, std::abs(own[i] - ordinary[i]));
      differing += own[i] != ordinary[i];
    }
    CAPTURE(differing);
    CHECK(worst <= 3);  // blending rounding, as the canvas comparison allows
  }

  TEST_CASE("a fractional rectangle fills the whole pixels its rounded edges enclose, up to the last column") {
    // A progress bar ending at the right edge, x = 40.4, width 23.6: SDL's software renderer
    // truncated it to end at pixel 62, the GPU renderer filled 63.
    Sdl sdl;
    Scene scene;
    scene.width = 64;
    scene.height = 16;
    scene.background = {255, 255, 255};
    scene.rects.push_back({40.4f, 0.0f, 23.6f, 8.6f, {0, 0, 0}});
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, scene.width, scene.height, 32, SDL_PIXELFORMAT_ABGR8888));
    RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    REQUIRE(renderer);
    SceneRenderer drawer(renderer.get());
    REQUIRE(drawer.compose(scene, nullptr));
    auto red = [&](int x, int y) { return static_cast<const uint8_t*>(surface->pixels)[y * surface->pitch + x * 4]; };
    CHECK(red(63, 0) == 0);
    CHECK(red(40, 8) == 0);
    CHECK(red(39, 0) == 255);
    CHECK(red(63, 9) == 255);
  }

  TEST_CASE("a full atlas empties its least recently used page and counts it") {
    Sdl sdl;
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888));
    RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    GlyphAtlas atlas(renderer.get(), 32, 2);  // two pages of 32 x 32: room for four 15 x 15 glyphs each
    GlyphBitmap square{0, 15, 15, 15, std::vector<uint8_t>(225, 255)};
    const fonts::Font* font = nullptr;
    atlas.begin_batch();
    for (uint32_t id = 0; id < 8; ++id) CHECK(atlas.place({font, id, 0}, square) != nullptr);
    CHECK(atlas.page_count() == 2);
    CHECK(atlas.evictions() == 0);
    CHECK(atlas.place({font, 8, 0}, square) == nullptr);  // both pages serve this batch
    atlas.begin_batch();
    atlas.place({font, 7, 0}, square);  // page 1 is drawn from now; page 0 is the oldest
    CHECK(atlas.place({font, 8, 0}, square) != nullptr);
    CHECK(atlas.evictions() == 1);
    CHECK(atlas.find({font, 0, 0}) == nullptr);
    CHECK(atlas.find({font, 7, 0}) != nullptr);
    GlyphBitmap huge{0, 40, 40, 40, std::vector<uint8_t>(1600, 255)};
    CHECK(atlas.place({font, 99, 0}, huge) == nullptr);  // no page of its size may be made, nor emptied
    CHECK(atlas.place({font, 100, 0}, GlyphBitmap{}) == nullptr);  // nothing to draw
  }

  TEST_CASE("a glyph larger than a page gets a page of its own size, and is drawn") {
    Sdl sdl;
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888));
    RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    GlyphAtlas atlas(renderer.get(), 32, 3);
    const fonts::Font* font = nullptr;
    atlas.begin_batch();
    CHECK(atlas.place({font, 1, 0}, GlyphBitmap{0, 15, 15, 15, std::vector<uint8_t>(225, 255)}) != nullptr);
    CHECK(atlas.texture_bytes() == 32 * 32 * 4);
    const GlyphAtlas::Entry* huge = atlas.place({font, 2, 0}, GlyphBitmap{0, 40, 40, 40, std::vector<uint8_t>(1600, 255)});
    REQUIRE(huge != nullptr);
    CHECK(huge->page == 1);
    CHECK(atlas.texture_bytes() == (32 * 32 + 64 * 64) * 4);  // 41 pixels with padding: a page of 64
    int width = 0, height = 0;
    SDL_QueryTexture(atlas.page(1), nullptr, nullptr, &width, &height);
    CHECK(width == 64);
    CHECK(height == 64);
    GlyphBitmap too_large{0, 20000, 20000, 20000, {}};
    CHECK(atlas.place({font, 3, 0}, too_large) == nullptr);  // past any texture
  }
}

}  // namespace
}  // namespace lafita::render
