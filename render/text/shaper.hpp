#pragma once

#include "fonts/font.hpp"

#include <hb-cplusplus.hh>
#include <hb.h>

#include <cstdint>
#include <memory>
#include <span>
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
  bool tatweel_ok = false;  // HarfBuzz: a tatweel may be inserted before this glyph's cluster
};

// What HarfBuzz must be told about a run instead of guessing it.
struct ShapingProps {
  const fonts::Font* font;
  hb_direction_t direction;
  hb_script_t script;
  hb_language_t language;  // HB_LANGUAGE_INVALID when the content language is unknown

  bool same_as(const ShapingProps& other) const {
    return font == other.font && direction == other.direction && script == other.script && language == other.language;
  }
};

// A run of a paragraph to shape: text[start, end) with these properties.
struct ShapingRun {
  uint32_t start, end;
  ShapingProps props;
};

// The glyphs of `glyphs` (one run's, in visual order) whose clusters lie in [start, end):
// clusters rise left to right in a left-to-right run and fall in a right-to-left one.
std::span<const ShapedGlyph> glyphs_in(std::span<const ShapedGlyph> glyphs, uint32_t start, uint32_t end, bool rtl);

// Shapes runs of a paragraph with HarfBuzz, keeping one buffer for reuse. Clusters are
// code point offsets (cluster level MONOTONE_CHARACTERS), so marks keep their own.
// HarfBuzz costs about half a microsecond per call however short the run, and an Arabic
// paragraph broken by acronyms, digits and brackets has dozens of runs, so two things
// spare calls: short runs whose shaping cannot depend on the text around them (nothing in
// them joins) are remembered, as browsers cache words; and runs of one font, direction and
// script are shaped together and cut where HarfBuzz says it is safe to break.
// Not thread-safe; one per thread.
class Shaper {
 public:
  Shaper();
  ~Shaper();

  // Shapes every run (in logical order, not overlapping) with the rest of `text` as
  // context, appending each run's glyphs in visual order, run after run: run_begin[k] is
  // where run k's glyphs start and run_begin.back() where the last one's end. The glyphs
  // are those each run would get shaped alone.
  void shape_paragraph(std::u32string_view text, std::span<const ShapingRun> runs, std::vector<ShapedGlyph>& out,
                       std::vector<uint32_t>& run_begin);

  // Shapes text[start, end) with the rest of `text` as context, so that Arabic letters
  // join across run edges and line breaks. Appends the glyphs in visual order (left to
  // right) and returns the total advance.
  int32_t shape(std::u32string_view text, uint32_t start, uint32_t end, const ShapingProps& props,
                std::vector<ShapedGlyph>& out);

 private:
  int32_t shape_with_harfbuzz(std::u32string_view text, uint32_t start, uint32_t end, const ShapingProps& props,
                              std::vector<ShapedGlyph>& out);
  void share_shaping(std::u32string_view text, std::span<const ShapingRun> runs);
  bool take_shared(const ShapingRun& run, size_t k, std::vector<ShapedGlyph>& out) const;

  // Runs shaped together: the span from the first member's start to the last one's end.
  struct Shared {
    ShapingProps props;
    uint32_t start, end;
    uint32_t members, member_chars, long_members;
    uint32_t glyph_begin, glyph_end;  // in shared_glyphs_; empty when not worth it
  };
  std::vector<Shared> shared_;
  std::vector<uint32_t> shared_of_run_;
  std::vector<uint8_t> cacheable_;  // per run of the paragraph being shaped
  std::vector<ShapedGlyph> shared_glyphs_;

  int32_t shape_cached(std::u32string_view text, uint32_t start, uint32_t end, const ShapingProps& props,
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
