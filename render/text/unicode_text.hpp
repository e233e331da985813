#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lafita::render {

// Splits text into paragraphs at every paragraph separator of UAX #9 (bidi class B:
// LF, CR, CR LF as one, U+001C–U+001E, NEL, U+2029). The separators are not part of any
// paragraph; text ending in a separator has no empty paragraph after it. Views point
// into `text`.
std::vector<std::u32string_view> split_paragraphs(std::u32string_view text);

}  // namespace lafita::render
