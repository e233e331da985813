#include "render/draw/glyph_rasterizer.hpp"

#include "render/draw/freetype_handles.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SIZES_H

#include <cmath>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace lafita::render {

namespace {


}  // namespace

struct GlyphRasterizer::State {
  FtLibrary library;
  std::map<const fonts::Face*, FtFace> faces;  // one FT_Face per font file face
  std::map<const fonts::Font*, FT_Size> sizes;  // owned by their FT_Face
  std::unordered_map<GlyphKey, std::shared_ptr<const GlyphBitmap>, GlyphKeyHash> cache;
  size_t cached_bytes = 0;
  size_t max_bytes = 0;

  FT_Face face_for(const fonts::Face& face) {
    auto found = faces.find(&face);
    if (found != faces.end()) return found->second.get();
    unsigned length = 0;
    const char* data = hb_blob_get_data(face.blob(), &length);
    FT_Face ft = nullptr;
    if (FT_New_Memory_Face(library.get(), reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(length),
                           static_cast<FT_Long>(face.index()), &ft) != 0) {
      ft = nullptr;
    }
    return faces.emplace(&face, FtFace(ft)).first->second.get();
  }

  // Makes the font's size current on its FT_Face; false if FreeType refuses either.
  FT_Face activate(const fonts::Font& font) {
    FT_Face face = face_for(font.face());
    if (!face) return nullptr;
    auto found = sizes.find(&font);
    if (found == sizes.end()) {
      FT_Size size = nullptr;
      if (FT_New_Size(face, &size) != 0) return nullptr;
      FT_Activate_Size(size);
      const auto size64 = static_cast<FT_F26Dot6>(std::lround(font.size() * 64.0f));
      if (FT_Set_Char_Size(face, size64, size64, 72, 72) != 0) return nullptr;
      found = sizes.emplace(&font, size).first;
    }
    FT_Activate_Size(found->second);
    return face;
  }
};

GlyphRasterizer::GlyphRasterizer(size_t max_bytes) : state_(std::make_unique<State>()) {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) throw std::runtime_error("FreeType: failed to initialise");
  state_->library.reset(library);
  state_->max_bytes = max_bytes;
}

GlyphRasterizer::~GlyphRasterizer() {
  // Faces before the library that made them.
  state_->sizes.clear();
  state_->faces.clear();
}

size_t GlyphRasterizer::cached_bytes() const { return state_->cached_bytes; }

std::shared_ptr<const GlyphBitmap> GlyphRasterizer::glyph(const GlyphKey& key) {
  auto found = state_->cache.find(key);
  if (found != state_->cache.end()) return found->second;

  auto bitmap = std::make_shared<GlyphBitmap>();
  if (FT_Face face = state_->activate(*key.font)) {
    FT_Vector shift{static_cast<FT_Pos>(key.subpixel * 64 / kSubpixelSteps), 0};
    FT_Set_Transform(face, nullptr, &shift);
    if (FT_Load_Glyph(face, key.id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP | FT_LOAD_RENDER) == 0 &&
        face->glyph->bitmap.pixel_mode == FT_PIXEL_MODE_GRAY) {
      const FT_Bitmap& ft = face->glyph->bitmap;
      bitmap->left = face->glyph->bitmap_left;
      bitmap->top = face->glyph->bitmap_top;
      bitmap->width = static_cast<int>(ft.width);
      bitmap->height = static_cast<int>(ft.rows);
      bitmap->coverage.resize(static_cast<size_t>(bitmap->width) * static_cast<size_t>(bitmap->height));
      for (int row = 0; row < bitmap->height; ++row) {
        const unsigned char* source = ft.buffer + static_cast<ptrdiff_t>(row) * ft.pitch;
        std::copy(source, source + bitmap->width, bitmap->coverage.begin() + row * bitmap->width);
      }
    }
    FT_Set_Transform(face, nullptr, nullptr);
  }
  if (state_->cached_bytes > state_->max_bytes) {
    state_->cache.clear();
    state_->cached_bytes = 0;
  }
  state_->cached_bytes += bitmap->coverage.size() + sizeof(GlyphBitmap);
  return state_->cache.emplace(key, std::move(bitmap)).first->second;
}

}  // namespace lafita::render
