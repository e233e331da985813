// Balanced and pretty lines (CSS text-wrap: balance and pretty): the breaks Chromium makes
// on the same paragraphs (tests/data/wrap_cases.txt says how they were made), and what must
// hold on any text: never a line more than greedy, every line in the box, balance as even
// as it can be, and pretty's last line never one word when a word can come down.
#include "base/utf8.hpp"
#include "fonts/font_library.hpp"
#include "golden_case_file.hpp"
#include "layout_invariants.hpp"
#include "render/text/text_layouter.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

using namespace lafita;
using namespace lafita::render;

namespace {

std::vector<std::string> lines_of(const std::string& file) {
  std::istringstream in(test::test_data_text(file));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Each line's text in logical order, as `lafita layout` prints it.
std::vector<std::string> texts(const ParagraphLayout& layout, const std::u32string& paragraph) {
  std::vector<std::string> out;
  for (const Line& line : layout.lines) out.push_back(encode_utf8(std::u32string_view(paragraph).substr(line.start, line.end - line.start)));
  return out;
}

float widest(const ParagraphLayout& layout) {
  float width = 0;
  for (const Line& line : layout.lines) width = std::max(width, line.width);
  return width;
}

struct Fixture {
  fonts::FontLibrary library;
  TextLayouter layouter;
  const std::vector<std::string> files{test::naskh(), test::noto_sans()};
  fonts::FontStack stack = library.stack(files, 30);

  ParagraphLayout lay_out(const std::u32string& text, float width, Wrap wrap) {
    return layouter.layout(text, {&stack, 1.6f, Align::start, BaseDirection::automatic, "ar", wrap}, width);
  }
};

}  // namespace

TEST_SUITE("wrap") {
  TEST_CASE("balance and pretty break where Chromium breaks") {
    Fixture f;
    const std::vector<std::string> paragraphs = lines_of("wrap_paragraphs.txt");
    int cases = 0;
    for (const std::string& line : lines_of("wrap_cases.txt")) {
      if (line.empty() || line.starts_with("#")) continue;
      const std::vector<std::string> fields = test::split_on(line, " | ");
      REQUIRE(fields.size() == 4);
      CAPTURE(line);
      const Wrap wrap = fields[0] == "balance" ? Wrap::balance : Wrap::pretty;
      const std::u32string text = decode_utf8(paragraphs.at(std::stoul(fields[2])));
      CHECK(texts(f.lay_out(text, std::stof(fields[1]), wrap), text) == test::split_on(fields[3], " / "));
      ++cases;
    }
    CHECK(cases == 20);
  }

  TEST_CASE("balance: as many lines as greedy, none wider than greedy's widest, all in the box") {
    Fixture f;
    const std::u32string text = decode_utf8(lines_of("wrap_paragraphs.txt").at(1));
    for (const float width : {300.0f, 450.0f, 700.0f, 980.0f, 1400.0f}) {
      CAPTURE(width);
      const ParagraphLayout greedy = f.lay_out(text, width, Wrap::greedy);
      const ParagraphLayout balanced = f.lay_out(text, width, Wrap::balance);
      CHECK(test::invariant_violations(balanced, text, width).empty());
      CHECK(test::invariant_violations(f.lay_out(text, width, Wrap::pretty), text, width).empty());
      CHECK(balanced.lines.size() == greedy.lines.size());
      CHECK(widest(balanced) <= widest(greedy) + 0.01f);
      CHECK(texts(balanced, text) != std::vector<std::string>{});
      for (const Line& line : balanced.lines) CHECK(line.x + line.width <= width + 0.01f);  // aligned in the whole box
      // Even: the shortest line, but the last, is no shorter than greedy's shortest such line.
      CHECK(balanced.lines.back().width >= greedy.lines.back().width - 0.01f);
    }
    // A text on one line stays as it is.
    const std::u32string short_title = U"اجتماع المجلس البلدي";
    CHECK(f.lay_out(short_title, 900, Wrap::balance).lines.size() == 1);
    CHECK(f.lay_out(short_title, 900, Wrap::balance).lines.front().x == f.lay_out(short_title, 900, Wrap::greedy).lines.front().x);
  }

  TEST_CASE("pretty: a last line of one word takes a word from the line before, and never a line more") {
    Fixture f;
    const std::u32string text = U"Avoid the underpasses. Move cars away from the port. Call 198 in an emergency.";
    const ParagraphLayout greedy = f.lay_out(text, 980, Wrap::greedy);
    REQUIRE(texts(greedy, text).back() == "emergency.");  // the case pretty exists for
    const ParagraphLayout pretty = f.lay_out(text, 980, Wrap::pretty);
    CHECK(pretty.lines.size() == greedy.lines.size());
    CHECK(texts(pretty, text).back() == "an emergency.");  // one word down, not the two lines balanced
    // Each stretch between forced breaks on its own: a line separator keeps its line.
    const std::u32string two = text + U"\u2028" + text;
    const auto both = texts(f.lay_out(two, 980, Wrap::pretty), two);
    REQUIRE(both.size() == 4);
    CHECK(both[1] == "an emergency.");
    CHECK(both[3] == "an emergency.");
    // Nothing to pull when the line before is one word too, or the text is one line.
    CHECK(texts(f.lay_out(U"Underpasses emergency", 200, Wrap::pretty), U"Underpasses emergency") ==
          texts(f.lay_out(U"Underpasses emergency", 200, Wrap::greedy), U"Underpasses emergency"));
    for (const float width : {250.0f, 400.0f, 600.0f, 800.0f}) {  // any width: never a line more
      CAPTURE(width);
      const std::u32string body = decode_utf8(lines_of("wrap_paragraphs.txt").at(1));
      CHECK(f.lay_out(body, width, Wrap::pretty).lines.size() == f.lay_out(body, width, Wrap::greedy).lines.size());
    }
  }
}
