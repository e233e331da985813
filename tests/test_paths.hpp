#pragma once

#include <filesystem>
#include <string>

namespace lafita::test {

inline std::filesystem::path unicode_file(const std::string& name) { return std::filesystem::path(LAFITA_UNICODE_DIR) / name; }
inline std::filesystem::path test_data(const std::string& name) { return std::filesystem::path(LAFITA_TEST_DATA_DIR) / name; }

inline std::string naskh() { return LAFITA_FONT_DIR "/noto/NotoNaskhArabic-Regular.ttf"; }
inline std::string noto_sans() { return LAFITA_FONT_DIR "/noto/NotoSans-Regular.ttf"; }
inline std::string dejavu() { return LAFITA_FONT_DIR "/dejavu/DejaVuSans.ttf"; }

}  // namespace lafita::test
