// Golden slides: what `lafita snapshot` draws for chosen pages of chosen items of the
// sample (and of alert fixtures), compared with PNGs that were looked at by eye (tests/data/golden-slides/README.md
// says what was checked in each). A golden names its item by feed id and its page, so that
// a new item or a new order in the rotation never makes it compare another slide; an item
// or page that no longer exists fails the test by name. Every channel of every pixel must be
// within kTolerance of the golden picture; a failure leaves the new picture and a picture
// of the differences next to it.
#include "image_compare.hpp"
#include "kiosk/commands/program.hpp"
#include "kiosk/config/config_file.hpp"
#include "kiosk/config/show_options.hpp"
#include "kiosk/player/photo_loader.hpp"
#include "kiosk/slides/show.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace lafita {
namespace {

// Of 255: rounding in blending (GPU renderers blend a few levels off SDL's software one, the
// Xvfb test holds a window to the same bar), never a moved glyph or a missing pixel.
constexpr int kTolerance = 8;

struct GoldenSlide {
  std::string name;
  std::vector<std::string> options;
  std::string item;  // the feed item's id
  int page = 0;      // from 1
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
    std::string name, options, item, page;
    std::getline(fields, name, '|');
    std::getline(fields, options, '|');
    std::getline(fields, item, '|');
    std::getline(fields, page);
    GoldenSlide golden{trim(name), {}, trim(item), std::stoi(trim(page))};
    std::istringstream words(options);
    for (std::string word; words >> word;) {
      if (word.starts_with("{data}/")) word = test::test_data(word.substr(7)).string();  // a fixture of tests/data
      golden.options.push_back(word);
    }
    result.push_back(std::move(golden));
  }
  return result;
}

// A configuration that draws with the fonts the tests are pinned to (tests/fonts): the
// default theme's families, as files. It also keeps /etc/lafita/lafita.toml out.
std::string pinned_fonts_config() {
  const auto file = std::filesystem::temp_directory_path() / "lafita-golden-pinned-fonts.toml";
  std::ofstream(file) << "[theme]\ntext_fonts = [\"" << test::naskh() << "\", \"" << test::noto_sans()
                      << "\"]\ntitle_fonts = [\"" << test::naskh_bold() << "\", \"" << test::noto_sans_bold() << "\"]\n";
  return file.string();
}

// The slides, as (item id, page from 1) in rotation order, that `lafita snapshot` with
// `args` (after "snapshot") writes as slide-01.png, slide-02.png and on: the deck the same
// show makes at the same size. Goldens set no safe area or rotation (the configuration
// here has none), so slides are made at --size.
std::vector<std::pair<std::string, int>> slides_of(const std::vector<std::string>& args) {
  const kiosk::CommandLine line(args, kiosk::show_option_specs());
  const kiosk::ShowOptions options = kiosk::parse_show_options(line, kiosk::configured_options(line));
  REQUIRE(options.safe_area == std::array<int, 4>{});
  REQUIRE(options.rotation == 0);
  std::vector<std::string> warnings;
  kiosk::Show show = kiosk::open_show(options, warnings);
  std::ostringstream photo_log;
  show.photos = kiosk::photo_loader(photo_log, kiosk::PhotoReach::everything);  // as snapshot has them: pages follow
  const kiosk::SlideDeck deck = show.deck(options.width, options.height);
  std::vector<std::pair<std::string, int>> slides;
  for (const kiosk::Slide& slide : deck.slides) slides.emplace_back(deck.items.at(slide.item).id, slide.page + 1);
  return slides;
}

// The number (from 1) of `golden`'s slide among `slides`, or nothing, with a message saying
// which item or page is missing.
std::optional<int> slide_number(const std::vector<std::pair<std::string, int>>& slides, const GoldenSlide& golden) {
  int pages = 0;
  for (size_t i = 0; i < slides.size(); ++i) {
    if (slides[i].first != golden.item) continue;
    if (slides[i].second == golden.page) return static_cast<int>(i + 1);
    ++pages;
  }
  if (pages == 0) {
    FAIL_CHECK("golden '", golden.name, "': the sample has no item '", golden.item, "' (tests/data/golden-slides/slides.txt)");
  } else {
    FAIL_CHECK("golden '", golden.name, "': item '", golden.item, "' has ", pages, " page(s), not a page ", golden.page);
  }
  return std::nullopt;
}

TEST_SUITE("golden_slides") {
  TEST_CASE("chosen pages of chosen items of the sample equal their golden pictures") {
    const auto goldens = golden_slides();
    REQUIRE(goldens.size() == 14);  // as many as slides.txt lists: none lost to a misread line
    std::map<std::vector<std::string>, std::vector<std::pair<std::string, int>>> decks;  // by options
    for (const GoldenSlide& golden : goldens) {
      CAPTURE(golden.name);
      const auto folder = std::filesystem::temp_directory_path() / ("lafita-golden-" + golden.name);
      std::vector<std::string> args{"snapshot", "--time-zone", "Asia/Ashgabat", "--out", folder.string(), "--config",
                                    pinned_fonts_config()};
      // 960×540 at 2024-10-14 09:30 UTC, unless the golden is of another screen or time.
      const auto given = [&](const char* option) { return std::ranges::find(golden.options, option) != golden.options.end(); };
      if (!given("--size")) args.insert(args.end(), {"--size", "960x540"});
      if (!given("--time")) args.insert(args.end(), {"--time", "2024-10-14T09:30:00Z"});
      args.insert(args.end(), golden.options.begin(), golden.options.end());
      auto deck = decks.find(golden.options);
      if (deck == decks.end()) deck = decks.emplace(golden.options, slides_of({args.begin() + 1, args.end()})).first;
      const std::optional<int> number = slide_number(deck->second, golden);
      if (!number) continue;
      std::ostringstream out, err;
      REQUIRE(kiosk::run_program(args, out, err) == 0);
      char file[32];
      std::snprintf(file, sizeof file, "slide-%02d.png", *number);
      std::string error;
      const auto drawn = test::read_png(folder / file, error);
      REQUIRE_MESSAGE(drawn.has_value(), error);
      // Kept under the golden's name too, for tests/tools/update-golden-slides.
      std::filesystem::copy_file(folder / file, folder / (golden.name + ".png"),
                                 std::filesystem::copy_options::overwrite_existing);
      const auto expected = test::read_png(test::test_data("golden-slides/" + golden.name + ".png"), error);
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
                                          "--time-zone", "Asia/Ashgabat", "--out", folder.string(), "--config",
                                          pinned_fonts_config()};
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
