#include "fonts/font.hpp"

#include <cmath>

namespace lafita::fonts {

Font::Font(const Face& face, float size_px) : face_(&face), size_(size_px) {
  font_ = hb::unique_ptr<hb_font_t>(hb_font_create(face.hb_face()));
  const int scale = static_cast<int>(std::lround(size_px * 64.0f));
  hb_font_set_scale(font_.get(), scale, scale);
  hb_font_extents_t extents{};
  hb_font_get_h_extents(font_.get(), &extents);
  ascent64_ = extents.ascender;
  descent64_ = -extents.descender;
  hb_font_make_immutable(font_.get());
}

}  // namespace lafita::fonts
