#pragma once

#include <hb-cplusplus.hh>
#include <hb.h>

#include <filesystem>
#include <string>
#include <vector>

namespace lafita::fonts {

// One face of a font file, loaded once and kept for the program's life. HarfBuzz caches
// shape plans on the hb_face_t, so every size of this face shares them.
// Immutable after construction; safe to use from any thread.
class Face {
 public:
  // Reads face `index` of `file`. Throws FontError naming the file when it cannot be read
  // or holds no such face.
  Face(std::filesystem::path file, unsigned index);

  const std::filesystem::path& path() const { return path_; }
  const std::string& file_name() const { return file_name_; }  // "NotoSans-Regular.ttf"
  unsigned index() const { return index_; }
  unsigned units_per_em() const { return hb_face_get_upem(face_.get()); }

  // Whether the font's cmap maps `c` to a glyph; a bit test for the Basic Multilingual Plane.
  bool has_glyph(char32_t c) const {
    if (c < 0x10000) return (bmp_coverage_[c >> 6] >> (c & 63)) & 1;
    hb_codepoint_t glyph;
    return hb_font_get_nominal_glyph(font_.get(), c, &glyph);
  }

  hb_face_t* hb_face() const { return face_.get(); }  // (transfer none)
  hb_blob_t* blob() const { return blob_.get(); }     // the whole file; (transfer none)

 private:
  std::filesystem::path path_;
  std::string file_name_;
  unsigned index_;
  hb::unique_ptr<hb_blob_t> blob_;
  hb::unique_ptr<hb_face_t> face_;
  hb::unique_ptr<hb_font_t> font_;        // unscaled, for cmap lookups above the BMP
  std::vector<uint64_t> bmp_coverage_;    // one bit per BMP code point the cmap maps
};

}  // namespace lafita::fonts
