#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace lafita::test {

inline std::filesystem::path unicode_file(const std::string& name) { return std::filesystem::path(LAFITA_UNICODE_DIR) / name; }
inline std::filesystem::path test_data(const std::string& name) { return std::filesystem::path(LAFITA_TEST_DATA_DIR) / name; }

// The bytes of a fixture of tests/data ("cap/flood_ar_en.xml"); throws when it cannot be read.
inline std::string test_data_text(const std::string& name) {
  std::ifstream in(test_data(name), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the fixture " + test_data(name).string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The fonts the tests are pinned to (tests/fonts/README.md): copies, so that a Debian font
// update cannot move expected breaks or pixels.
inline std::string pinned_font(const std::string& file) { return std::string(LAFITA_TEST_FONT_DIR "/") + file; }
inline std::string naskh() { return pinned_font("NotoNaskhArabic-Regular.ttf"); }
inline std::string naskh_bold() { return pinned_font("NotoNaskhArabic-Bold.ttf"); }
inline std::string noto_sans() { return pinned_font("NotoSans-Regular.ttf"); }
inline std::string noto_sans_bold() { return pinned_font("NotoSans-Bold.ttf"); }
inline std::string dejavu() { return pinned_font("DejaVuSans.ttf"); }

// The same fonts as the system has them now (fonts-noto-core, fonts-dejavu-core).
inline std::string system_font(const std::string& file) {
  const std::string folder = file.starts_with("DejaVu") ? "/dejavu/" : "/noto/";
  return LAFITA_FONT_DIR + folder + file;
}

}  // namespace lafita::test
