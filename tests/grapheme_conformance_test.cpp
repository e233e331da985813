// Every line of the Unicode Consortium's GraphemeBreakTest.txt (Debian's unicode-data,
// Unicode 15.0) through BreakFinder::is_grapheme_boundary, which the engine uses to keep
// a cluster in one font and to cut words at emergency breaks: its quick answer for plain
// pairs must agree with ICU and the standard everywhere.

#include "render/text/breaks.hpp"
#include "unicode_test_file.hpp"

#include <doctest/doctest.h>

#include <iostream>
#include <string>
#include <vector>

namespace lafita::render {
namespace {

TEST_SUITE("GraphemeBreakTest") {
  TEST_CASE("the engine's grapheme cluster boundaries pass every case of GraphemeBreakTest.txt") {
    BreakFinder finder;
    size_t passed = 0, total = 0;
    std::vector<size_t> failures;
    test::for_each_case("auxiliary/GraphemeBreakTest.txt", [&](size_t line_number, const std::string& line) {
      ++total;
      const test::BoundaryCase c = test::parse_boundary_case(line);
      REQUIRE(c.boundary.size() == c.text.size() + 1);
      finder.set_text(c.text);
      bool same = true;
      for (uint32_t i = 0; same && i <= c.text.size(); ++i) same = finder.is_grapheme_boundary(i) == c.boundary[i];
      if (same) {
        ++passed;
      } else {
        failures.push_back(line_number);
      }
    });
    std::cout << "GraphemeBreakTest: " << passed << "/" << total << " passed\n";
    for (size_t n : failures) std::cout << "  failure at line " << n << "\n";
    CHECK(total == 602);  // the test lines of GraphemeBreakTest-15.0.0.txt
    CHECK(passed == total);
  }
}

}  // namespace
}  // namespace lafita::render
