// The golden layout cases of tests/data/layout_cases.txt: line starts and the order of
// directional runs on each line, for texts that exercise the Arabic layout pitfalls.
// The expected values come from Chromium's line breaks and the Unicode Bidirectional
// Algorithm as ICU implements it, checked by eye; the file says so case by case.

#include "base/utf8.hpp"
#include "fonts/font_library.hpp"
#include "golden_case_file.hpp"
#include "layout_invariants.hpp"
#include "render/text/text_layouter.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace lafita::test {
namespace {

// The engine's runs on a line, with adjacent runs of one level (split only by font or
// script) merged, in the case file's syntax: LEVEL{text}@font ...
std::vector<ExpectedRun> actual_runs(const render::ParagraphLayout& layout, const render::Line& line,
                                     std::u32string_view text) {
  std::vector<ExpectedRun> runs;
  uint32_t start = 0, end = 0;
  for (const render::GlyphRun& run : layout.runs_of(line)) {
    const std::string font = run.font->face().file_name();
    const bool rtl = run.level & 1;
    if (!runs.empty() && runs.back().level == run.level && (rtl ? run.end == start : run.start == end)) {
      start = std::min(start, run.start);
      end = std::max(end, run.end);
      runs.back().text = std::u32string(text.substr(start, end - start));
      if (runs.back().font != font) runs.back().font = "mixed";
      continue;
    }
    start = run.start;
    end = run.end;
    runs.push_back({run.level, std::u32string(text.substr(start, end - start)), font});
  }
  return runs;
}

std::string describe(const std::vector<ExpectedRun>& runs) {
  if (runs.empty()) return "-";
  std::string out;
  for (const auto& run : runs) {
    out += (out.empty() ? "" : " ") + std::to_string(run.level) + "{" + lafita::encode_utf8(run.text) + "}";
    if (!run.font.empty()) out += "@" + run.font;
  }
  return out;
}

bool matches(const std::vector<ExpectedRun>& expected, const std::vector<ExpectedRun>& actual) {
  if (expected.size() != actual.size()) return false;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (expected[i].level != actual[i].level || expected[i].text != actual[i].text) return false;
    if (!expected[i].font.empty() && font_path(expected[i].font).find(actual[i].font) == std::string::npos) return false;
  }
  return true;
}

// Lays out one golden case with the fonts `path_of` gives for its keys; empty when the
// layout is as expected, else what differs.
template <typename PathOf>
std::string check_case(fonts::FontLibrary& library, render::TextLayouter& layouter, const GoldenCase& c, PathOf&& path_of) {
  std::vector<std::string> files;
  for (const auto& key : c.fonts) files.push_back(path_of(key));
  const fonts::FontStack stack = library.stack(files, c.size);
  const render::TextStyle style{&stack, 1.6f, render::Align::start, c.direction, c.language};
  const render::ParagraphLayout layout = layouter.layout(c.text, style, c.width);

  const auto violations = invariant_violations(layout, c.text, c.width);
  if (!violations.empty()) return "invariant: " + violations.front();
  if (layout.direction != c.expected_direction) return "paragraph direction differs";
  if (c.expected_line_count) {
    return layout.lines.size() == *c.expected_line_count ? "" : std::to_string(layout.lines.size()) + " lines";
  }
  std::ostringstream expected, actual;
  bool same = layout.lines.size() == c.expected.size();
  for (size_t k = 0; k < std::max(layout.lines.size(), c.expected.size()); ++k) {
    const auto runs = k < layout.lines.size() ? actual_runs(layout, layout.lines[k], c.text) : std::vector<ExpectedRun>{};
    const auto& want = k < c.expected.size() ? c.expected[k] : std::vector<ExpectedRun>{};
    same = same && matches(want, runs);
    expected << "\n  " << describe(want);
    actual << "\n  " << describe(runs);
  }
  return same ? "" : "expected:" + expected.str() + "\nactual:" + actual.str();
}

TEST_SUITE("golden") {
  TEST_CASE("every golden layout case: direction, line starts, run order, invariants") {
    const auto cases = read_golden_cases(test_data("layout_cases.txt").string());
    REQUIRE(cases.size() >= 30);
    fonts::FontLibrary library;
    render::TextLayouter layouter;
    for (const GoldenCase& c : cases) {
      CAPTURE(c.name);
      CAPTURE(c.source_line);
      const std::string why = check_case(library, layouter, c, font_path);
      CHECK_MESSAGE(why.empty(), why);
    }
  }

  // The cases are pinned to the fonts of tests/fonts. This one reports, and never fails,
  // whether the system's copies (a Debian font update) would break the cases differently:
  // a reason to look, and perhaps to update the pinned copies and the cases with them.
  TEST_CASE("the system's fonts: golden cases that would break differently are reported") {
    const auto cases = read_golden_cases(test_data("layout_cases.txt").string());
    fonts::FontLibrary library;
    render::TextLayouter layouter;
    std::string drifted;
    size_t count = 0;
    for (const GoldenCase& c : cases) {
      try {
        if (check_case(library, layouter, c, [](const std::string& key) { return system_font(font_file(key)); }).empty()) {
          continue;
        }
      } catch (const std::exception& e) {  // a font the system no longer has
        drifted += " " + c.name + " (" + e.what() + ")";
        ++count;
        continue;
      }
      drifted += " " + c.name;
      ++count;
    }
    MESSAGE("system fonts: " << count << " of " << cases.size() << " golden cases lay out differently"
                             << (count ? ":" + drifted : std::string()));
  }
}

}  // namespace
}  // namespace lafita::test
