// `lafita` run in-process, the way main() runs it: exit codes and the one-line messages a
// user sees for bad input.

#include "kiosk/commands/program.hpp"
#include "run_lafita.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <png.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace lafita::kiosk {
namespace {

using test::lafita;
using test::Run;

std::filesystem::path temp_file(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() / ("lafita-cli-test-" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::vector<std::string> layout_args(const std::string& text_file, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"layout", "--font", test::naskh(), "--font", test::noto_sans(),
                                "--size", "40", "--width", "900", "--lang", "ar"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(text_file);
  return args;
}

// `n` shaddas (U+0651), to put on a letter.
std::string shaddas(int n) {
  std::string marks;
  for (int i = 0; i < n; ++i) marks += "\u0651";
  return marks;
}

size_t count_lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST_SUITE("cli") {
  TEST_CASE("layout prints the JSON contract for each line of the file") {
    const auto text = temp_file("two.txt", "IOM تعقد اجتماعها في 17 مارس 2023\nThe UN (الهجرة)\n");
    const Run run = lafita(layout_args(text.string(), {"--dir", "auto"}));
    REQUIRE(run.code == 0);
    CHECK(run.err.empty());
    const auto json = nlohmann::json::parse(run.out);
    REQUIRE(json["paragraphs"].size() == 2);
    const auto& first = json["paragraphs"][0];
    CHECK(first["direction"] == "rtl");  // --lang ar: Arabic content stays RTL after "IOM"
    CHECK(json["paragraphs"][1]["direction"] == "rtl");
    const auto& line = first["lines"][0];
    CHECK(line["start"] == 0);
    CHECK(line["text"] == "IOM تعقد اجتماعها في 17 مارس 2023");
    CHECK(line["x"].get<double>() + line["width"].get<double>() == doctest::Approx(900).epsilon(0.001));
    const auto& runs = line["runs"];
    REQUIRE(runs.size() >= 3);
    CHECK(runs.back()["font"] == "NotoSans-Regular.ttf");  // "IOM", at the right end, from the fallback
    CHECK(runs.back()["script"] == "Latn");
    CHECK(runs.back()["level"] == 2);
    CHECK(runs.back()["glyphs"].size() == 3);
    CHECK(json["params"]["box_width_px"] == 900);
  }

  TEST_CASE("bad numbers get one line naming the option and the value, and exit code 2") {
    const auto text = temp_file("one.txt", "مرحبا\n");
    for (const std::string value : {"0", "-3", "abc", "nan", "inf", "40px", ""}) {
      CAPTURE(value);
      std::vector<std::string> args{"layout", "--font", test::naskh(), "--size", value, "--width", "900", text.string()};
      const Run size = lafita(args);
      CHECK(size.code == 2);
      CHECK(size.err.rfind("lafita layout: --size: expected a positive number of pixels, got '" + value + "'\n", 0) == 0);
      args[4] = "40";
      args[6] = value;
      const Run width = lafita(args);
      CHECK(width.code == 2);
      CHECK(width.err.rfind("lafita layout: --width: expected a positive number of pixels, got '" + value + "'\n", 0) == 0);
    }
  }

  TEST_CASE("bad fonts, files and options are named, with exit code 2") {
    const auto text = temp_file("one.txt", "مرحبا\n");
    struct Bad {
      std::vector<std::string> args;
      std::string message;
    };
    const std::vector<Bad> cases{
        {{"layout", "--font", "/nonexistent/X.ttf", "--size", "40", "--width", "900", text.string()},
         "lafita layout: font file '/nonexistent/X.ttf': no such file\n"},
        {{"layout", "--font", text.string(), "--size", "40", "--width", "900", text.string()},
         "lafita layout: font file '" + text.string() + "': not a font"},
        {{"layout", "--font", "No Such Family", "--size", "40", "--width", "900", text.string()},
         "lafita layout: font family 'No Such Family': not installed"},
        {{"layout", "--font", test::naskh(), "--size", "40", "--width", "900", "/nonexistent/text.txt"},
         "lafita layout: '/nonexistent/text.txt': No such file or directory\n"},
        {{"layout", "--font", test::naskh(), "--size", "40", "--width", "900", "--align", "middle", text.string()},
         "lafita layout: --align: expected start|end|left|right|center|justify, got 'middle'\n"},
        {{"layout", "--font", test::naskh(), "--size", "40", "--width", "900", "--dir", "up", text.string()},
         "lafita layout: --dir: expected auto|ltr|rtl, got 'up'\n"},
        {{"layout", "--font", test::naskh(), "--size", "40", "--width", "900", "--colour", "red", text.string()},
         "lafita layout: unknown option '--colour'\n"},
        {{"layout", "--font", test::naskh(), "--width", "900", text.string()}, "lafita layout: --size: required"},
        {{"layout", "--size", "40", "--width", "900", text.string()}, "lafita layout: --font: at least one"},
        {{"layout", "--font", test::naskh(), "--size", "40", "--width", "900"}, "lafita layout: expected exactly one text FILE, got 0\n"},
        {{"frobnicate"}, "lafita: unknown command 'frobnicate'\n"},
        {{"--bogus"}, "lafita: unknown option '--bogus'\n"},
        {{"--size", "12x12"}, "lafita: --size: expected WIDTHxHEIGHT in pixels"},
        {{"--transition", "wipe"}, "lafita: --transition: expected slide|crossfade|cut, got 'wipe'\n"},
        {{"--feed", "/nonexistent/feed.json"}, "lafita: feed '/nonexistent/feed.json': No such file or directory\n"},
        {{"--time-zone", "Mars/Olympus"}, "lafita: --time-zone: no such time zone 'Mars/Olympus'"},
        {{"snapshot", "--size", "640x360"}, "lafita snapshot: --out: required"},
        {{"--refresh", "1"}, "lafita: --refresh: expected 10 to 86400 seconds, got '1'\n"},
        {{"--organization", "\u0628" + shaddas(40)},
         "lafita: --organization: holds a run of 40 combining marks on one letter (at most 30)\n"},
        {{"--feed", "/dev/zero"}, "lafita: feed '/dev/zero': is a character device, not a regular file\n"},
        {{"layout", "--font", test::naskh(), "--size", "1e9", "--width", "900", text.string()},
         "lafita layout: --size: at most 2000 pixels, got '1e9'\n"},
        {{"layout", "--font", test::naskh(), "--size", "40", "--width", "1e30", text.string()},
         "lafita layout: --width: at most 20000 pixels, got '1e30'\n"},

        {{"layout", "--font", test::naskh(), "--size", "40", "--width", "900", "/dev/zero"},
         "lafita layout: '/dev/zero': is a character device, not a regular file\n"},
    };
    for (const Bad& bad : cases) {
      CAPTURE(bad.message);
      const Run run = lafita(bad.args);
      CHECK(run.code == 2);
      CHECK(run.out.empty());
      CHECK(run.err.rfind(bad.message, 0) == 0);
    }
  }

  TEST_CASE("a letter under 70,000 shaddas, alone or between default-ignorables, is laid out; offsets stay") {
    const std::string flood = "\u0628" + shaddas(70000);
    std::string interleaved = "\u0628";  // a word joiner or ZWNJ does not end HarfBuzz's chain of marks
    for (int i = 0; i < 2400; ++i) interleaved += std::string(i % 2 ? "\u2060" : "\u200C") + shaddas(30);
    for (const auto& [name, text, length] : {std::tuple{"flood", flood, 70001}, std::tuple{"interleaved", interleaved, 1 + 2400 * 31}}) {
      CAPTURE(name);
      const Run run = lafita(layout_args(temp_file(std::string(name) + ".txt", text + "\n").string()));
      REQUIRE(run.code == 0);
      const auto json = nlohmann::json::parse(run.out);
      const auto& lines = json["paragraphs"][0]["lines"];
      REQUIRE(lines.size() == 1);
      CHECK(lines[0]["end"] == length);  // offsets into the text as written
    }
  }

  TEST_CASE("characters no font has are drawn as .notdef and reported once") {
    const auto text = temp_file("emoji.txt", "مرحبا 😀 ☃\nثم 😀 مرة أخرى\n");
    const Run run = lafita({"layout", "--font", test::naskh(), "--size", "40", "--width", "900", text.string()});
    CHECK(run.code == 0);
    CHECK(count_lines(run.err) == 1);
    CHECK(run.err.find("no font of the stack has U+1F600, U+2603 (drawn as .notdef)") != std::string::npos);
    const auto json = nlohmann::json::parse(run.out);
    CHECK(json["paragraphs"][0]["lines"][0]["runs"].size() >= 1);
  }

  TEST_CASE("--png refuses a picture past 64 megapixels before drawing it") {
    const Run run = lafita({"layout", "--font", test::naskh(), "--size", "2000", "--width", "20000", "--png",
                            "/tmp/lafita-cli-test-huge.png", temp_file("two.txt", "مرحبا\nمرحبا\n").string()});
    CHECK(run.code == 2);
    CHECK(run.err.starts_with("lafita layout: --png: the picture would be 20032x6844 px, more than the limit of 64 megapixels\n"));
    CHECK_FALSE(std::filesystem::exists("/tmp/lafita-cli-test-huge.png"));
  }

  TEST_CASE("--png draws the block, and an unwritable PNG path fails with exit code 1") {
    const auto text = temp_file("png.txt", "المنظمة الدولية للهجرة (IOM)\n");
    const auto png = std::filesystem::temp_directory_path() / "lafita-cli-test.png";
    std::filesystem::remove(png);
    REQUIRE(lafita(layout_args(text.string(), {"--png", png.string()})).code == 0);
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&image, png.c_str()) != 0);
    image.format = PNG_FORMAT_GRAY;
    std::vector<uint8_t> pixels(PNG_IMAGE_SIZE(image));
    REQUIRE(png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) != 0);
    CHECK(image.width == 900 + 32);
    const auto dark = std::count_if(pixels.begin(), pixels.end(), [](uint8_t p) { return p < 100; });
    CHECK(dark > 500);  // ink of about 25 glyphs at 40 px

    const Run bad = lafita(layout_args(text.string(), {"--png", "/nonexistent/dir/out.png"}));
    CHECK(bad.code == 1);
    CHECK(bad.err.rfind("lafita layout: PNG '/nonexistent/dir/out.png': failed to write", 0) == 0);
  }

  TEST_CASE("--version and --help answer on stdout") {
    CHECK(lafita({"--version"}).out.rfind("lafita ", 0) == 0);
    const Run help = lafita({"layout", "--help"});
    CHECK(help.code == 0);
    CHECK(help.out.find("--line-height") != std::string::npos);
  }
}

}  // namespace
}  // namespace lafita::kiosk
