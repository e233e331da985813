#pragma once

#include "render/text/paragraph_layout.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace lafita::kiosk {

// One paragraph in the JSON of `lafita layout` (DESIGN.md): direction, height and lines,
// each with its code point range, text, width, position, metrics and runs in visual order
// with their glyphs. Lengths are px rounded to 1/1000. `text` is the paragraph laid out.
nlohmann::json paragraph_json(const render::ParagraphLayout& layout, std::u32string_view text);

}  // namespace lafita::kiosk
