#pragma once

#include "render/draw/sdl_handles.hpp"

#include <SDL2/SDL.h>

#include <chrono>
#include <string>

namespace lafita::kiosk {

// A window and a renderer for it: fullscreen with the cursor hidden on a bare console
// (SDL's kmsdrm driver) or when asked, a resizable window on a desktop. The renderer is
// the GPU's with vsync when there is one, SDL's software renderer otherwise. The screen
// saver stays off while it lives.
struct Display {
  render::WindowPtr window;
  render::RendererPtr renderer;
  bool vsync = false;
  bool accelerated = false;  // a GPU renderer; else SDL's software renderer
  std::chrono::milliseconds frame_interval{16};  // one refresh of the display
  std::string description;                       // "x11, opengl, vsync, 1280x720", for the log

  // Opens one; throws std::runtime_error with SDL's reason when there is no display to
  // open (SDL's video must be initialised). `width` × `height` sizes a desktop window (0:
  // 1280 × 720).
  static Display open(bool fullscreen, int width, int height);

  // The size of what is drawn on, in pixels.
  SDL_Point output_size() const;
  bool fullscreen() const;
  void set_fullscreen(bool on);
};

}  // namespace lafita::kiosk
