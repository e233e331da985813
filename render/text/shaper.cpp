#include "render/text/shaper.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <span>

namespace lafita::render {

namespace {

unsigned buffer_flags(std::u32string_view text, uint32_t start, uint32_t end) {
  unsigned flags = HB_BUFFER_FLAG_DEFAULT;
  if (start == 0) flags |= HB_BUFFER_FLAG_BOT;
  if (end == text.size()) flags |= HB_BUFFER_FLAG_EOT;
  return flags;
}

}  // namespace

// A direct-mapped table of recent short runs and their glyphs: fixed size, allocated once.
class Shaper::Cache {
 public:
  static constexpr size_t kMaxChars = 12;
  static constexpr size_t kMaxGlyphs = 16;

  // Whether the shaping of text[start, end) depends only on its own characters: it is short
  // and nothing in it joins (Joining_Type U), so the context HarfBuzz sees cannot matter.
  static bool cacheable(std::u32string_view run) {
    return run.size() <= kMaxChars && std::ranges::all_of(run, [](char32_t c) {
             return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE) == U_JT_NON_JOINING;
           });
  }

  // Appends the remembered glyphs of `run` (clusters moved to `start`) and returns their
  // advance, or returns false when the run is not in the table.
  bool find(std::u32string_view run, uint32_t start, const ShapingProps& props, unsigned flags,
            std::vector<ShapedGlyph>& out, int32_t& advance) const {
    const Slot& slot = slots_[slot_of(run, props, flags)];
    if (!slot.holds(run, props, flags)) return false;
    for (uint8_t g = 0; g < slot.glyph_count; ++g) {
      ShapedGlyph glyph = slot.glyphs[g];
      glyph.cluster += start;
      out.push_back(glyph);
    }
    advance = slot.advance;
    return true;
  }

  void remember(std::u32string_view run, uint32_t start, const ShapingProps& props, unsigned flags,
                std::span<const ShapedGlyph> glyphs, int32_t advance) {
    if (glyphs.size() > kMaxGlyphs) return;
    Slot& slot = slots_[slot_of(run, props, flags)];
    slot.props = props;
    slot.flags = flags;
    slot.length = static_cast<uint8_t>(run.size());
    std::ranges::copy(run, slot.text.begin());
    slot.glyph_count = static_cast<uint8_t>(glyphs.size());
    for (size_t g = 0; g < glyphs.size(); ++g) {
      slot.glyphs[g] = glyphs[g];
      slot.glyphs[g].cluster -= start;
    }
    slot.advance = advance;
  }

 private:
  static constexpr size_t kSlots = 512;

  struct Slot {
    ShapingProps props{};
    unsigned flags = 0;
    uint8_t length = 0;
    uint8_t glyph_count = 0;
    std::array<char32_t, kMaxChars> text{};
    std::array<ShapedGlyph, kMaxGlyphs> glyphs{};
    int32_t advance = 0;

    bool holds(std::u32string_view run, const ShapingProps& p, unsigned f) const {
      return props.font == p.font && props.direction == p.direction && props.script == p.script &&
             props.language == p.language && flags == f && length == run.size() &&
             std::equal(run.begin(), run.end(), text.begin());
    }
  };

  static size_t slot_of(std::u32string_view run, const ShapingProps& props, unsigned flags) {
    uint64_t hash = 14695981039346656037ull;  // FNV-1a
    auto mix = [&hash](uint64_t value) { hash = (hash ^ value) * 1099511628211ull; };
    for (char32_t c : run) mix(c);
    mix(reinterpret_cast<uintptr_t>(props.font));
    mix(static_cast<uint64_t>(props.direction) << 32 | props.script);
    mix(reinterpret_cast<uintptr_t>(props.language) ^ flags);
    return static_cast<size_t>(hash % kSlots);
  }

  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
};

Shaper::Shaper() : buffer_(hb_buffer_create()), cache_(std::make_unique<Cache>()) {}
Shaper::~Shaper() = default;

// HarfBuzz finds a cached plan on every hb_shape by comparing keys; a paragraph needs two or
// three plans, so the last few are kept here and executed directly.
hb_shape_plan_t* Shaper::plan_for(const ShapingProps& props) {
  for (const Plan& plan : plans_) {
    if (plan.face == props.font->face().hb_face() && plan.direction == props.direction &&
        plan.script == props.script && plan.language == props.language) {
      return plan.plan.get();
    }
  }
  hb_segment_properties_t segment = HB_SEGMENT_PROPERTIES_DEFAULT;
  segment.direction = props.direction;
  segment.script = props.script;
  segment.language = props.language;
  hb_face_t* face = props.font->face().hb_face();
  Plan plan{face, props.direction, props.script, props.language,
            hb::unique_ptr<hb_shape_plan_t>(hb_shape_plan_create_cached2(face, &segment, nullptr, 0, nullptr, 0, nullptr))};
  if (plans_.size() == kPlans) plans_.erase(plans_.begin());
  plans_.push_back(std::move(plan));
  return plans_.back().plan.get();
}

int32_t Shaper::shape(std::u32string_view text, uint32_t start, uint32_t end, const ShapingProps& props,
                      std::vector<ShapedGlyph>& out) {
  const std::u32string_view run = text.substr(start, end - start);
  if (!Cache::cacheable(run)) return shape_with_harfbuzz(text, start, end, props, out);
  const unsigned flags = buffer_flags(text, start, end);
  int32_t advance = 0;
  if (cache_->find(run, start, props, flags, out, advance)) return advance;
  const size_t first = out.size();
  advance = shape_with_harfbuzz(text, start, end, props, out);
  cache_->remember(run, start, props, flags, std::span(out).subspan(first), advance);
  return advance;
}

int32_t Shaper::shape_with_harfbuzz(std::u32string_view text, uint32_t start, uint32_t end,
                                    const ShapingProps& props, std::vector<ShapedGlyph>& out) {
  hb_buffer_t* buffer = buffer_.get();
  hb_buffer_clear_contents(buffer);
  hb_buffer_add_utf32(buffer, reinterpret_cast<const uint32_t*>(text.data()), static_cast<int>(text.size()), start,
                      static_cast<int>(end - start));
  hb_buffer_set_direction(buffer, props.direction);
  hb_buffer_set_script(buffer, props.script);
  hb_buffer_set_language(buffer, props.language);
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(buffer_flags(text, start, end)));
  hb_shape_plan_execute(plan_for(props), props.font->hb_font(), buffer, nullptr, 0);

  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, nullptr);
  int32_t total = 0;
  for (unsigned g = 0; g < count; ++g) {
    const bool unsafe = hb_glyph_info_get_glyph_flags(&infos[g]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK;
    out.push_back({infos[g].codepoint, infos[g].cluster, positions[g].x_advance, positions[g].x_offset,
                   positions[g].y_offset, unsafe});
    total += positions[g].x_advance;
  }
  return total;
}

}  // namespace lafita::render
