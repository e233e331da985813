#include "render/text/unicode_text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <limits>

namespace lafita::render {

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

void append_utf8(std::u32string_view text, std::string& out) {
  for (char32_t c : text) {
    if (c > 0x10FFFF || U_IS_SURROGATE(c)) c = U'\uFFFD';
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, c);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
  }
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  append_utf8(text, out);
  return out;
}

std::vector<std::u32string_view> split_paragraphs(std::u32string_view text) {
  std::vector<std::u32string_view> paragraphs;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (u_charDirection(static_cast<UChar32>(text[i])) != U_BLOCK_SEPARATOR) continue;
    paragraphs.push_back(text.substr(start, i - start));
    if (text[i] == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) paragraphs.push_back(text.substr(start));
  return paragraphs;
}

}  // namespace lafita::render
