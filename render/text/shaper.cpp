#include "render/text/shaper.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

int32_t total_advance(std::span<const ShapedGlyph> glyphs) {
  int32_t total = 0;
  for (const ShapedGlyph& g : glyphs) total += g.advance;
  return total;
}

}  // namespace

// A table of recent short runs and their glyphs, four ways per set, fixed size, allocated
// once: remembering never allocates, and a run that misses is simply shaped again.
class Shaper::Cache {
 public:
  static constexpr size_t kMaxChars = 32;   // "www.city-library.example/events" is 31
  static constexpr size_t kMaxGlyphs = 32;

  // Whether the shaping of a run depends only on its own characters: it is short and
  // nothing in it joins (Joining_Type U), so the context HarfBuzz sees cannot matter.
  static bool cacheable(std::u32string_view run) {
    return run.size() <= kMaxChars && std::ranges::all_of(run, [](char32_t c) {
             return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE) == U_JT_NON_JOINING;
           });
  }

  // Appends the remembered glyphs of `run` (clusters moved to `start`) and returns true,
  // or returns false when the run is not in the table.
  bool find(std::u32string_view run, uint32_t start, const ShapingProps& props, unsigned flags,
            std::vector<ShapedGlyph>& out) {
    const size_t set = set_of(run, props, flags);
    for (size_t way = 0; way < kWays; ++way) {
      Slot& slot = slots_[set * kWays + way];
      if (!slot.holds(run, props, flags)) continue;
      for (uint8_t g = 0; g < slot.glyph_count; ++g) {
        const CachedGlyph& c = slot.glyphs[g];
        out.push_back({c.id, start + c.cluster, c.advance, c.x_offset, c.y_offset, c.unsafe_to_break});
      }
      slot.last_used = ++clock_;
      return true;
    }
    return false;
  }

  void remember(std::u32string_view run, uint32_t start, const ShapingProps& props, unsigned flags,
                std::span<const ShapedGlyph> glyphs) {
    if (glyphs.size() > kMaxGlyphs || !std::ranges::all_of(glyphs, fits_compactly)) return;
    const size_t set = set_of(run, props, flags);
    Slot* slot = &slots_[set * kWays];
    for (size_t way = 1; way < kWays; ++way) {  // the least recently used way
      if (slots_[set * kWays + way].last_used < slot->last_used) slot = &slots_[set * kWays + way];
    }
    slot->props = props;
    slot->flags = flags;
    slot->length = static_cast<uint8_t>(run.size());
    std::ranges::copy(run, slot->text.begin());
    slot->glyph_count = static_cast<uint8_t>(glyphs.size());
    for (size_t g = 0; g < glyphs.size(); ++g) {
      const ShapedGlyph& glyph = glyphs[g];
      slot->glyphs[g] = {glyph.id, glyph.advance, static_cast<int16_t>(glyph.x_offset),
                         static_cast<int16_t>(glyph.y_offset), static_cast<uint8_t>(glyph.cluster - start),
                         glyph.unsafe_to_break};
    }
    slot->last_used = ++clock_;
  }

 private:
  static constexpr size_t kSets = 128;
  static constexpr size_t kWays = 4;

  struct CachedGlyph {
    uint32_t id;
    int32_t advance;
    int16_t x_offset, y_offset;
    uint8_t cluster;  // from the run's start
    bool unsafe_to_break;
  };

  static bool fits_compactly(const ShapedGlyph& g) {
    return g.x_offset == static_cast<int16_t>(g.x_offset) && g.y_offset == static_cast<int16_t>(g.y_offset);
  }

  struct Slot {
    ShapingProps props{};
    unsigned flags = 0;
    uint8_t length = 0;
    uint8_t glyph_count = 0;
    uint64_t last_used = 0;
    std::array<char32_t, kMaxChars> text{};
    std::array<CachedGlyph, kMaxGlyphs> glyphs{};

    bool holds(std::u32string_view run, const ShapingProps& p, unsigned f) const {
      return length == run.size() && props.same_as(p) && flags == f && std::equal(run.begin(), run.end(), text.begin());
    }
  };

  static size_t set_of(std::u32string_view run, const ShapingProps& props, unsigned flags) {
    uint64_t hash = 14695981039346656037ull;  // FNV-1a
    auto mix = [&hash](uint64_t value) { hash = (hash ^ value) * 1099511628211ull; };
    for (char32_t c : run) mix(c);
    mix(reinterpret_cast<uintptr_t>(props.font));
    mix(static_cast<uint64_t>(props.direction) << 32 | props.script);
    mix(reinterpret_cast<uintptr_t>(props.language) ^ flags);
    return static_cast<size_t>(hash % kSets);
  }

  std::vector<Slot> slots_ = std::vector<Slot>(kSets * kWays);
  uint64_t clock_ = 0;
};

#ifndef NDEBUG
namespace {
// Debug builds ask HarfBuzz to verify its own promises on every shaping (the unsafe-to-break
// flags the engine cuts runs and lines by, among them) and stop at the first broken one.
hb_bool_t stop_on_verify_error(hb_buffer_t*, hb_font_t*, const char* message, void*) {
  if (std::strncmp(message, "buffer verify error", 19) == 0) {
    std::fprintf(stderr, "lafita: HarfBuzz %s\n", message);
    std::abort();
  }
  return true;
}
}  // namespace
#endif

Shaper::Shaper() : buffer_(hb_buffer_create()), cache_(std::make_unique<Cache>()) {
#ifndef NDEBUG
  hb_buffer_set_message_func(buffer_.get(), stop_on_verify_error, nullptr, nullptr);
#endif
}
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
  if (!Cache::cacheable(text.substr(start, end - start))) return shape_with_harfbuzz(text, start, end, props, out);
  return shape_cached(text, start, end, props, out);
}

int32_t Shaper::shape_cached(std::u32string_view text, uint32_t start, uint32_t end, const ShapingProps& props,
                             std::vector<ShapedGlyph>& out) {
  const std::u32string_view run = text.substr(start, end - start);
  const unsigned flags = buffer_flags(text, start, end);
  const size_t first = out.size();
  if (cache_->find(run, start, props, flags, out)) return total_advance(std::span(out).subspan(first));
  const int32_t advance = shape_with_harfbuzz(text, start, end, props, out);
  cache_->remember(run, start, props, flags, std::span(out).subspan(first));
  return advance;
}

std::span<const ShapedGlyph> glyphs_in(std::span<const ShapedGlyph> glyphs, uint32_t start, uint32_t end, bool rtl) {
  auto before = [rtl](uint32_t offset) {
    return [offset, rtl](const ShapedGlyph& g) { return rtl ? g.cluster >= offset : g.cluster < offset; };
  };
  auto first = std::ranges::partition_point(glyphs, before(rtl ? end : start));
  auto last = std::ranges::partition_point(glyphs, before(rtl ? start : end));
  return {first, last};
}

void Shaper::shape_paragraph(std::u32string_view text, std::span<const ShapingRun> runs, std::vector<ShapedGlyph>& out,
                             std::vector<uint32_t>& run_begin) {
  run_begin.clear();
  share_shaping(text, runs);
  for (size_t k = 0; k < runs.size(); ++k) {
    run_begin.push_back(static_cast<uint32_t>(out.size()));
    const ShapingRun& run = runs[k];
    if (take_shared(run, k, out)) continue;
    if (cacheable_[k]) {
      shape_cached(text, run.start, run.end, run.props, out);
    } else {
      shape_with_harfbuzz(text, run.start, run.end, run.props, out);
    }
  }
  run_begin.push_back(static_cast<uint32_t>(out.size()));
}

// Groups the runs by properties and shapes, in one call each, the groups worth it: two or
// more runs the cache cannot serve, making up at least half of the text they span (the
// Arabic of a paragraph, between its acronyms and brackets). The text of other runs inside
// the span is shaped too, and thrown away.
void Shaper::share_shaping(std::u32string_view text, std::span<const ShapingRun> runs) {
  shared_.clear();
  shared_glyphs_.clear();
  shared_of_run_.resize(runs.size());
  cacheable_.resize(runs.size());
  for (size_t k = 0; k < runs.size(); ++k) {
    const ShapingRun& run = runs[k];
    auto group = std::ranges::find_if(shared_, [&](const Shared& g) { return g.props.same_as(run.props); });
    if (group == shared_.end()) group = shared_.insert(shared_.end(), Shared{run.props, run.start, run.end, 0, 0, 0, 0, 0});
    group->end = run.end;
    group->members += 1;
    group->member_chars += run.end - run.start;
    cacheable_[k] = Cache::cacheable(text.substr(run.start, run.end - run.start));
    group->long_members += !cacheable_[k];
    shared_of_run_[k] = static_cast<uint32_t>(group - shared_.begin());
  }
  for (Shared& group : shared_) {
    group.glyph_begin = group.glyph_end = static_cast<uint32_t>(shared_glyphs_.size());
    if (group.long_members < 2 || 2 * group.member_chars < group.end - group.start) continue;
    shape_with_harfbuzz(text, group.start, group.end, group.props, shared_glyphs_);
    group.glyph_end = static_cast<uint32_t>(shared_glyphs_.size());
  }
}

// Appends run k's glyphs cut from its group's shaping, if the group was shaped together and
// HarfBuzz flags neither cut unsafe to break. Then, HarfBuzz guarantees, the glyphs equal
// those of the run shaped alone with the same text around it (HB_GLYPH_FLAG_UNSAFE_TO_BREAK,
// hb-buffer.h): the guarantee line breaking relies on, checked by HB_BUFFER_FLAG_VERIFY in
// debug builds.
bool Shaper::take_shared(const ShapingRun& run, size_t k, std::vector<ShapedGlyph>& out) const {
  const Shared& group = shared_[shared_of_run_[k]];
  if (group.glyph_begin == group.glyph_end) return false;
  const bool rtl = HB_DIRECTION_IS_BACKWARD(run.props.direction);
  const auto all = std::span(shared_glyphs_).subspan(group.glyph_begin, group.glyph_end - group.glyph_begin);
  const auto mine = glyphs_in(all, run.start, run.end, rtl);
  if (mine.empty()) return false;
  // The run's first character starts a cluster, and so does the character after it.
  const ShapedGlyph& first = rtl ? mine.back() : mine.front();
  if (first.cluster != run.start || first.unsafe_to_break) return false;
  if (run.end < group.end) {
    const ShapedGlyph* next = rtl ? (mine.data() == all.data() ? nullptr : mine.data() - 1)
                                  : (mine.data() + mine.size() == all.data() + all.size() ? nullptr : mine.data() + mine.size());
    if (next == nullptr || next->cluster != run.end || next->unsafe_to_break) return false;
  }
  out.insert(out.end(), mine.begin(), mine.end());
  return true;
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
  unsigned flags = buffer_flags(text, start, end);
  if (props.script == HB_SCRIPT_ARABIC) flags |= HB_BUFFER_FLAG_PRODUCE_SAFE_TO_INSERT_TATWEEL;  // for kashidas
#ifndef NDEBUG
  flags |= HB_BUFFER_FLAG_VERIFY;
#endif
  hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(flags));
#ifdef NDEBUG
  hb_shape_plan_execute(plan_for(props), props.font->hb_font(), buffer, nullptr, 0);
#else
  hb_shape(props.font->hb_font(), buffer, nullptr, 0);  // hb_shape verifies; executing a plan does not
#endif

  unsigned count = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, nullptr);
  int32_t total = 0;
  for (unsigned g = 0; g < count; ++g) {
    const unsigned glyph_flags = hb_glyph_info_get_glyph_flags(&infos[g]);
    out.push_back({infos[g].codepoint, infos[g].cluster, positions[g].x_advance, positions[g].x_offset,
                   positions[g].y_offset, (glyph_flags & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0,
                   (glyph_flags & HB_GLYPH_FLAG_SAFE_TO_INSERT_TATWEEL) != 0});
    total += positions[g].x_advance;
  }
  return total;
}

}  // namespace lafita::render
