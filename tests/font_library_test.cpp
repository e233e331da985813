#include "fonts/font_error.hpp"
#include "fonts/font_library.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <string>

namespace lafita::fonts {
namespace {

std::string error_of(auto&& load) {
  try {
    load();
  } catch (const FontError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST_SUITE("fonts") {
  TEST_CASE("a font file is loaded once, and each size of it once") {
    FontLibrary library;
    const Face& a = library.face(test::naskh());
    const Face& b = library.face_from_file(test::naskh());
    CHECK(&a == &b);
    CHECK(a.file_name() == "NotoNaskhArabic-Regular.ttf");
    CHECK(&library.font(a, 40) == &library.font(b, 40));
    CHECK(&library.font(a, 40) != &library.font(a, 41));
    CHECK(library.font(a, 40).size() == 40);
  }

  TEST_CASE("families are found with fontconfig and unknown ones are an error, not a substitute") {
    FontLibrary library;
    CHECK(library.face("Noto Naskh Arabic").file_name() == "NotoNaskhArabic-Regular.ttf");
    CHECK(library.face("noto sans").file_name() == "NotoSans-Regular.ttf");
    CHECK(library.face("Noto Naskh Arabic:bold").file_name() == "NotoNaskhArabic-Bold.ttf");
    const std::string error = error_of([&] { library.face("No Such Family Xyz"); });
    CHECK(error.find("font family 'No Such Family Xyz': not installed (the closest installed family is '") == 0);
    CHECK(error_of([&] { library.face("Noto Sans Klingon"); }) ==
          "font family 'Noto Sans Klingon': not installed; it comes with the Debian package fonts-noto-core");
  }

  TEST_CASE("a bad font file gets one line that names it and says why") {
    FontLibrary library;
    CHECK(error_of([&] { library.face("/nonexistent/Font.ttf"); }) == "font file '/nonexistent/Font.ttf': no such file");
    const std::string text_file = test::test_data("layout_cases.txt").string();
    CHECK(error_of([&] { library.face_from_file(text_file); }).find("': not a font") != std::string::npos);
    CHECK(error_of([&] { library.face_from_file(LAFITA_FONT_DIR); }).find("': is a directory") != std::string::npos);
    CHECK(error_of([&] { library.face_from_file(test::naskh(), 3); }).find("has 1 face(s), no face 3") != std::string::npos);
    CHECK(error_of([&] { library.stack({}, 40); }) == "font stack: no font given");
  }

  TEST_CASE("coverage and metrics come from the font at its size") {
    FontLibrary library;
    const Font& naskh = library.font(library.face(test::naskh()), 40);
    const Font& sans = library.font(library.face(test::noto_sans()), 40);
    CHECK(naskh.has_glyph(U'\u0644'));
    CHECK_FALSE(naskh.has_glyph(U'I'));  // Noto Naskh Arabic has no Latin letters
    CHECK(sans.has_glyph(U'I'));
    CHECK_FALSE(sans.has_glyph(U'\u0644'));
    CHECK(naskh.ascent64() > 0);
    CHECK(naskh.descent64() > 0);
    CHECK(library.font(library.face(test::naskh()), 80).ascent64() == doctest::Approx(2 * naskh.ascent64()).epsilon(0.01));
  }
}

}  // namespace
}  // namespace lafita::fonts
