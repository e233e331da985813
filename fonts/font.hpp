#pragma once

#include "fonts/face.hpp"

#include <hb-cplusplus.hh>
#include <hb.h>

namespace lafita::fonts {

// A face at a pixel size. HarfBuzz positions come out in 26.6 fixed point (1/64 px): the
// scale is size × 64. Immutable after construction; safe to shape with from any thread.
class Font {
 public:
  Font(const Face& face, float size_px);

  const Face& face() const { return *face_; }
  float size() const { return size_; }
  hb_font_t* hb_font() const { return font_.get(); }  // (transfer none)

  // Whether the font's cmap maps `c` to a glyph.
  bool has_glyph(char32_t c) const { return face_->has_glyph(c); }

  // The font's horizontal extents (OS/2 typo or hhea metrics, as HarfBuzz reads them),
  // in 1/64 px; descent is positive below the baseline.
  int ascent64() const { return ascent64_; }
  int descent64() const { return descent64_; }

 private:
  const Face* face_;
  float size_;
  hb::unique_ptr<hb_font_t> font_;
  int ascent64_ = 0;
  int descent64_ = 0;
};

}  // namespace lafita::fonts
