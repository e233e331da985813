// Every line of the Unicode Consortium's GraphemeBreakTest.txt (Debian's unicode-data,
// Unicode 15.0) through BreakFinder::is_grapheme_boundary, which the engine uses to keep
// a cluster in one font and to cut words at emergency breaks: its quick answer for plain
// pairs must agree with ICU and the standard everywhere.

#include "render/text/breaks.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace lafita::render {
namespace {

TEST_SUITE("GraphemeBreakTest") {
  TEST_CASE("the engine's grapheme cluster boundaries pass every case of GraphemeBreakTest.txt") {
    const auto path = test::unicode_file("auxiliary/GraphemeBreakTest.txt");
    std::ifstream file(path);
    REQUIRE_MESSAGE(file, "cannot read " << path << " (install unicode-data)");
    BreakFinder finder;
    size_t passed = 0, total = 0, line_number = 0;
    std::vector<size_t> failures;
    for (std::string line; std::getline(file, line);) {
      ++line_number;
      if (line.empty() || line[0] == '#') continue;
      ++total;
      std::istringstream tokens(line.substr(0, line.find('#')));
      std::u32string text;
      std::vector<bool> expected{true};
      for (std::string token; tokens >> token;) {
        if (token == "\xC3\x97" || token == "\xC3\xB7") {  // × or ÷
          if (!text.empty()) expected.push_back(token == "\xC3\xB7");
        } else {
          text.push_back(static_cast<char32_t>(std::stoul(token, nullptr, 16)));
        }
      }
      finder.set_text(text);
      bool same = expected.size() == text.size() + 1;
      for (uint32_t i = 0; same && i <= text.size(); ++i) same = finder.is_grapheme_boundary(i) == expected[i];
      if (same) {
        ++passed;
      } else {
        failures.push_back(line_number);
      }
    }
    std::cout << "GraphemeBreakTest: " << passed << "/" << total << " passed\n";
    for (size_t n : failures) std::cout << "  failure at line " << n << "\n";
    CHECK(total == 602);  // the test lines of GraphemeBreakTest-15.0.0.txt
    CHECK(passed == total);
  }
}

}  // namespace
}  // namespace lafita::render
