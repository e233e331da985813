// Arbitrary bytes and parameters through the whole paragraph layout and the rasteriser:
// any text, any width (zero included), size, direction, alignment, wrap, kashidas, language
// and font stack. A crash, a sanitizer report, a hang or a broken layout invariant is a finding.
//
// The first eight bytes choose the parameters; the rest is the text, split into paragraphs
// as `lafita layout` splits a file.

#include "base/utf8.hpp"
#include "fonts/font_library.hpp"
#include "layout_invariants.hpp"
#include "render/draw/canvas.hpp"
#include "render/text/text_layouter.hpp"
#include "render/text/unicode_text.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

using namespace lafita;

constexpr size_t kParameterBytes = 8;

struct Fixture {
  fonts::FontLibrary library;
  std::vector<fonts::FontStack> stacks;
  render::TextLayouter layouter;
  render::GlyphRasterizer rasterizer;

  Fixture() {
    const std::string naskh = LAFITA_TEST_FONT_DIR "/NotoNaskhArabic-Regular.ttf";
    const std::string sans = LAFITA_TEST_FONT_DIR "/NotoSans-Regular.ttf";
    const std::string dejavu = LAFITA_TEST_FONT_DIR "/DejaVuSans.ttf";
    const std::vector<std::vector<std::string>> sets{{naskh, sans}, {sans, naskh}, {dejavu, naskh}, {naskh}};
    for (float size : {7.0f, 16.0f, 40.0f, 97.5f}) {  // a few sizes, so the font library stays bounded
      for (const auto& set : sets) stacks.push_back(library.stack(set, size));
    }
  }
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < kParameterBytes) return 0;
  Fixture& f = fixture();
  const uint16_t width_bits = static_cast<uint16_t>(data[0] | data[1] << 8);
  const float width = (width_bits & 0x8000) ? static_cast<float>(width_bits & 0x7FFF) / 64.0f
                                             : static_cast<float>(width_bits & 0x0FFF);
  static constexpr std::array<const char*, 4> languages{"", "ar", "en", "fa"};
  render::TextStyle style;
  style.fonts = &f.stacks[data[2] % f.stacks.size()];
  style.direction = static_cast<render::BaseDirection>(data[3] % 3);
  style.align = static_cast<render::Align>(data[4] % 6);
  style.language = languages[data[5] % languages.size()];
  style.line_height = 0.5f + static_cast<float>(data[6] % 8) * 0.25f;
  const bool draw = data[7] & 1;
  style.wrap = static_cast<render::Wrap>((data[7] >> 1) % 3);
  style.kashida = data[7] & 8;

  const std::u32string text =
      lafita::decode_utf8(std::string_view(reinterpret_cast<const char*>(data + kParameterBytes), size - kParameterBytes));
  render::ParagraphLayout layout;
  for (std::u32string_view paragraph : render::split_paragraphs(text)) {
    f.layouter.layout(paragraph, style, width, layout);
    const auto violations = test::invariant_violations(layout, paragraph, width);
    if (!violations.empty()) {
      std::fprintf(stderr, "layout invariant broken: %s\n", violations.front().c_str());
      std::abort();
    }
    if (draw) {
      render::Canvas canvas(128, 96, {255, 255, 255});
      render::draw_paragraph(canvas, f.rasterizer, layout, -4, -8, {0, 0, 0});
    }
  }
  return 0;
}
