#pragma once

// The golden layout case file (tests/data/layout_cases.txt): one case per line. Its header
// documents the format; this parser turns a line into a GoldenCase.

#include "render/text/bidi.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lafita::test {

struct ExpectedRun {
  int level;
  std::u32string text;  // in logical order
  std::string font;     // a font key ("naskh"), or empty for any
};

struct GoldenCase {
  size_t source_line = 0;
  std::string name;
  std::vector<std::string> fonts;  // keys: naskh, sans, dejavu
  float size = 0;
  float width = 0;
  render::BaseDirection direction = render::BaseDirection::automatic;
  std::string language;
  std::u32string text;
  render::Direction expected_direction = render::Direction::ltr;
  std::optional<size_t> expected_line_count;       // "lines=N"
  std::vector<std::vector<ExpectedRun>> expected;  // per line, runs left to right
};

// `s` cut at every `separator` ("a / b" at " / ": "a", "b"); no separator: `s` whole.
std::vector<std::string> split_on(const std::string& s, const std::string& separator);

class CaseFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Expands the text escapes: \u{HEX} a code point, \x{HH} a raw byte, \\ a backslash, and
// {N*...} N repetitions. Returns bytes, which may be invalid UTF-8 on purpose.
std::string unescape(const std::string& text);

// Parses one case line; throws CaseFormatError saying what is wrong.
GoldenCase parse_golden_case(const std::string& line, size_t source_line);

// Reads every case of a file; throws CaseFormatError naming the line.
std::vector<GoldenCase> read_golden_cases(const std::string& path);

// The font file a key stands for ("naskh" -> "NotoNaskhArabic-Regular.ttf"), and its path
// among the pinned fonts of tests/fonts.
std::string font_file(const std::string& key);
std::string font_path(const std::string& key);

}  // namespace lafita::test
