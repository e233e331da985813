#pragma once

#include "fonts/font.hpp"

#include <hb-cplusplus.hh>
#include <hb.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace lafita::render {

// A glyph as HarfBuzz shaped it, in 1/64 px.
struct ShapedGlyph {
  uint32_t id;
  uint32_t cluster;  // code point offset in the paragraph
  int32_t advance;
  int32_t x_offset;
  int32_t y_offset;  // HarfBuzz's y grows upwards
  bool unsafe_to_break;
};

// What HarfBuzz must be told about a run instead of guessing it.
struct ShapingProps {
  const fonts::Font* font;
  hb_direction_t direction;
  hb_script_t script;
  hb_language_t language;  // HB_LANGUAGE_INVALID when the content language is unknown
};

// Shapes runs of a paragraph with HarfBuzz, keeping one buffer for reuse. Clusters are
// code point offsets (cluster level MONOTONE_CHARACTERS), so marks keep their own.
// Short runs whose shaping cannot depend on the text around them (no character that joins:
// acronyms, digits, brackets, quotes) are remembered, as browsers cache words: a paragraph
// has dozens of them and HarfBuzz costs about half a microsecond per call however short.
// Not thread-safe; one per thread.
class Shaper {
 public:
  Shaper();
  ~Shaper();

  // Shapes text[start, end) with the rest of `text` as context, so that Arabic letters
  // join across run edges and line breaks. Appends the glyphs in visual order (left to
  // right) and returns the total advance.
  int32_t shape(std::u32string_view text, uint32_t start, uint32_t end, const ShapingProps& props,
                std::vector<ShapedGlyph>& out);

 private:
  int32_t shape_with_harfbuzz(std::u32string_view text, uint32_t start, uint32_t end, const ShapingProps& props,
                              std::vector<ShapedGlyph>& out);

  hb_shape_plan_t* plan_for(const ShapingProps& props);

  struct Plan {
    hb_face_t* face;
    hb_direction_t direction;
    hb_script_t script;
    hb_language_t language;
    hb::unique_ptr<hb_shape_plan_t> plan;
  };
  static constexpr size_t kPlans = 8;

  hb::unique_ptr<hb_buffer_t> buffer_;
  std::vector<Plan> plans_;
  class Cache;
  std::unique_ptr<Cache> cache_;
};

}  // namespace lafita::render
