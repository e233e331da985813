#include "render/text/shaper.hpp"

namespace lafita::render {

Shaper::Shaper() : buffer_(hb_buffer_create()) {}

int32_t Shaper::shape(std::u32string_view text, uint32_t start, uint32_t end, const ShapingProps& props,
                      std::vector<ShapedGlyph>& out) {
  hb_buffer_t* buffer = buffer_.get();
  hb_buffer_clear_contents(buffer);
  hb_buffer_add_utf32(buffer, reinterpret_cast<const uint32_t*>(text.data()), static_cast<int>(text.size()), start,
                      static_cast<int>(end - start));
  hb_buffer_set_direction(buffer, props.direction);
  hb_buffer_set_script(buffer, props.script);
  hb_buffer_set_language(buffer, props.language);
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  unsigned flags = HB_BUFFER_FLAG_DEFAULT;
  if (start == 0) flags |= HB_BUFFER_FLAG_BOT;
  if (end == text.size()) flags |= HB_BUFFER_FLAG_EOT;
  hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(flags));
  hb_shape(props.font->hb_font(), buffer, nullptr, 0);

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
