// How much the whole paragraph layout costs over the floor that no layout can beat: one
// hb_shape call over the whole paragraph with the primary font. Both run in this process
// on the same texts and fonts (Noto Naskh Arabic -> Noto Sans, 40 px), so the ratio holds
// on any machine. Also counts heap allocations per layout, from every library.
//
//   build/release/bench/lafita_layout_bench [--benchmark_min_time=2]

#include "base/utf8.hpp"
#include "bench/median_reporter.hpp"
#include "bench/texts.hpp"
#include "count_allocations.hpp"
#include "fonts/font_library.hpp"
#include "render/text/text_layouter.hpp"

#include <benchmark/benchmark.h>
#include <hb-cplusplus.hh>
#include <hb.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace lafita::bench {
namespace {

struct Setup {
  fonts::FontLibrary library;
  fonts::FontStack stack;
  std::vector<std::u32string> paragraphs;
  size_t characters = 0;

  Setup()
      : stack(library.stack(std::vector<std::string>{LAFITA_FONT_DIR "/noto/NotoNaskhArabic-Regular.ttf",
                                                     LAFITA_FONT_DIR "/noto/NotoSans-Regular.ttf"},
                            40)) {
    for (const char* text : kParagraphs) {
      paragraphs.push_back(lafita::decode_utf8(text));
      characters += paragraphs.back().size();
    }
  }
};

Setup& setup() {
  static Setup instance;
  return instance;
}

// The floor: HarfBuzz shapes each whole paragraph once with the primary font, direction,
// script and language given, the buffer reused.
void BM_ShapeFloor(benchmark::State& state) {
  Setup& s = setup();
  hb::unique_ptr<hb_buffer_t> buffer(hb_buffer_create());
  const hb_language_t arabic = hb_language_from_string("ar", -1);
  for (auto _ : state) {
    for (const std::u32string& text : s.paragraphs) {
      hb_buffer_clear_contents(buffer.get());
      hb_buffer_add_utf32(buffer.get(), reinterpret_cast<const uint32_t*>(text.data()), static_cast<int>(text.size()), 0, -1);
      hb_buffer_set_direction(buffer.get(), HB_DIRECTION_RTL);
      hb_buffer_set_script(buffer.get(), HB_SCRIPT_ARABIC);
      hb_buffer_set_language(buffer.get(), arabic);
      hb_shape(s.stack.primary().hb_font(), buffer.get(), nullptr, 0);
      benchmark::DoNotOptimize(hb_buffer_get_length(buffer.get()));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.characters));
}
BENCHMARK(BM_ShapeFloor);

// The whole layout: bidi, itemisation with fallback, shaping, line breaking, reordering and
// alignment, into layouts reused from one iteration to the next.
void BM_Layout(benchmark::State& state) {
  Setup& s = setup();
  const float width = static_cast<float>(state.range(0));
  render::TextLayouter layouter;
  const render::TextStyle style{&s.stack, 1.6f, render::Align::start, render::BaseDirection::rtl, "ar"};
  std::vector<render::ParagraphLayout> layouts(s.paragraphs.size());
  size_t glyphs = 0, lines = 0;
  for (size_t i = 0; i < s.paragraphs.size(); ++i) {  // warm-up: capacities and caches
    layouter.layout(s.paragraphs[i], style, width, layouts[i]);
    glyphs += layouts[i].glyphs.size();
    lines += layouts[i].lines.size();
  }
  const size_t allocations_before = test::allocation_count();
  for (auto _ : state) {
    for (size_t i = 0; i < s.paragraphs.size(); ++i) {
      layouter.layout(s.paragraphs[i], style, width, layouts[i]);
      benchmark::DoNotOptimize(layouts[i].lines.data());
    }
  }
  const double layouts_done = static_cast<double>(state.iterations() * s.paragraphs.size());
  const double allocations = static_cast<double>(test::allocation_count() - allocations_before);
  state.counters["allocs/layout"] = allocations / layouts_done;
  state.counters["allocs/glyph"] = allocations / static_cast<double>(state.iterations() * glyphs);
  state.counters["glyphs/layout"] = static_cast<double>(glyphs) / static_cast<double>(s.paragraphs.size());
  state.counters["lines/layout"] = static_cast<double>(lines) / static_cast<double>(s.paragraphs.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.characters));
}
BENCHMARK(BM_Layout)->Arg(1720)->Arg(900);

// Prints the usual table, then each layout's time over the floor's.
class RatioReporter : public MedianReporter {
 public:
  void Finalize() override {
    MedianReporter::Finalize();
    std::printf("\nlayout / floor (one hb_shape per paragraph, same process, CPU time%s):\n", medians() ? ", medians" : "");
    for (const auto& [name, ns] : cpu_ns()) {
      if (name.rfind("BM_Layout", 0) != 0) continue;
      if (const auto r = ratio(name, "BM_ShapeFloor")) std::printf("  %-16s %.2f\n", name.c_str(), *r);
    }
  }
};

}  // namespace
}  // namespace lafita::bench

int main(int argc, char** argv) { return lafita::bench::run_benchmarks<lafita::bench::RatioReporter>(argc, argv); }
