#include "kiosk/commands/layout_json.hpp"

#include "base/utf8.hpp"

#include <hb.h>

#include <cmath>

namespace lafita::kiosk {

namespace {

double rounded(float value) { return std::round(static_cast<double>(value) * 1000.0) / 1000.0; }

std::string script_name(uint32_t tag) {
  char name[5] = {};
  hb_tag_to_string(tag, name);
  return name;
}

nlohmann::json run_json(const render::ParagraphLayout& layout, const render::GlyphRun& run) {
  nlohmann::json glyphs = nlohmann::json::array();
  for (const render::PlacedGlyph& g : layout.glyphs_of(run)) {
    glyphs.push_back({{"id", g.id}, {"cluster", g.cluster}, {"x", rounded(g.x)}, {"y", rounded(g.y)},
                      {"advance", rounded(g.advance)}});
  }
  return {{"font", run.font->face().file_name()},
          {"level", run.level},
          {"script", script_name(run.script)},
          {"start", run.start},
          {"end", run.end},
          {"glyphs", std::move(glyphs)}};
}

}  // namespace

nlohmann::json paragraph_json(const render::ParagraphLayout& layout, std::u32string_view text) {
  nlohmann::json lines = nlohmann::json::array();
  for (const render::Line& line : layout.lines) {
    nlohmann::json runs = nlohmann::json::array();
    for (const render::GlyphRun& run : layout.runs_of(line)) runs.push_back(run_json(layout, run));
    lines.push_back({{"start", line.start},
                     {"end", line.end},
                     {"end_with_space", line.next},
                     {"text", lafita::encode_utf8(text.substr(line.start, line.end - line.start))},
                     {"width", rounded(line.width)},
                     {"x", rounded(line.x)},
                     {"top", rounded(line.top)},
                     {"baseline", rounded(line.baseline)},
                     {"height", rounded(line.height)},
                     {"ascent", rounded(line.ascent)},
                     {"descent", rounded(line.descent)},
                     {"runs", std::move(runs)}});
    if (line.kashida_end > line.kashida_begin) {
      nlohmann::json kashidas = nlohmann::json::array();
      for (uint32_t k = line.kashida_begin; k < line.kashida_end; ++k) {
        const render::Kashida& kashida = layout.kashidas[k];
        kashidas.push_back({{"before", kashida.before}, {"tatweels", kashida.count}, {"width", rounded(kashida.width)}});
      }
      lines.back()["kashidas"] = std::move(kashidas);
    }
  }
  return {{"direction", layout.direction == render::Direction::rtl ? "rtl" : "ltr"},
          {"chars", text.size()},
          {"height", rounded(layout.height)},
          {"lines", std::move(lines)}};
}

}  // namespace lafita::kiosk
