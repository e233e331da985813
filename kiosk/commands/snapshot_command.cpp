#include "kiosk/commands/snapshot_command.hpp"

#include "feeds/item.hpp"
#include "fonts/font_error.hpp"
#include "kiosk/commands/program.hpp"
#include "kiosk/config/config_file.hpp"
#include "kiosk/player/compositor.hpp"
#include "kiosk/player/photo_loader.hpp"
#include "kiosk/slides/show.hpp"
#include "render/draw/png_writer.hpp"
#include "render/sdl/sdl_handles.hpp"

#include <SDL2/SDL.h>

#include <cstdint>
#include <cstdio>
#include <ostream>

namespace lafita::kiosk {

namespace {

constexpr const char* kSnapshotUsage =
    "usage: lafita snapshot --out DIR [--size WxH] [--rotation 0|90|180|270] [--feed URL|FILE ...]\n"
    "                       [--time 2024-10-14T09:30:00Z] [--time-zone ZONE] [--numerals western|arabic-indic]\n"
    "                       [--organization NAME] [--qr on|off] [--config FILE]\n"
    "                       [--alert-feed URL|FILE ...] [--justify none|spaces|kashida]\n"
    "\n"
    "Renders every slide to DIR/slide-01.png, slide-02.png, ... without a display: the\n"
    "pixels the screen shows, at --size (default 1920x1080; with the configuration's safe area,\n"
    "and turned by --rotation as a screen on its side shows them), with the header clock at --time\n"
    "(default: now). The feeds are fetched or read once, and their items merged as the player\n"
    "merges them, at --time. Without --feed, the built-in sample feed. With an alert in\n"
    "force in an --alert-feed (or a feed with alert = true), its alert slides instead.\n";

// SDL's video for drawing without a display: the dummy driver, unless SDL's video already
// runs (the player writing slides instead): then nothing is started.
render::SdlSubsystem headless_video() {
  if (SDL_WasInit(SDL_INIT_VIDEO) != 0) return {};
  SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "dummy", SDL_HINT_OVERRIDE);  // over SDL_VIDEODRIVER
  return render::SdlSubsystem(SDL_INIT_VIDEO);
}

}  // namespace

std::vector<std::filesystem::path> write_snapshots(Show& show, const ShowOptions& options,
                                                   const std::filesystem::path& directory) {
  const int width = options.width > 0 ? options.width : 1920;
  const int height = options.height > 0 ? options.height : 1080;
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw std::runtime_error("'" + directory.string() + "': cannot create: " + ec.message());
  const render::SdlSubsystem video = headless_video();
  render::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888));
  render::RendererPtr renderer(surface ? SDL_CreateSoftwareRenderer(surface.get()) : nullptr);
  if (!renderer) throw std::runtime_error(std::string("SDL: failed to create a software renderer: ") + SDL_GetError());
  Compositor compositor(renderer.get(), Placement{options.safe_area, options.rotation});
  const SDL_Point slide_size = compositor.fit({width, height});  // the screen's margins and rotation, as the player has them

  auto deck = std::make_shared<const SlideDeck>(show.deck(slide_size.x, slide_size.y));
  const feeds::Time now = options.time.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  auto bands = std::make_shared<const Bands>(show.bands(*deck, minute_of(now)));
  compositor.show(deck);
  compositor.show(bands);
  std::vector<std::filesystem::path> files;
  std::pair<size_t, std::shared_ptr<const render::RgbaImage>> photo{SIZE_MAX, nullptr};  // an item's, for its pages
  for (size_t i = 0; i < deck->slides.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "slide-%02zu.png", i + 1);
    // One photo decoded at a time, just before its slides are drawn, as the player has them.
    compositor.want_photos(i, std::nullopt);
    if (deck->slides[i].photo && photo.first != deck->slides[i].item) {
      photo = {deck->slides[i].item, slide_photo(*deck, i, show.photos)};
    }
    if (deck->slides[i].photo) compositor.add_photo(i, photo.second);
    if (!compositor.draw(Frame{i, std::nullopt, 0, Transition::cut})) {
      throw std::runtime_error("SDL: failed to draw slide " + std::to_string(i + 1) + ": " + SDL_GetError());
    }
    SDL_RenderPresent(renderer.get());
    files.push_back(directory / name);
    if (std::string error = render::write_png(width, height, static_cast<const uint8_t*>(surface->pixels), surface->pitch,
                                              files.back());
        !error.empty()) {
      throw std::runtime_error(error);
    }
  }
  return files;
}

int run_snapshot_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  try {
    const CommandLine line(args, show_option_specs());
    if (line.has("--help")) {
      out << kSnapshotUsage;
      return kExitOk;
    }
    if (!line.has("--out")) throw UsageError("--out: required (the folder for the PNG files)");
    if (!line.positional().empty()) throw UsageError("unexpected argument '" + line.positional().front() + "'");
    const ShowOptions options = parse_show_options(line, configured_options(line));
    Show show = open_show(options, err);
    show.photos = photo_loader(err, PhotoReach::everything);
    for (const auto& file : write_snapshots(show, options, line.value("--out"))) out << file.string() << "\n";
    return kExitOk;
  } catch (...) {
    return report_error("lafita snapshot", "lafita snapshot --help lists the options", err);
  }
}

}  // namespace lafita::kiosk
