#pragma once

#include "base/c_deleter.hpp"

#include <SDL2/SDL.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace lafita::render {

// One owning handle per SDL object, each destroyed the one way SDL says.
using WindowPtr = std::unique_ptr<SDL_Window, CDeleter<SDL_DestroyWindow>>;
using RendererPtr = std::unique_ptr<SDL_Renderer, CDeleter<SDL_DestroyRenderer>>;
using TexturePtr = std::unique_ptr<SDL_Texture, CDeleter<SDL_DestroyTexture>>;
using SurfacePtr = std::unique_ptr<SDL_Surface, CDeleter<SDL_FreeSurface>>;

// SDL itself for a program run: SDL_Init(flags) when made, SDL_Quit when it goes, however
// the run ends (a return, an exception from a reload). Declare it before every SDL object
// and every watcher thread that pushes SDL events, so that they are gone first. One per
// process. Throws std::runtime_error with SDL's reason.
class SdlSession {
 public:
  explicit SdlSession(Uint32 flags) {
    if (SDL_Init(flags) != 0) throw std::runtime_error(std::string("SDL: failed to start: ") + SDL_GetError());
  }
  ~SdlSession() { SDL_Quit(); }
  SdlSession(const SdlSession&) = delete;
  SdlSession& operator=(const SdlSession&) = delete;
};

// One SDL subsystem (SDL_INIT_VIDEO) started while this lives. SDL counts starts and
// stops, so guards of one subsystem nest; a default-made guard holds none. Movable: a
// display keeps SDL's video started for as long as it lives. Throws std::runtime_error
// with SDL's reason.
class SdlSubsystem {
 public:
  SdlSubsystem() = default;
  explicit SdlSubsystem(Uint32 flags) : flags_(flags) {
    if (SDL_InitSubSystem(flags) != 0) throw std::runtime_error(std::string("SDL: failed to start: ") + SDL_GetError());
  }
  ~SdlSubsystem() { reset(); }
  SdlSubsystem(SdlSubsystem&& other) noexcept : flags_(std::exchange(other.flags_, 0)) {}
  SdlSubsystem& operator=(SdlSubsystem&& other) noexcept {
    if (this != &other) {
      reset();
      flags_ = std::exchange(other.flags_, 0);
    }
    return *this;
  }

 private:
  void reset() {
    if (flags_ != 0) SDL_QuitSubSystem(std::exchange(flags_, 0));
  }

  Uint32 flags_ = 0;
};

}  // namespace lafita::render
