#include "base/stream_safe.hpp"

#include <unicode/uniset.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace lafita {

namespace {

// A set of code points from an ICU property pattern, frozen: its lookups are bit tests for
// the BMP (this runs for every character of every feed and every paragraph laid out).
const icu::UnicodeSet& frozen_set(const char* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  auto* set = new icu::UnicodeSet(icu::UnicodeString(pattern, -1, US_INV), status);
  if (U_FAILURE(status)) set->clear();  // ICU's own data: cannot happen
  set->freeze();
  return *set;  // for the program's life
}

bool is_default_ignorable(char32_t c) {
  if (c < 0x300) return c == 0xAD;  // the soft hyphen is the only one below
  static const icu::UnicodeSet& ignorable = frozen_set("[:Default_Ignorable_Code_Point:]");
  return ignorable.contains(static_cast<UChar32>(c)) != 0;
}

}  // namespace

bool is_combining_mark(char32_t c) {
  if (c < 0x300) return false;
  static const icu::UnicodeSet& marks = frozen_set("[[:Mn:][:Me:][:^Canonical_Combining_Class=Not_Reordered:]]");
  return marks.contains(static_cast<UChar32>(c)) != 0;
}

bool MarkRun::excess(char32_t c) {
  if (is_combining_mark(c)) return ++length_ > kMaxCombiningMarks;
  if (!is_default_ignorable(c)) length_ = 0;
  return false;
}

size_t longest_mark_run(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  MarkRun run;
  size_t longest = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    run.excess(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
    longest = std::max(longest, run.length());
  }
  return longest;
}

}  // namespace lafita
