#include "base/utf8.hpp"

#include <unicode/utf16.h>

#include <algorithm>
#include <limits>

namespace lafita {

std::u32string decode_utf8(std::string_view bytes) {
  std::u32string text;
  text.reserve(bytes.size());
  // ICU's macros take int32_t offsets; longer input is decoded in slices.
  constexpr size_t slice = std::numeric_limits<int32_t>::max() / 2;
  for (size_t base = 0; base < bytes.size();) {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data() + base);
    const auto length = static_cast<int32_t>(std::min(bytes.size() - base, slice));
    int32_t i = 0;
    while (i < length) {
      UChar32 c;
      U8_NEXT(s, i, length, c);
      text.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
    }
    base += static_cast<size_t>(length);
  }
  return text;
}

void append_utf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  if (c > 0x10FFFF || U_IS_SURROGATE(c)) c = U'\uFFFD';
  uint8_t buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
}

void append_utf8(std::u32string_view text, std::string& out) {
  for (char32_t c : text) append_utf8(c, out);
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  append_utf8(text, out);
  return out;
}

size_t count_ill_formed_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  size_t invalid = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    invalid += c < 0 ? 1 : 0;
  }
  return invalid;
}

}  // namespace lafita
