// What the player costs at 1920x1080 with the built-in sample, as ratios against baselines
// run in this same process:
//   - preparing the slides (layout and rasterisation, glyph cache warm) against laying out
//     their text alone (the template's layout, body fitting included);
//   - a transition frame drawn by SDL's software renderer (the slowest renderer Lafita
//     runs on) against one full-screen texture copy. Bar: at most 2x.
// CPU between transitions, memory and the time to the first frame are measured on the real
// program by bench/player-resources.
//
//   build/release/bench/lafita_player_bench [--benchmark_repetitions=5]

#include "bench/median_reporter.hpp"
#include "kiosk/player/compositor.hpp"
#include "kiosk/slides/show.hpp"

#include <SDL2/SDL.h>
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

namespace lafita::bench {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;

kiosk::Show& show() {
  static kiosk::Show instance = [] {
    std::vector<std::string> warnings;
    return kiosk::open_show(kiosk::ShowOptions{}, warnings);
  }();
  return instance;
}

void BM_SlideTextLayout(benchmark::State& state) {
  kiosk::Show& s = show();
  size_t slides = 0;
  for (auto _ : state) {
    slides = 0;
    for (size_t i = 0; i < s.items.size(); ++i) {
      auto made = s.slide_template->slides(s.items[i], i, s.items.size(), kWidth, kHeight);
      slides += made.size();
      benchmark::DoNotOptimize(made.data());
    }
  }
  state.counters["slides"] = static_cast<double>(slides);
}
BENCHMARK(BM_SlideTextLayout)->Unit(benchmark::kMillisecond);

void BM_SlidePrepare(benchmark::State& state) {
  kiosk::Show& s = show();
  benchmark::DoNotOptimize(s.deck(kWidth, kHeight));  // warms the glyph cache
  for (auto _ : state) {
    auto deck = s.deck(kWidth, kHeight);
    benchmark::DoNotOptimize(deck.slides.data());
  }
}
BENCHMARK(BM_SlidePrepare)->Unit(benchmark::kMillisecond);

// A software renderer drawing into a surface of the format of the slide textures, as an
// X11 or KMS window surface is; the deck and bands prepared once.
struct Frames {
  render::SurfacePtr surface;
  render::RendererPtr renderer;
  std::optional<kiosk::Compositor> compositor;

  explicit Frames(kiosk::Placement placement = {}) {
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "dummy", SDL_HINT_OVERRIDE);
    SDL_InitSubSystem(SDL_INIT_VIDEO);
    surface.reset(SDL_CreateRGBSurfaceWithFormat(0, kWidth, kHeight, 32, SDL_PIXELFORMAT_RGB888));
    renderer.reset(SDL_CreateSoftwareRenderer(surface.get()));
    compositor.emplace(renderer.get(), placement);
    const SDL_Point size = compositor->fit({kWidth, kHeight});  // turned: a portrait deck
    auto deck = std::make_shared<const kiosk::SlideDeck>(show().deck(size.x, size.y));
    compositor->show(std::make_shared<const kiosk::Bands>(show().bands(*deck, feeds::Time(std::chrono::seconds(1728898200)))));
    compositor->show(deck);
    compositor->prepare(0, 1);
  }
};

Frames& frames() {
  static Frames instance;
  return instance;
}

Frames& turned_frames() {
  static Frames instance(kiosk::Placement{{}, 90});
  return instance;
}

void BM_FullScreenCopy(benchmark::State& state) {
  Frames& f = frames();
  f.compositor->draw(kiosk::Frame{0, std::nullopt, 0, kiosk::Transition::cut});
  SDL_RenderFlush(f.renderer.get());
  // The baseline: the slide's texture copied to the whole output, nothing else.
  SDL_Texture* texture = nullptr;
  render::TexturePtr copy(SDL_CreateTexture(f.renderer.get(), SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, kWidth, kHeight));
  texture = copy.get();
  for (auto _ : state) {
    SDL_RenderCopy(f.renderer.get(), texture, nullptr, nullptr);
    SDL_RenderFlush(f.renderer.get());
  }
}
BENCHMARK(BM_FullScreenCopy)->Unit(benchmark::kMillisecond);

void BM_TransitionFrame(benchmark::State& state, kiosk::Transition transition) {
  Frames& f = frames();
  float progress = 0;
  for (auto _ : state) {
    progress = progress >= 0.95f ? 0.05f : progress + 0.05f;  // every step of the animation
    f.compositor->draw(kiosk::Frame{0, 1, progress, transition});
    SDL_RenderFlush(f.renderer.get());
  }
}
BENCHMARK_CAPTURE(BM_TransitionFrame, cut, kiosk::Transition::cut)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TransitionFrame, slide, kiosk::Transition::slide)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TransitionFrame, crossfade, kiosk::Transition::crossfade)->Unit(benchmark::kMillisecond);

// A screen on its side (90 degrees): slides and bands were turned once when composed, so a
// frame is copies again, the slide-in moving whole rows.
void BM_TurnedTransitionFrame(benchmark::State& state) {
  Frames& f = turned_frames();
  float progress = 0;
  for (auto _ : state) {
    progress = progress >= 0.95f ? 0.05f : progress + 0.05f;
    f.compositor->draw(kiosk::Frame{0, 1, progress, kiosk::Transition::slide});
    SDL_RenderFlush(f.renderer.get());
  }
}
BENCHMARK(BM_TurnedTransitionFrame)->Unit(benchmark::kMillisecond);

// Prints the usual table, then the ratios.
class RatioReporter : public MedianReporter {
 public:
  void Finalize() override {
    MedianReporter::Finalize();
    auto print = [&](const char* what, const std::string& name, const std::string& base, const char* bar) {
      if (const auto r = ratio(name, base)) std::printf("  %-46s %5.2f  %s\n", what, *r, bar);
    };
    std::printf("\nratios at %dx%d, the sample's slides (same process, CPU time%s):\n", kWidth, kHeight,
                medians() ? ", medians" : "");
    print("preparing slides / laying out their text", "BM_SlidePrepare", "BM_SlideTextLayout", "");
    print("slide-in transition frame / full-screen copy", "BM_TransitionFrame/slide", "BM_FullScreenCopy", "(bar: <= 2)");
    print("turned (90) slide-in frame / full-screen copy", "BM_TurnedTransitionFrame", "BM_FullScreenCopy",
          "(bar: <= 2)");
    print("crossfade transition frame / full-screen copy", "BM_TransitionFrame/crossfade", "BM_FullScreenCopy",
          "(bar: <= 2; not used without a GPU)");
  }
};

}  // namespace
}  // namespace lafita::bench

int main(int argc, char** argv) { return lafita::bench::run_benchmarks<lafita::bench::RatioReporter>(argc, argv); }
