#pragma once

// Reading the Unicode Consortium's test files (Debian's unicode-data): one case a line,
// '#' starting a comment.

#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace lafita::test {

// Calls visit(line_number, line) for every line of the file that is not blank or a
// comment; fails the test if the file cannot be read.
template <typename Visit>
void for_each_case(const std::string& file, Visit&& visit) {
  const auto path = unicode_file(file);
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot read " << path << " (install unicode-data)");
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line[0] != '#') visit(number, line);
  }
}

// A case of the boundary test files (LineBreakTest, GraphemeBreakTest): code points
// between × (no boundary) and ÷ (boundary) marks, e.g. "× 0646 × 200D ÷ 0020 ÷".
struct BoundaryCase {
  std::u32string text;
  std::vector<bool> boundary;  // boundary[i]: a boundary before code point i, for i in [0, size]
};

inline BoundaryCase parse_boundary_case(const std::string& line) {
  BoundaryCase c;
  std::istringstream tokens(line.substr(0, line.find('#')));
  for (std::string token; tokens >> token;) {
    if (token == "\xC3\x97" || token == "\xC3\xB7") {  // × or ÷
      c.boundary.push_back(token == "\xC3\xB7");
    } else {
      c.text.push_back(static_cast<char32_t>(std::stoul(token, nullptr, 16)));
    }
  }
  return c;
}

}  // namespace lafita::test
