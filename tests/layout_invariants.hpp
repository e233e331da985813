#pragma once

// What every layout must satisfy, whatever the text and parameters: shared by the golden
// and property tests and by the layout fuzzer.

#include "render/text/paragraph_layout.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lafita::test {

// Empty when `layout` of `text` in a box `width` wide is well formed; else one line per
// broken invariant. Checked: lines tile the paragraph in order and only whitespace hangs
// between them; each line's runs cover its content exactly once; every glyph belongs to its
// run's range and exists in its font; a line overflows the box only when it could not be
// cut (one grapheme cluster, with what may not start a line); line boxes stack.
std::vector<std::string> invariant_violations(const render::ParagraphLayout& layout, std::u32string_view text,
                                              float width);

}  // namespace lafita::test
