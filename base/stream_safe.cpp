#include "base/stream_safe.hpp"

#include <unicode/uniset.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bitset>

namespace lafita {

namespace {

// Which code points of the BMP are combining marks, and which are marks or
// default-ignorable, as bits: this runs for every character of every feed and every
// paragraph laid out, and most are letters. Built once from ICU's property sets (frozen
// sets answer the rest of Unicode).
struct MarkTables {
  icu::UnicodeSet marks, either;
  std::bitset<0x10000> bmp_marks, bmp_either;

  MarkTables() {
    UErrorCode status = U_ZERO_ERROR;
    marks.applyPattern(icu::UnicodeString("[[:Mn:][:Me:][:^Canonical_Combining_Class=Not_Reordered:]]", -1, US_INV), status);
    either.applyPattern(icu::UnicodeString("[[:Mn:][:Me:][:^ccc=0:][:Default_Ignorable_Code_Point:]]", -1, US_INV), status);
    marks.freeze();
    either.freeze();
    fill(marks, bmp_marks);
    fill(either, bmp_either);
  }

  static void fill(const icu::UnicodeSet& set, std::bitset<0x10000>& bits) {
    for (int32_t r = 0; r < set.getRangeCount(); ++r) {
      for (UChar32 c = set.getRangeStart(r); c <= set.getRangeEnd(r) && c < 0x10000; ++c) bits.set(static_cast<size_t>(c));
    }
  }
};

const MarkTables& tables() {
  static const MarkTables instance;
  return instance;
}

}  // namespace

bool is_combining_mark(char32_t c) {
  if (c < 0x300) return false;
  return c < 0x10000 ? tables().bmp_marks[c] : tables().marks.contains(static_cast<UChar32>(c)) != 0;
}

bool MarkRun::excess(char32_t c) {
  if (c < 0x300) {  // no mark below; the soft hyphen is the only default-ignorable
    if (c != 0xAD) length_ = 0;
    return false;
  }
  // Letters, the common case, take one look: they are in neither set.
  const bool either = c < 0x10000 ? tables().bmp_either[c] : tables().either.contains(static_cast<UChar32>(c)) != 0;
  if (!either) {
    length_ = 0;
    return false;
  }
  return is_combining_mark(c) && ++length_ > kMaxCombiningMarks;
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
