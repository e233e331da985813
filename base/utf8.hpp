#pragma once

#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace lafita {

// The one UTF-8 codec of the project (ICU's macros underneath), for the text engine and
// the feeds' sanitiser alike. Ill-formed input never throws and loses nothing silently:
// each ill-formed sequence (maximal subpart, as Unicode recommends) becomes one U+FFFD.

// Decodes UTF-8 into code points.
std::u32string decode_utf8(std::string_view bytes);

// Encodes code points as UTF-8; surrogates and values above U+10FFFF become U+FFFD.
std::string encode_utf8(std::u32string_view text);
void append_utf8(std::u32string_view text, std::string& out);
void append_utf8(char32_t c, std::string& out);

// Calls `visit(c, bytes)` for each code point of `text` with its UTF-8 bytes; an
// ill-formed subpart arrives as U+FFFD with the bytes of U+FFFD. For text of at most
// 2 GiB (a feed is capped far below).
template <typename Visit>
void for_each_code_point(std::string_view text, Visit&& visit) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      visit(U'\uFFFD', std::string_view("\uFFFD"));
    } else {
      visit(static_cast<char32_t>(c), text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
}

// How many ill-formed sequences `text` holds (0 for valid UTF-8).
size_t count_ill_formed_utf8(std::string_view text);

}  // namespace lafita
