#include "layout_invariants.hpp"

#include "render/text/bidi.hpp"
#include "render/text/breaks.hpp"

#include <fribidi.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <cstdio>

namespace lafita::test {

namespace {

constexpr float kEpsilon = 0.01f;


// Whether a line wider than the box could not have been cut: after its first grapheme
// cluster, every cluster is one a line may not start with (closing punctuation, ، ؟ and
// the like), the alef of a lam-alef, or inside a glyph cluster (a ligature). These are the
// engine's rules for cutting a word wider than the line.
bool indivisible(const render::ParagraphLayout& layout, const render::Line& line, std::u32string_view text) {
  static thread_local render::BreakFinder graphemes;  // grapheme clusters as GraphemeBreakTest checks them
  graphemes.set_text(text);
  std::set<uint32_t> glyph_clusters;
  for (const render::GlyphRun& run : layout.runs_of(line)) {
    for (const render::PlacedGlyph& g : layout.glyphs_of(run)) glyph_clusters.insert(g.cluster);
  }
  for (uint32_t i = line.start + 1; i < line.end; ++i) {
    if (!graphemes.is_grapheme_boundary(i) || !glyph_clusters.count(i)) continue;
    const bool lam_alef = text[i - 1] == U'\u0644' && (text[i] == U'\u0622' || text[i] == U'\u0623' ||
                                                        text[i] == U'\u0625' || text[i] == U'\u0627');
    if (!render::never_starts_line(text[i]) && !lam_alef) return false;
  }
  return true;
}

void check_tiling(const render::ParagraphLayout& layout, std::u32string_view text, std::vector<std::string>& out) {
  uint32_t expected_start = 0;
  for (size_t k = 0; k < layout.lines.size(); ++k) {
    const render::Line& line = layout.lines[k];
    const std::string where = "line " + std::to_string(k) + ": ";
    if (line.start != expected_start) out.push_back(where + "starts at " + std::to_string(line.start));
    if (!(line.start <= line.end && line.end <= line.next)) out.push_back(where + "start/end/next out of order");
    for (uint32_t i = line.end; i < line.next && i < text.size(); ++i) {
      if (!render::is_trailing_whitespace(fribidi_get_bidi_type(text[i]))) {
        out.push_back(where + "non-whitespace hangs past the end at " + std::to_string(i));
        break;
      }
    }
    expected_start = line.next;
  }
  if (expected_start != text.size()) out.push_back("lines end at " + std::to_string(expected_start));
}

void check_runs(const render::ParagraphLayout& layout, std::vector<std::string>& out) {
  for (size_t k = 0; k < layout.lines.size(); ++k) {
    const render::Line& line = layout.lines[k];
    const std::string where = "line " + std::to_string(k) + ": ";
    std::vector<std::pair<uint32_t, uint32_t>> ranges;
    for (const render::GlyphRun& run : layout.runs_of(line)) {
      ranges.emplace_back(run.start, run.end);
      if (run.glyph_begin > run.glyph_end || run.glyph_end > layout.glyphs.size()) {
        out.push_back(where + "run glyph range out of bounds");
        continue;
      }
      const unsigned glyph_count = hb_face_get_glyph_count(run.font->face().hb_face());
      for (const render::PlacedGlyph& g : layout.glyphs_of(run)) {
        if (g.cluster < run.start || g.cluster >= run.end) out.push_back(where + "glyph outside its run's range");
        if (g.id >= glyph_count) out.push_back(where + "glyph id not in its font");
        if (!std::isfinite(g.x) || !std::isfinite(g.y) || !std::isfinite(g.advance)) {
          out.push_back(where + "glyph position is not finite");
        }
      }
    }
    std::ranges::sort(ranges);
    uint32_t at = line.start;
    for (const auto& [start, end] : ranges) {
      if (start != at || end <= start) out.push_back(where + "runs do not cover the line exactly once");
      at = end;
    }
    if (at != line.end) out.push_back(where + "runs end at " + std::to_string(at) + ", line at " + std::to_string(line.end));
  }
}

void check_geometry(const render::ParagraphLayout& layout, std::u32string_view text, float width,
                    std::vector<std::string>& out) {
  float top = 0;
  for (size_t k = 0; k < layout.lines.size(); ++k) {
    const render::Line& line = layout.lines[k];
    const std::string where = "line " + std::to_string(k) + ": ";
    if (line.width > width + kEpsilon && !indivisible(layout, line, text)) {
      std::string code_points;
      for (uint32_t i = line.start; i < line.end && i < line.start + 12; ++i) {
        char hex[12];
        std::snprintf(hex, sizeof hex, " %04X", static_cast<unsigned>(text[i]));
        code_points += hex;
      }
      out.push_back(where + "overflows the box (" + std::to_string(line.width) + " px) though it could break:" + code_points);
    }
    if (std::abs(line.top - top) > kEpsilon) out.push_back(where + "line boxes do not stack");
    if (line.baseline < line.top || line.baseline > line.top + line.height) out.push_back(where + "baseline outside its line box");
    top += line.height;
  }
  if (std::abs(layout.height - top) > kEpsilon) out.push_back("paragraph height is not the sum of its lines");
}

}  // namespace

std::vector<std::string> invariant_violations(const render::ParagraphLayout& layout, std::u32string_view text,
                                              float width) {
  std::vector<std::string> out;
  if (layout.lines.empty()) {
    out.push_back("no lines");
    return out;
  }
  check_tiling(layout, text, out);
  check_runs(layout, out);
  check_geometry(layout, text, width, out);
  return out;
}

}  // namespace lafita::test
