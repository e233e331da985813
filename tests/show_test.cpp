// The show as a user runs it: `lafita snapshot`, `lafita` on a machine without a display,
// and feeds with awkward items (an empty title, Latin only, a 100 KB body) that must not
// stop the rest of the slideshow.
#include "kiosk/commands/program.hpp"
#include "kiosk/player/slide_preparer.hpp"
#include "kiosk/slides/show.hpp"
#include "kiosk/slides/slide_template.hpp"
#include "preparer_handover.hpp"
#include "run_lafita.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace lafita::kiosk {
namespace {

using test::Handover;
using test::lafita;
using test::Run;

std::filesystem::path fresh_folder(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("lafita-show-test-" + name);
  std::filesystem::remove_all(folder);
  return folder;
}

size_t png_files(const std::filesystem::path& folder) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) count += entry.path().extension() == ".png";
  return count;
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string feed_with(const nlohmann::json& items) {
  const nlohmann::json feed{{"version", "https://jsonfeed.org/version/1.1"}, {"title", "اختبار"}, {"items", items}};
  const auto path = std::filesystem::temp_directory_path() / "lafita-show-test-feed.json";
  std::ofstream(path) << feed.dump();
  return path.string();
}

TEST_SUITE("show") {
  TEST_CASE("the slide preparer hands over a deck with its bands, then bands for later minutes, then new decks") {
    std::vector<std::string> warnings;
    Show show = open_show(ShowOptions{}, warnings);
    Handover handover;
    SlidePreparer preparer(std::move(show), handover.ready());
    const feeds::Time minute = minute_of(feeds::Time(std::chrono::seconds(1728898200)));  // 2024-10-14 09:30 UTC

    preparer.prepare_deck(640, 360, minute);
    auto first = handover.take(preparer, 1);
    REQUIRE(first.size() == 1);
    REQUIRE(first[0].deck);
    CHECK(first[0].error.empty());
    CHECK(first[0].deck->width == 640);
    CHECK(first[0].deck->slides.size() == 8);
    REQUIRE(first[0].bands);
    CHECK(first[0].bands->minute == minute);
    const uint64_t generation = first[0].generation;

    preparer.prepare_bands(minute + std::chrono::minutes(1));
    auto later = handover.take(preparer, 2);
    REQUIRE(later.size() == 1);
    CHECK(!later[0].deck);
    CHECK(later[0].generation == generation);
    REQUIRE(later[0].bands);
    CHECK(later[0].bands->minute == minute + std::chrono::minutes(1));
    CHECK(later[0].bands->scenes.front().second.width == 640);

    preparer.prepare_deck(800, 480, minute);
    auto resized = handover.take(preparer, 3);
    REQUIRE(resized.size() == 1);
    REQUIRE(resized[0].deck);
    CHECK(resized[0].generation > generation);
    CHECK(resized[0].deck->width == 800);
    CHECK(preparer.take().empty());
  }


  TEST_CASE("snapshot writes one numbered PNG per slide of the sample and lists them") {
    const auto folder = fresh_folder("sample");
    const Run run = lafita({"snapshot", "--out", folder.string(), "--size", "640x360", "--time", "2024-10-14T09:30:00Z"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    // Seven items, the budget item on two pages.
    CHECK(png_files(folder) == 8);
    CHECK(run.out.find("slide-01.png\n") != std::string::npos);
    CHECK(run.out.find("slide-08.png\n") != std::string::npos);
  }

  TEST_CASE("without any display, lafita says so in one line and writes the slides to --out") {
    // SDL asked for X11 with no X server: the same failure as a headless machine.
    const ScopedEnv driver("SDL_VIDEODRIVER", "x11");
    const ScopedEnv display("DISPLAY", nullptr);
    const ScopedEnv wayland("WAYLAND_DISPLAY", nullptr);
    const auto folder = fresh_folder("no-display");
    const Run run = lafita({"--out", folder.string(), "--size", "640x360"});
    CHECK(run.code == 0);
    CHECK(run.out.empty());
    CHECK(run.err.rfind("lafita: no display here (", 0) == 0);
    CHECK(run.err.find("wrote the 8 slides as PNG files to " + folder.string() + " instead\n") != std::string::npos);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    CHECK(png_files(folder) == 8);
  }

  TEST_CASE("an empty title, a Latin-only item and a 100 KB body do not stop the other items") {
    std::string long_body;
    while (long_body.size() < 100 * 1024) long_body += "نص طويل جدا عن ميزانية 2025 وأشغال الطرقات. ";
    const nlohmann::json long_item = {{"id", "3"}, {"title", "نص طويل"}, {"content_text", long_body}};
    // The long item alone: as many pages as it has beside the others. Its body is cut by
    // sanitising (TextLimits::body, 6000 bytes) to fewer than the four pages the template
    // allows, and is still more than one page.
    const auto alone = fresh_folder("long-item-alone");
    REQUIRE(lafita({"snapshot", "--feed", feed_with(nlohmann::json::array({long_item})), "--out", alone.string(), "--size",
                    "640x360"})
                .code == 0);
    const size_t long_pages = png_files(alone);
    CHECK(long_pages >= 2);
    CHECK(long_pages < 4);
    const std::string feed = feed_with(nlohmann::json::array({
        {{"id", "1"}, {"title", ""}, {"content_text", "بلا عنوان."}},
        {{"id", "2"}, {"title", "Latin only"}, {"content_text", "No Arabic at all, and no language given."}},
        long_item,
        {{"id", "4"}, {"title", "بعد النص الطويل"}, {"content_text", "ما زال العرض مستمرا."}},
    }));
    const auto folder = fresh_folder("bad-items");
    const Run run = lafita({"snapshot", "--feed", feed, "--out", folder.string(), "--size", "640x360"});
    CHECK(run.code == 0);
    // One slide each for the short items, none of them lost beside the others.
    CHECK(png_files(folder) == 1 + 1 + long_pages + 1);
  }

  TEST_CASE("a feed that is not JSON is named with the line and column, and nothing is written") {
    const auto path = std::filesystem::temp_directory_path() / "lafita-show-test-broken.json";
    std::ofstream(path) << "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [ }\n";
    const auto folder = fresh_folder("broken");
    const Run run = lafita({"snapshot", "--feed", path.string(), "--out", folder.string()});
    CHECK(run.code == 2);
    CHECK(run.err == "lafita snapshot: feed '" + path.string() + "': not JSON at line 3, column 14\n");
    CHECK(!std::filesystem::exists(folder));
  }

  TEST_CASE("a theme font that is not installed is a one-line warning naming it and its package; slides are still made") {
    fonts::FontLibrary library;
    std::vector<std::string> warnings;
    Theme theme;
    theme.text_fonts = {"Noto Sans CJK JP", test::naskh(), test::noto_sans()};
    SlideTemplate slide_template(library, theme, SlideSettings{}, warnings);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "font family 'Noto Sans CJK JP': not installed; it comes with the Debian package fonts-noto-cjk");
    feeds::Item item;
    item.title = "عنوان";
    item.body = "نص.";
    CHECK(slide_template.slides(item, 0, 1, 640, 360).size() == 1);
  }
}

}  // namespace
}  // namespace lafita::kiosk
