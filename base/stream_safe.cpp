#include "base/stream_safe.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace lafita {

namespace {

bool is_default_ignorable(char32_t c) {
  if (c < 0x300) return c == 0xAD;  // the soft hyphen is the only one below
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

}  // namespace

bool is_combining_mark(char32_t c) {
  if (c < 0x300) return false;
  const auto code = static_cast<UChar32>(c);
  return u_getCombiningClass(code) != 0 || (U_GET_GC_MASK(code) & (U_GC_MN_MASK | U_GC_ME_MASK)) != 0;
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
