#pragma once

#include "base/c_deleter.hpp"

#include <SDL2/SDL.h>

#include <memory>

namespace lafita::render {

// One owning handle per SDL object, each destroyed the one way SDL says.
using WindowPtr = std::unique_ptr<SDL_Window, CDeleter<SDL_DestroyWindow>>;
using RendererPtr = std::unique_ptr<SDL_Renderer, CDeleter<SDL_DestroyRenderer>>;
using TexturePtr = std::unique_ptr<SDL_Texture, CDeleter<SDL_DestroyTexture>>;
using SurfacePtr = std::unique_ptr<SDL_Surface, CDeleter<SDL_FreeSurface>>;

}  // namespace lafita::render
