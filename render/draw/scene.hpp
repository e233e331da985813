#pragma once

#include "render/draw/canvas.hpp"
#include "render/draw/glyph_rasterizer.hpp"
#include "render/draw/rgba_image.hpp"
#include "render/text/paragraph_layout.hpp"

#include <memory>
#include <vector>

namespace lafita::render {

// A picture to compose once and show many times (a slide, a clock): a background,
// filled rectangles, pictures (a photo), then laid-out text blocks, in that order. A plain value: the slide
// preparer builds it on its thread, the renderer draws it on the main thread.
struct Scene {
  struct Rect {
    float x, y, width, height;
    Color color;
  };
  struct Text {
    ParagraphLayout layout;
    float x, y;  // the top-left of the layout's box
    Color color;
  };
  struct Image {
    std::shared_ptr<const RgbaImage> pixels;  // drawn 1:1, never scaled by the renderer
    int x, y;                                 // its top-left, in whole pixels
  };
  struct Glyph {
    GlyphKey key;
    std::shared_ptr<const GlyphBitmap> bitmap;
  };

  int width = 0;
  int height = 0;
  Color background{0, 0, 0, 0};  // alpha 0: transparent
  std::vector<Rect> rects;
  std::vector<Image> images;
  std::vector<Text> texts;
  std::vector<Glyph> glyphs;  // each glyph variant the texts draw, once; filled by rasterize_glyphs
};

// The whole pixels a rectangle covers, each edge rounded to the nearest pixel boundary:
// renderers fill fractional rectangles differently (SDL's software renderer truncates), so
// every drawing path fills these.
struct PixelRect {
  int x, y, width, height;
};
PixelRect pixel_rect(const Scene::Rect& rect);

// Rasterises every glyph variant the scene's texts draw into scene.glyphs, so that the
// renderer only has to upload them. Runs on the rasteriser's thread.
void rasterize_glyphs(Scene& scene, GlyphRasterizer& rasterizer);

// Calls draw(glyph, key, x, baseline_y) for each glyph of a text block placed in a scene,
// with the whole-pixel position every drawing path uses.
template <typename Draw>
void for_each_placed_glyph(const Scene::Text& text, Draw&& draw) {
  for (const Line& line : text.layout.lines) {
    const float baseline = text.y + line.baseline;
    for (const GlyphRun& run : text.layout.runs_of(line)) {
      for (const PlacedGlyph& glyph : text.layout.glyphs_of(run)) {
        const GlyphPlacement at = place_glyph(text.x + glyph.x, run.font->size());
        draw(GlyphKey{run.font, glyph.id, at.subpixel}, at.x, static_cast<int>(std::lround(baseline + glyph.y)));
      }
    }
  }
}

}  // namespace lafita::render
