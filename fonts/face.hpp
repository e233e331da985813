#pragma once

#include <hb-cplusplus.hh>
#include <hb.h>

#include <filesystem>
#include <string>

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

  hb_face_t* hb_face() const { return face_.get(); }  // (transfer none)
  hb_blob_t* blob() const { return blob_.get(); }     // the whole file; (transfer none)

 private:
  std::filesystem::path path_;
  std::string file_name_;
  unsigned index_;
  hb::unique_ptr<hb_blob_t> blob_;
  hb::unique_ptr<hb_face_t> face_;
};

}  // namespace lafita::fonts
