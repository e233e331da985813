// What the player costs at 1920x1080 with the built-in sample, as ratios against baselines
// run in this same process:
//   - preparing the slides (layout and rasterisation, glyph cache warm) against laying out
//     their text alone (the template's layout, body fitting included);
//   - a transition frame drawn by SDL's software renderer (the slowest renderer Lafita
//     runs on) against one full-screen texture copy. Bar: at most 2x.
// CPU between transitions, memory and the time to the first frame are measured on the real
// program by bench/player-resources.
//
//   build/release/bench/lafita_player_bench [--benchmark_filter=BM_TransitionFrame/slide] [--ratio_rounds=31]

#include "bench/bench_program.hpp"
#include "kiosk/player/compositor.hpp"
#include "kiosk/slides/show.hpp"

#include <SDL2/SDL.h>
#include <benchmark/benchmark.h>

#include <string>

namespace lafita::bench {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;
const feeds::Time kMoment(std::chrono::seconds(1728898200));  // Monday 14 October 2024, 09:30 UTC

// The sample at a fixed moment in a fixed zone: which items show and the dates on them do
// not change with the day or the machine the benchmark runs on.
kiosk::Show& show() {
  static kiosk::Show instance = [] {
    kiosk::ShowOptions options;
    options.time = kMoment;
    options.time_zone = "UTC";
    std::vector<std::string> warnings;
    return kiosk::open_show(options, warnings);
  }();
  return instance;
}

// The baseline of preparing: laying out the slides' text with the template, body fitting included.
class SlideTextLayout {
 public:
  void operator()() {
    slides = 0;
    for (size_t i = 0; i < s_.items.size(); ++i) {
      auto made = s_.slide_template->slides(s_.items[i], i, s_.items.size(), kWidth, kHeight);
      slides += made.size();
      benchmark::DoNotOptimize(made.data());
    }
  }

  size_t slides = 0;

 private:
  kiosk::Show& s_ = show();
};

void BM_SlideTextLayout(benchmark::State& state) {
  SlideTextLayout layout;
  for (auto _ : state) layout();
  state.counters["slides"] = static_cast<double>(layout.slides);
}
BENCHMARK(BM_SlideTextLayout)->Unit(benchmark::kMillisecond);

// Preparing the deck: layout and rasterisation, the glyph cache warmed by constructing.
class SlidePrepare {
 public:
  SlidePrepare() { benchmark::DoNotOptimize(show().deck(kWidth, kHeight)); }
  void operator()() {
    auto deck = show().deck(kWidth, kHeight);
    benchmark::DoNotOptimize(deck.slides.data());
  }
};

void BM_SlidePrepare(benchmark::State& state) {
  SlidePrepare prepare;
  for (auto _ : state) prepare();
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
    compositor->show(std::make_shared<const kiosk::Bands>(show().bands(*deck, kMoment)));
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

// The baseline of frames: a slide-sized texture copied to the whole output, nothing else.
class FullScreenCopy {
 public:
  FullScreenCopy() {
    f_.compositor->draw(kiosk::Frame{0, std::nullopt, 0, kiosk::Transition::cut});
    SDL_RenderFlush(f_.renderer.get());
  }
  void operator()() {
    SDL_RenderCopy(f_.renderer.get(), texture_.get(), nullptr, nullptr);
    SDL_RenderFlush(f_.renderer.get());
  }

 private:
  Frames& f_ = frames();
  render::TexturePtr texture_{
      SDL_CreateTexture(f_.renderer.get(), SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, kWidth, kHeight)};
};

void BM_FullScreenCopy(benchmark::State& state) {
  FullScreenCopy copy;
  for (auto _ : state) copy();
}
BENCHMARK(BM_FullScreenCopy)->Unit(benchmark::kMillisecond);

// One frame of `transition` from the first slide to the second; the next step draws the
// next of the ten steps of the animation, so any ten steps draw each once. A screen turned
// 90 degrees has its slides and bands turned once when composed, so a frame is copies again,
// the slide-in moving whole rows.
class TransitionFrame {
 public:
  TransitionFrame(kiosk::Transition transition, bool turned) : f_(turned ? turned_frames() : frames()), transition_(transition) {}
  void operator()() {
    step_ = (step_ + 1) % kSteps;
    const float progress = (static_cast<float>(step_) + 0.5f) / kSteps;
    f_.compositor->draw(kiosk::Frame{0, 1, progress, transition_});
    SDL_RenderFlush(f_.renderer.get());
  }

 private:
  static constexpr int kSteps = 10;
  Frames& f_;
  kiosk::Transition transition_;
  int step_ = 0;
};

void BM_TransitionFrame(benchmark::State& state, kiosk::Transition transition) {
  TransitionFrame frame(transition, false);
  for (auto _ : state) frame();
}
BENCHMARK_CAPTURE(BM_TransitionFrame, cut, kiosk::Transition::cut)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TransitionFrame, slide, kiosk::Transition::slide)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TransitionFrame, crossfade, kiosk::Transition::crossfade)->Unit(benchmark::kMillisecond);

void BM_TurnedTransitionFrame(benchmark::State& state) {
  TransitionFrame frame(kiosk::Transition::slide, true);
  for (auto _ : state) frame();
}
BENCHMARK(BM_TurnedTransitionFrame)->Unit(benchmark::kMillisecond);

const BenchProgram kProgram{
    "ratios at 1920x1080, the sample's slides",
    {{"BM_SlideTextLayout", workload<SlideTextLayout>()},
     {"BM_SlidePrepare", workload<SlidePrepare>()},
     {"BM_FullScreenCopy", workload<FullScreenCopy>()},
     {"BM_TransitionFrame/slide", workload<TransitionFrame>(kiosk::Transition::slide, false)},
     {"BM_TransitionFrame/crossfade", workload<TransitionFrame>(kiosk::Transition::crossfade, false)},
     {"BM_TurnedTransitionFrame", workload<TransitionFrame>(kiosk::Transition::slide, true)}},
    {{"preparing slides / laying out their text", "BM_SlidePrepare", "BM_SlideTextLayout", ""},
     {"slide-in transition frame / full-screen copy", "BM_TransitionFrame/slide", "BM_FullScreenCopy", "(bar: <= 2)"},
     {"turned (90) slide-in frame / full-screen copy", "BM_TurnedTransitionFrame", "BM_FullScreenCopy", "(bar: <= 2)"},
     {"crossfade transition frame / full-screen copy", "BM_TransitionFrame/crossfade", "BM_FullScreenCopy",
      "(bar: <= 2; not used without a GPU)"}},
    {}};

}  // namespace
}  // namespace lafita::bench

int main(int argc, char** argv) { return lafita::bench::run_bench_program(argc, argv, lafita::bench::kProgram); }
