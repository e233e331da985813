// How much the whole paragraph layout costs over the floor that no layout can beat: one
// hb_shape call over the whole paragraph with the primary font. Both run in this process
// on the same texts and fonts (Noto Naskh Arabic -> Noto Sans, 40 px), so the ratio holds
// on any machine. Also counts heap allocations per layout, from every library.
//
//   build/release/bench/lafita_layout_bench [--benchmark_filter=BM_Layout/1720] [--ratio_rounds=31]

#include "base/utf8.hpp"
#include "bench/bench_program.hpp"
#include "bench/texts.hpp"
#include "count_allocations.hpp"
#include "fonts/font_library.hpp"
#include "render/text/text_layouter.hpp"

#include <benchmark/benchmark.h>
#include <hb-cplusplus.hh>
#include <hb.h>

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
      : stack(library.stack(std::vector<std::string>{LAFITA_TEST_FONT_DIR "/NotoNaskhArabic-Regular.ttf",
                                                     LAFITA_TEST_FONT_DIR "/NotoSans-Regular.ttf"},
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
class ShapeFloor {
 public:
  void operator()() {
    for (const std::u32string& text : s_.paragraphs) {
      hb_buffer_clear_contents(buffer_.get());
      hb_buffer_add_utf32(buffer_.get(), reinterpret_cast<const uint32_t*>(text.data()), static_cast<int>(text.size()), 0, -1);
      hb_buffer_set_direction(buffer_.get(), HB_DIRECTION_RTL);
      hb_buffer_set_script(buffer_.get(), HB_SCRIPT_ARABIC);
      hb_buffer_set_language(buffer_.get(), arabic_);
      hb_shape(s_.stack.primary().hb_font(), buffer_.get(), nullptr, 0);
      benchmark::DoNotOptimize(hb_buffer_get_length(buffer_.get()));
    }
  }

 private:
  Setup& s_ = setup();
  hb::unique_ptr<hb_buffer_t> buffer_{hb_buffer_create()};
  hb_language_t arabic_ = hb_language_from_string("ar", -1);
};

void BM_ShapeFloor(benchmark::State& state) {
  ShapeFloor floor;
  for (auto _ : state) floor();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * setup().characters));
}
BENCHMARK(BM_ShapeFloor);

// The whole layout: bidi, itemisation with fallback, shaping, line breaking, reordering and
// alignment, into layouts reused from one step to the next. Constructing lays every
// paragraph out once, so that capacities and caches are warm.
class Layout {
 public:
  explicit Layout(float width) : width_(width), layouts_(s_.paragraphs.size()) {
    for (size_t i = 0; i < s_.paragraphs.size(); ++i) {
      layouter_.layout(s_.paragraphs[i], style_, width_, layouts_[i]);
      glyphs += layouts_[i].glyphs.size();
      lines += layouts_[i].lines.size();
    }
  }

  void operator()() {
    for (size_t i = 0; i < s_.paragraphs.size(); ++i) {
      layouter_.layout(s_.paragraphs[i], style_, width_, layouts_[i]);
      benchmark::DoNotOptimize(layouts_[i].lines.data());
    }
  }

  size_t glyphs = 0, lines = 0;  // over all paragraphs

 private:
  Setup& s_ = setup();
  float width_;
  render::TextLayouter layouter_;
  render::TextStyle style_{&s_.stack, 1.6f, render::Align::start, render::BaseDirection::rtl, "ar"};
  std::vector<render::ParagraphLayout> layouts_;
};

void BM_Layout(benchmark::State& state) {
  Layout layout(static_cast<float>(state.range(0)));
  const size_t allocations_before = test::allocation_count();
  for (auto _ : state) layout();
  const size_t paragraphs = setup().paragraphs.size();
  const double layouts_done = static_cast<double>(state.iterations() * paragraphs);
  const double allocations = static_cast<double>(test::allocation_count() - allocations_before);
  state.counters["allocs/layout"] = allocations / layouts_done;
  state.counters["allocs/glyph"] = allocations / static_cast<double>(state.iterations() * layout.glyphs);
  state.counters["glyphs/layout"] = static_cast<double>(layout.glyphs) / static_cast<double>(paragraphs);
  state.counters["lines/layout"] = static_cast<double>(layout.lines) / static_cast<double>(paragraphs);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * setup().characters));
}
BENCHMARK(BM_Layout)->Arg(1720)->Arg(900);

const BenchProgram kProgram{
    "layout / floor (one hb_shape per paragraph)",
    {{"BM_ShapeFloor", workload<ShapeFloor>()},
     {"BM_Layout/1720", workload<Layout>(1720.f)},
     {"BM_Layout/900", workload<Layout>(900.f)}},
    {{"layout at 1720 px / floor", "BM_Layout/1720", "BM_ShapeFloor", "(bar: <= 1.5)"},
     {"layout at 900 px / floor", "BM_Layout/900", "BM_ShapeFloor", "(bar: <= 1.5)"}},
    {}};

}  // namespace
}  // namespace lafita::bench

int main(int argc, char** argv) { return lafita::bench::run_bench_program(argc, argv, lafita::bench::kProgram); }
