// Golden slides: what `lafita snapshot` draws for chosen slides of the sample, compared
// with PNGs that were looked at by eye (tests/data/golden-slides/README.md says what was
// checked in each). Every channel of every pixel must be within kTolerance of the golden
// picture; a failure leaves the new picture and a picture of the differences next to it.
#include "image_compare.hpp"
#include "kiosk/commands/program.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace lafita {
namespace {

// Of 255: rounding in blending (GPU renderers blend a few levels off SDL's software one, the
// Xvfb test holds a window to the same bar), never a moved glyph or a missing pixel.
constexpr int kTolerance = 8;

struct GoldenSlide {
  std::string name;
  std::vector<std::string> options;
  int slide;
};

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

std::vector<GoldenSlide> golden_slides() {
  std::ifstream in(test::test_data("golden-slides/slides.txt"));
  std::vector<GoldenSlide> result;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, options, slide;
    std::getline(fields, name, '|');
    std::getline(fields, options, '|');
    std::getline(fields, slide);
    GoldenSlide golden{trim(name), {}, std::stoi(trim(slide))};
    std::istringstream words(options);
    for (std::string word; words >> word;) golden.options.push_back(word);
    result.push_back(std::move(golden));
  }
  return result;
}

TEST_SUITE("golden_slides") {
  TEST_CASE("chosen slides of the sample equal their golden pictures") {
    const auto slides = golden_slides();
    REQUIRE(slides.size() >= 5);
    for (const GoldenSlide& golden : slides) {
      CAPTURE(golden.name);
      const auto folder = std::filesystem::temp_directory_path() / ("lafita-golden-" + golden.name);
      std::vector<std::string> args{"snapshot", "--size", "960x540", "--time", "2024-10-14T09:30:00Z",
                                    "--time-zone", "Asia/Ashgabat", "--out", folder.string()};
      args.insert(args.end(), golden.options.begin(), golden.options.end());
      std::ostringstream out, err;
      REQUIRE(kiosk::run_program(args, out, err) == 0);
      char file[32];
      std::snprintf(file, sizeof file, "slide-%02d.png", golden.slide);
      std::string error;
      const auto drawn = test::read_png(folder / file, error);
      const auto expected = test::read_png(test::test_data("golden-slides/" + golden.name + ".png"), error);
      REQUIRE_MESSAGE(drawn.has_value(), error);
      REQUIRE_MESSAGE(expected.has_value(), error);
      const test::Difference difference = test::compare(*drawn, *expected, kTolerance);
      REQUIRE(difference.same_size);
      if (difference.pixels_over > 0) test::write_difference_png(*drawn, *expected, folder / "difference.png");
      INFO("drawn: ", (folder / file).string(), ", differences: ", (folder / "difference.png").string());
      CHECK(difference.pixels_over == 0);
    }
  }

  // The oracle is the test's own pixel turn of an upright slide of the turned size.
  TEST_CASE("a turned screen shows the upright slide turned clockwise by its rotation") {
    const auto snapshot = [](const std::string& name, const std::string& size, const std::string& rotation) {
      const auto folder = std::filesystem::temp_directory_path() / ("lafita-rotation-" + name);
      std::ostringstream out, err;
      const std::vector<std::string> args{"snapshot", "--size", size, "--rotation", rotation, "--time", "2024-10-14T09:30:00Z",
                                          "--time-zone", "Asia/Ashgabat", "--out", folder.string()};
      REQUIRE(kiosk::run_program(args, out, err) == 0);
      std::string error;
      auto image = test::read_png(folder / "slide-01.png", error);
      REQUIRE_MESSAGE(image.has_value(), error);
      return std::pair{*image, folder / "slide-01.png"};
    };
    const auto [portrait, portrait_file] = snapshot("portrait", "360x640", "0");
    const auto [landscape, landscape_file] = snapshot("landscape", "640x360", "0");
    for (const int degrees : {90, 180, 270}) {
      CAPTURE(degrees);
      const auto [drawn, file] = snapshot(std::to_string(degrees), "640x360", std::to_string(degrees));
      const test::Image expected = test::turned(degrees == 180 ? landscape : portrait, degrees);
      REQUIRE(drawn.width == 640);
      REQUIRE(drawn.height == 360);
      const test::Difference difference = test::compare(drawn, expected, kTolerance);
      REQUIRE(difference.same_size);
      INFO("drawn: ", file.string());
      CHECK(difference.pixels_over == 0);
    }
  }
}

}  // namespace
}  // namespace lafita
