#pragma once

#include "fonts/face.hpp"
#include "fonts/font.hpp"
#include "fonts/font_stack.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace lafita::fonts {

// Loads each font file once and each (face, size) once, and keeps them for its own life,
// so that HarfBuzz's shape-plan caches stay warm. Returned references stay valid until
// the library is destroyed. Loading is not thread-safe; the loaded fonts are.
class FontLibrary {
 public:
  FontLibrary();
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  // A face from a file path. Throws FontError naming the file and the reason.
  const Face& face_from_file(const std::filesystem::path& file, unsigned index = 0);

  // A face from an installed family name, found with fontconfig ("Noto Naskh Arabic"),
  // or its bold face ("Noto Naskh Arabic:bold"). Throws FontError when no installed font
  // has that family or face (fontconfig would silently substitute another one), naming the
  // Debian package that provides the families Lafita uses by default.
  const Face& face_from_family(std::string_view family);

  // `spec` is a file when it contains '/' or ends in .ttf, .otf or .ttc; otherwise a family.
  const Face& face(std::string_view spec);

  const Font& font(const Face& face, float size_px);

  // The stack for `specs` (files or families, in fallback order) at `size_px`.
  // Throws FontError for the first spec that cannot be loaded, or when specs is empty.
  FontStack stack(std::span<const std::string> specs, float size_px);

 private:
  struct FontconfigState;
  std::unique_ptr<FontconfigState> fontconfig_;  // created on first family lookup
  std::map<std::pair<std::string, unsigned>, std::unique_ptr<Face>> faces_;
  std::map<std::pair<const Face*, float>, std::unique_ptr<Font>> fonts_;
};

}  // namespace lafita::fonts
