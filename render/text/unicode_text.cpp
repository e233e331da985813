#include "render/text/unicode_text.hpp"

#include <unicode/uchar.h>


namespace lafita::render {

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
