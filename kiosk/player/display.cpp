#include "kiosk/player/display.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string_view>

#include <sys/mman.h>
#include <unistd.h>

namespace lafita::kiosk {

namespace {

std::runtime_error sdl_error(const std::string& what) { return std::runtime_error(what + ": " + SDL_GetError()); }

// SDL falls back to drawing into memory when no display answers; that is no display,
// unless someone asked for it with SDL_VIDEODRIVER.
bool shows_anything(std::string_view driver) {
  if (driver != "offscreen" && driver != "dummy") return true;
  const char* asked = std::getenv("SDL_VIDEODRIVER");
  return asked != nullptr && driver == asked;
}

// Whether the machine has a GPU that Mesa (or a vendor driver) can render with: a DRM
// render node. Without one, OpenGL would be Mesa's llvmpipe, a software rasteriser that
// maps LLVM: three times the memory of SDL's own software renderer (168 MB against 54 MB at
// 1080p, bench/player-resources) and 300 ms more to start, for the same pixels.
bool has_gpu() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec)) {
    if (entry.path().filename().string().starts_with("renderD")) return true;
  }
  return false;
}

bool has_render_targets(SDL_Renderer* renderer) {
  SDL_RendererInfo info{};
  return SDL_GetRendererInfo(renderer, &info) == 0 && (info.flags & SDL_RENDERER_TARGETTEXTURE) != 0;
}

// The first renderer that can draw into textures: slides are composed into them. SDL may
// hand out one without (its "opengl" renderer on a GLES context, where a console has EGL
// and GLES but no desktop GL: "Render targets not supported by OpenGL"), so each driver is
// tried in SDL's order and kept only when it has them; SDL's software renderer last.
render::RendererPtr create_renderer(SDL_Window* window, std::string& refused) {
  const char* forced = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
  for (int i = 0; !forced && i < SDL_GetNumRenderDrivers(); ++i) {
    SDL_RendererInfo driver{};
    if (SDL_GetRenderDriverInfo(i, &driver) != 0 || (driver.flags & SDL_RENDERER_ACCELERATED) == 0) continue;
    render::RendererPtr renderer(SDL_CreateRenderer(window, i, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (renderer && has_render_targets(renderer.get())) return renderer;
    refused += std::string(refused.empty() ? "" : ", ") + driver.name + (renderer ? ": no render targets" : ": " + std::string(SDL_GetError()));
  }
  if (forced) {
    render::RendererPtr renderer(SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC));
    if (renderer && has_render_targets(renderer.get())) return renderer;
  }
  return render::RendererPtr(SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE));
}

}  // namespace

std::optional<std::string> choose_software_rasteriser() {
  if (std::getenv("GALLIUM_DRIVER")) return std::nullopt;
  const long page = ::sysconf(_SC_PAGESIZE);
  void* memory = ::mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return std::nullopt;
  const bool executable = ::mprotect(memory, page, PROT_READ | PROT_EXEC) == 0;
  ::munmap(memory, page);
  if (executable) return std::nullopt;
  ::setenv("GALLIUM_DRIVER", "softpipe", 0);
  return "memory cannot be made executable here (MemoryDenyWriteExecute=); Mesa's software rasteriser, if it "
         "is used, is softpipe, not llvmpipe";
}

Display Display::open(bool fullscreen, int width, int height) {
  render::SdlSubsystem video(SDL_INIT_VIDEO);
  const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
  if (!shows_anything(driver)) throw std::runtime_error("SDL found only its '" + driver + "' video driver");
  // On a console SDL has no software framebuffer (SDL 2.26's kmsdrm draws with EGL only):
  // without a GPU, Mesa's software rasteriser draws there (see choose_software_rasteriser).
  if (!has_gpu() && driver != "KMSDRM") {  // unless SDL_RENDER_DRIVER says otherwise
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  // Without a desktop there is nothing to show a window in: the display is the screen.
  fullscreen = fullscreen || driver == "KMSDRM";
  Uint32 flags = SDL_WINDOW_RESIZABLE;
  if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  Display display;
  display.video = std::move(video);
  display.window.reset(SDL_CreateWindow("Lafita", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                        width > 0 ? width : 1280, height > 0 ? height : 720, flags));
  if (!display.window) throw sdl_error("SDL: cannot open a window on the '" + driver + "' display");
  std::string refused;
  display.renderer = create_renderer(display.window.get(), refused);
  if (!display.renderer) {
    throw sdl_error("SDL: cannot draw on the '" + driver + "' display" + (refused.empty() ? "" : " (" + refused + ")"));
  }

  SDL_RendererInfo info{};
  SDL_GetRendererInfo(display.renderer.get(), &info);
  display.vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
  display.accelerated = (info.flags & SDL_RENDERER_ACCELERATED) != 0;
  SDL_DisplayMode mode{};
  if (SDL_GetWindowDisplayMode(display.window.get(), &mode) == 0 && mode.refresh_rate > 0) {
    display.frame_interval = std::chrono::milliseconds(1000 / mode.refresh_rate);
  }
  SDL_DisableScreenSaver();
  display.set_fullscreen(fullscreen);
  const SDL_Point size = display.output_size();
  display.description = driver + ", " + info.name + (display.vsync ? ", vsync, " : ", no vsync, ") +
                        std::to_string(size.x) + "x" + std::to_string(size.y);
  return display;
}

SDL_Point Display::output_size() const {
  SDL_Point size{0, 0};
  SDL_GetRendererOutputSize(renderer.get(), &size.x, &size.y);
  return size;
}

bool Display::fullscreen() const { return (SDL_GetWindowFlags(window.get()) & SDL_WINDOW_FULLSCREEN) != 0; }

void Display::set_fullscreen(bool on) {
  if (on != fullscreen()) SDL_SetWindowFullscreen(window.get(), on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
  SDL_ShowCursor(on ? SDL_DISABLE : SDL_ENABLE);  // nobody points at a wall screen
}

}  // namespace lafita::kiosk
