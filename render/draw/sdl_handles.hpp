#pragma once

#include <SDL2/SDL.h>

#include <memory>

namespace lafita::render {

// One owning handle per SDL object, each destroyed the one way SDL says.
template <auto Destroy>
struct SdlDeleter {
  template <typename T>
  void operator()(T* p) const { Destroy(p); }
};
using WindowPtr = std::unique_ptr<SDL_Window, SdlDeleter<SDL_DestroyWindow>>;
using RendererPtr = std::unique_ptr<SDL_Renderer, SdlDeleter<SDL_DestroyRenderer>>;
using TexturePtr = std::unique_ptr<SDL_Texture, SdlDeleter<SDL_DestroyTexture>>;
using SurfacePtr = std::unique_ptr<SDL_Surface, SdlDeleter<SDL_FreeSurface>>;

}  // namespace lafita::render
