#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lafita {

// Unicode's Stream-Safe Text Format (UAX #15, section 13) allows at most 30 combining marks
// in a row. No writing system needs more (Arabic puts two or three on a letter); a letter
// under 70,000 shaddas has brought HarfBuzz's mark attachment down (an assertion, SIGABRT).
// Text that enters Lafita is held to this.
inline constexpr size_t kMaxCombiningMarks = 30;

// Whether `c` is a combining mark: a non-zero canonical combining class, or a nonspacing or
// enclosing mark (Mn, Me). None is below U+0300.
bool is_combining_mark(char32_t c);

// Counts the combining marks in a row of text read in order. Default-ignorable characters
// between them (ZWNJ, word joiner, soft hyphen) neither count nor end the run: HarfBuzz
// attaches a mark to the marks before it across them.
class MarkRun {
 public:
  // Takes the next code point; true when it is a combining mark past the limit.
  bool excess(char32_t c);
  size_t length() const { return length_; }

 private:
  size_t length_ = 0;
};

// The longest run of combining marks in UTF-8 `text` (see MarkRun; ill-formed bytes end a run).
size_t longest_mark_run(std::string_view text);

}  // namespace lafita
