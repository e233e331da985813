#pragma once

#include "render/sdl/sdl_handles.hpp"

#include <SDL2/SDL.h>

#include <chrono>
#include <optional>
#include <string>

namespace lafita::kiosk {

// Mesa's llvmpipe (its software rasteriser, used where the GPU has no 3D: a console
// without a GPU driver, virtio-gpu) compiles shaders into memory it then makes executable;
// where that is refused (systemd's MemoryDenyWriteExecute=, as in Lafita's unit) it crashes
// at start. There GALLIUM_DRIVER=softpipe is set (before SDL starts Mesa; only Mesa's
// software rasteriser reads it), unless the environment sets it. Returns why, for the
// log, when it did.
std::optional<std::string> choose_software_rasteriser();

// A window and a renderer for it: fullscreen with the cursor hidden on a bare console
// (SDL's kmsdrm driver) or when asked, a resizable window on a desktop. The renderer is
// the GPU's with vsync when there is one, SDL's software renderer otherwise. The screen
// saver stays off while it lives. The renderer can draw into textures (SDL may offer one
// that cannot: each driver is tried in turn).
struct Display {
  render::SdlSubsystem video;  // first: SDL's video outlives the window and the renderer
  render::WindowPtr window;
  render::RendererPtr renderer;
  bool vsync = false;
  bool accelerated = false;  // a GPU renderer; else SDL's software renderer
  std::chrono::milliseconds frame_interval{16};  // one refresh of the display
  std::string description;                       // "x11, opengl, vsync, 1280x720", for the log

  // Opens one, starting SDL's video for it; throws std::runtime_error with the reason when
  // there is no display to open (SDL found only its in-memory drivers, which show nothing,
  // unless SDL_VIDEODRIVER asked for one). `width` × `height` sizes a desktop window (0:
  // 1280 × 720).
  static Display open(bool fullscreen, int width, int height);

  // The size of what is drawn on, in pixels.
  SDL_Point output_size() const;
  bool fullscreen() const;
  void set_fullscreen(bool on);
};

}  // namespace lafita::kiosk
