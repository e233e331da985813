#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lafita::render {

// Decodes UTF-8 into code points. Each ill-formed sequence (maximal subpart, as Unicode
// recommends) becomes one U+FFFD; nothing is dropped and nothing throws.
std::u32string decode_utf8(std::string_view bytes);

// Encodes code points as UTF-8; surrogates and values above U+10FFFF become U+FFFD.
std::string encode_utf8(std::u32string_view text);
void append_utf8(std::u32string_view text, std::string& out);

// Splits text into paragraphs at every paragraph separator of UAX #9 (bidi class B:
// LF, CR, CR LF as one, U+001C–U+001E, NEL, U+2029). The separators are not part of any
// paragraph; text ending in a separator has no empty paragraph after it. Views point
// into `text`.
std::vector<std::u32string_view> split_paragraphs(std::u32string_view text);

}  // namespace lafita::render
