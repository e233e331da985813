// Every line of the Unicode Consortium's BidiCharacterTest.txt (Debian's unicode-data,
// Unicode 15.0) through the functions the layout engine itself uses to resolve a
// paragraph (resolve_bidi) and to order a line (reorder_line).

#include "render/text/bidi.hpp"
#include "unicode_test_file.hpp"

#include <doctest/doctest.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace lafita::render {
namespace {

struct BidiCase {
  std::u32string text;
  BaseDirection base;
  int paragraph_level;
  std::vector<int> levels;  // -1 where the test says x (removed by X9)
  std::vector<int> order;   // visual order of the characters not removed
};

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> fields;
  std::stringstream in(s);
  for (std::string field; std::getline(in, field, separator);) fields.push_back(field);
  return fields;
}

bool parse_case(const std::string& line, BidiCase& c) {
  const auto fields = split(line, ';');
  if (fields.size() != 5) return false;
  std::istringstream points(fields[0]);
  c.text.clear();
  for (std::string hex; points >> hex;) c.text.push_back(static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
  const int direction = std::stoi(fields[1]);
  c.base = direction == 0 ? BaseDirection::ltr : direction == 1 ? BaseDirection::rtl : BaseDirection::automatic;
  c.paragraph_level = std::stoi(fields[2]);
  std::istringstream levels(fields[3]);
  c.levels.clear();
  for (std::string level; levels >> level;) c.levels.push_back(level == "x" ? -1 : std::stoi(level));
  std::istringstream order(fields[4]);
  c.order.clear();
  for (int index; order >> index;) c.order.push_back(index);
  return c.levels.size() == c.text.size();
}

// Empty when the engine agrees with the test, else what differs.
std::string check(const BidiCase& c, BidiParagraph& paragraph, std::vector<FriBidiStrIndex>& visual) {
  resolve_bidi(c.text, c.base, paragraph);
  const auto n = static_cast<uint32_t>(c.text.size());
  reorder_line(paragraph, 0, n, visual);
  const int level = paragraph.direction == Direction::rtl ? 1 : 0;
  if (level != c.paragraph_level) return "paragraph level " + std::to_string(level);
  for (uint32_t i = 0; i < n; ++i) {
    if (c.levels[i] >= 0 && paragraph.levels[i] != c.levels[i]) {
      return "level of character " + std::to_string(i) + " is " + std::to_string(paragraph.levels[i]);
    }
  }
  std::vector<int> order;
  for (uint32_t k = 0; k < n; ++k) {
    if (!removed_by_x9(paragraph.types[static_cast<uint32_t>(visual[k])])) order.push_back(visual[k]);
  }
  if (order != c.order) return "visual order differs";
  return {};
}

TEST_SUITE("BidiCharacterTest") {
  TEST_CASE("the engine's bidi resolution and line ordering pass every case of BidiCharacterTest.txt") {
    BidiParagraph paragraph;
    std::vector<FriBidiStrIndex> visual;
    BidiCase c;
    size_t passed = 0, total = 0;
    std::vector<std::string> failures;
    test::for_each_case("BidiCharacterTest.txt", [&](size_t line_number, const std::string& line) {
      ++total;
      const std::string difference = parse_case(line, c) ? check(c, paragraph, visual) : "unparsable";
      if (difference.empty()) {
        ++passed;
      } else if (failures.size() < 20) {
        failures.push_back("line " + std::to_string(line_number) + ": " + difference);
      }
    });
    std::cout << "BidiCharacterTest: " << passed << "/" << total << " passed\n";
    for (const auto& failure : failures) std::cout << "  " << failure << "\n";
    CHECK(total == 91707);
    CHECK(passed == total);
  }
}

}  // namespace
}  // namespace lafita::render
