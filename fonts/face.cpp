#include "fonts/face.hpp"

#include "base/regular_file.hpp"
#include "fonts/font_error.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace lafita::fonts {

namespace {

// hb_blob_create_from_file_or_fail does not say why it failed; ask the file system.
std::string why_unreadable(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return "no such file";
  if (std::filesystem::is_directory(file, ec)) return "is a directory";
  std::ifstream probe(file, std::ios::binary);
  if (!probe) return std::strerror(errno);
  return "cannot be read";
}

}  // namespace

Face::Face(std::filesystem::path file, unsigned index)
    : path_(std::move(file)), file_name_(path_.filename().string()), index_(index) {
  // HarfBuzz would read a FIFO or a device for ever.
  std::error_code ec;
  if (std::filesystem::exists(path_, ec)) {
    if (auto why = not_regular_file(path_)) throw FontError("font file '" + path_.string() + "': " + *why);
  }
  blob_ = hb::unique_ptr<hb_blob_t>(hb_blob_create_from_file_or_fail(path_.c_str()));
  if (!blob_) {
    throw FontError("font file '" + path_.string() + "': " + why_unreadable(path_));
  }
  const unsigned faces = hb_face_count(blob_.get());
  if (faces == 0) {
    throw FontError("font file '" + path_.string() + "': not a font (no OpenType, TrueType or collection header)");
  }
  if (index >= faces) {
    throw FontError("font file '" + path_.string() + "': has " + std::to_string(faces) + " face(s), no face " +
                    std::to_string(index));
  }
  face_ = hb::unique_ptr<hb_face_t>(hb_face_create(blob_.get(), index));
  if (hb_face_get_glyph_count(face_.get()) == 0) {
    throw FontError("font file '" + path_.string() + "': not a usable font (it has no glyphs)");
  }
  hb_face_make_immutable(face_.get());
  font_ = hb::unique_ptr<hb_font_t>(hb_font_create(face_.get()));
  hb_font_make_immutable(font_.get());

  hb::unique_ptr<hb_set_t> unicodes(hb_set_create());
  hb_face_collect_unicodes(face_.get(), unicodes.get());
  bmp_coverage_.assign(0x10000 / 64, 0);
  for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(unicodes.get(), &c) && c < 0x10000;) {
    bmp_coverage_[c >> 6] |= uint64_t{1} << (c & 63);
  }
}

}  // namespace lafita::fonts
