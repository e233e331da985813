#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace lafita::render {

// What may happen between a code point and the one before it.
enum class LineBreak : uint8_t {
  prohibited,  // the two stay on one line
  allowed,     // a line may end here (UAX #14 opportunity)
  mandatory,   // a line must end here (after U+2028, VT, FF; and at the end of the text)
};

// Break opportunities from ICU's UAX #14 line iterator and extended grapheme cluster
// boundaries from its character iterator, both kept open for reuse. One per thread;
// not thread-safe. Throws std::runtime_error if ICU cannot open its break rules.
class BreakFinder {
 public:
  BreakFinder();
  ~BreakFinder();
  BreakFinder(const BreakFinder&) = delete;
  BreakFinder& operator=(const BreakFinder&) = delete;

  // Sets the text the next calls look at; it must stay alive and unchanged until then.
  void set_text(std::u32string_view text);

  // breaks[i], for i in [0, size], says whether a line may end before code point i:
  // breaks[0] is prohibited (or mandatory for empty text), breaks[size] mandatory. These
  // are UAX #14's opportunities as ICU finds them, which already keep ، ؛ ؟ and closing
  // brackets off the start of a line, even after a space (rule LB13), with one tailoring:
  // a hyphen between capitals or digits joins an acronym compound, so "UCLG-MEWA" and
  // "G20-IOM" are never split (a reader takes "UCLG-" and "MEWA" for two names).
  void line_breaks(std::vector<LineBreak>& breaks);

  // Whether an extended grapheme cluster starts at code point i (true at 0 and at the end).
  bool is_grapheme_boundary(uint32_t i);

  // The extended grapheme cluster [first, second) that contains code point i < size.
  std::pair<uint32_t, uint32_t> grapheme_around(uint32_t i);

 private:
  struct Icu;
  std::unique_ptr<Icu> icu_;
  std::u32string_view text_;
};

// Whether a line must never start with `c`: closing brackets and the punctuation that
// belongs to the end of the preceding word (line break classes CL, CP, EX and IS). UAX #14
// ensures it for its opportunities; emergency breaks inside a word check it themselves.
bool never_starts_line(char32_t c);

}  // namespace lafita::render
