// Every line of the Unicode Consortium's LineBreakTest.txt (Debian's unicode-data,
// Unicode 15.0) through the engine's break-opportunity function, BreakFinder::line_breaks.

#include "render/text/breaks.hpp"
#include "unicode_test_file.hpp"

#include <doctest/doctest.h>

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace lafita::render {
namespace {

// Lines of LineBreakTest-15.0.0.txt where ICU 72 (the break rules of every Debian 12 and
// Raspberry Pi OS bookworm system) departs from the test file on purpose, with the reason.
// Each is one of the cases ICU's own conformance test skips as a known issue
// (RBBITest::testCaseIsKnownIssue in icu4c/source/test/intltest/rbbitst.cpp, ICU 72).
constexpr const char* kHyphen =
    "ICU-21097: ICU does not break after a hyphen before a letter or symbol (the Finnish HY tailoring moved to root, ICU-8151)";
constexpr const char* kNumber =
    "ICU-21097: ICU keeps IS/HY followed by a digit together as a number (its LB25 number tailoring, ICU-12017)";
const std::map<size_t, const char*> kIcuDeviations = {
    {2265, kHyphen},  // "-#"
    {2267, kHyphen},  // "-\u0308#"
    {2421, kHyphen},  // "-§"
    {2423, kHyphen},  // "-\u0308§"
    {2425, kHyphen},  // "-\U00050005"
    {2427, kHyphen},  // "-\u0308\U00050005"
    {2429, kHyphen},  // "-ก"
    {2431, kHyphen},  // "-\u0308ก"
    {2873, kNumber},  // ",0"
    {2875, kNumber},  // ",\u03080"
    {7477, kNumber},  // "equals .35 cents"
    {7576, kNumber},  // "a.2 "
    {7577, kNumber},  // "a.2 क"
    {7578, kNumber},  // "a.2 本"
    {7579, kNumber},  // "a.2\u3000本"
    {7580, kNumber},  // "a.2\u3000ま"
    {7581, kNumber},  // "a.2\u30003"
    {7583, kNumber},  // "A.1 몫"
    {7584, kNumber},  // "봤어. A.2 볼"
    {7585, kNumber},  // "봐요. A.3 몫"
    {7586, kNumber},  // "요. A.4 몫"
    {7587, kNumber},  // "a.2\u3000「"
};

TEST_SUITE("LineBreakTest") {
  TEST_CASE("the engine's break opportunities pass LineBreakTest.txt but for ICU's documented deviations") {
    BreakFinder finder;
    std::vector<LineBreak> breaks;
    size_t passed = 0, total = 0;
    std::vector<size_t> unexpected_failures, deviations_that_pass;
    test::for_each_case("auxiliary/LineBreakTest.txt", [&](size_t line_number, const std::string& line) {
      ++total;
      const test::BoundaryCase c = test::parse_boundary_case(line);
      REQUIRE(c.boundary.size() == c.text.size() + 1);
      finder.set_text(c.text);
      finder.line_breaks(breaks);
      bool same = true;
      for (size_t i = 1; i <= c.text.size(); ++i) same &= (breaks[i] != LineBreak::prohibited) == c.boundary[i];
      const bool known = kIcuDeviations.count(line_number) > 0;
      if (same) {
        ++passed;
        if (known) deviations_that_pass.push_back(line_number);
      } else if (!known) {
        unexpected_failures.push_back(line_number);
      }
    });
    std::cout << "LineBreakTest: " << passed << "/" << total << " passed; the " << kIcuDeviations.size()
              << " others are ICU's documented deviations (ICU-21097)\n";
    for (size_t n : unexpected_failures) std::cout << "  unexpected failure at line " << n << "\n";
    for (size_t n : deviations_that_pass) std::cout << "  listed deviation now passes: line " << n << "\n";
    CHECK(total == 7654);
    CHECK(unexpected_failures.empty());
    CHECK(deviations_that_pass.empty());
    CHECK(passed + kIcuDeviations.size() == total);
  }
}

}  // namespace
}  // namespace lafita::render
