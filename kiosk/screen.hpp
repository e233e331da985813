#pragma once

#include "kiosk/slide_deck.hpp"
#include "kiosk/slide_scheduler.hpp"
#include "render/draw/scene_renderer.hpp"
#include "render/draw/sdl_handles.hpp"

#include <SDL2/SDL.h>

#include <map>
#include <memory>
#include <optional>

namespace lafita::kiosk {

// What the main thread does with prepared slides: composes each slide once into a texture
// (the current one and the next, no more), the header bands once a minute, and draws a
// frame as one texture copy, or two during a transition, plus the band. No layout and no
// rasterisation happen here. Main thread only, like the renderer.
class Screen {
 public:
  explicit Screen(SDL_Renderer* renderer);

  // A new deck; textures of the old one are dropped.
  void show(std::shared_ptr<const SlideDeck> deck);
  // The header bands of a new minute.
  void show(std::shared_ptr<const Bands> bands);
  // Forgets every composed texture (the renderer lost its targets).
  void forget_textures();

  // Composes the slides `current` and `next` now, if they are not yet, so that the frames
  // showing them are copies only; other slides' textures are dropped. The main loop calls it
  // when a slide has settled, for the one coming next.
  bool prepare(size_t current, std::optional<size_t> next);

  bool has_deck() const { return deck_ != nullptr; }
  const SlideDeck* deck() const { return deck_.get(); }
  const std::shared_ptr<const SlideDeck>& deck_ptr() const { return deck_; }
  const std::shared_ptr<const Bands>& bands() const { return bands_; }

  // With margins (a safe area outside the viewport), each frame first clears the whole
  // output to black: nothing else draws there, and buffers may hold old frames.
  void set_margins(bool margins) { margins_ = margins; }
  // Draws `frame` into the renderer's output (the window, or the surface of a software
  // renderer) without presenting it. Returns false, with SDL_GetError() set, if SDL failed.
  bool draw(const Frame& frame);

  const render::SceneRenderer& scenes() const { return scenes_; }

 private:
  void retain(size_t current, std::optional<size_t> next);
  SDL_Texture* slide_texture(size_t index);
  SDL_Texture* band_texture(const BandKey& key);

  SDL_Renderer* renderer_;
  render::SceneRenderer scenes_;
  std::shared_ptr<const SlideDeck> deck_;
  std::shared_ptr<const Bands> bands_;
  std::map<size_t, render::TexturePtr> slides_;  // at most two: the current and the next
  std::map<BandKey, render::TexturePtr> band_textures_;
  bool margins_ = false;
  bool ok_ = true;
};

}  // namespace lafita::kiosk
