#pragma once

#include "kiosk/player/slide_scheduler.hpp"
#include "kiosk/slides/slide_deck.hpp"
#include "render/sdl/scene_renderer.hpp"
#include "render/sdl/sdl_handles.hpp"

#include <SDL2/SDL.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace lafita::kiosk {

// Where slides go on the output: inside margins kept black (a TV's overscan; top, right,
// bottom, left in output pixels), turned clockwise by `rotation` degrees (0, 90, 180 or
// 270) for a screen mounted on its side or upside down.
struct Placement {
  std::array<int, 4> safe_area{};
  int rotation = 0;
};

// What the main thread does with prepared slides: composes each slide once into a texture
// (the current one and the next, no more), the header bands once a minute, and draws a
// frame as one texture copy, or two during a transition, plus the band. No layout and no
// rasterisation happen here. The glyph atlas lives only while composing: once a call has
// composed what it needed, its pages are given back (a slide is composed once, and
// uploading its glyphs again costs less than keeping pages of them between slides). Main
// thread only, like the renderer.
class Compositor {
 public:
  explicit Compositor(SDL_Renderer* renderer, Placement placement = {});

  // Fits the placement to an output of `output` pixels (SDL resets the viewport on a
  // resize: call it again then) and returns the size slides are made at: the output less
  // its margins, turned.
  SDL_Point fit(SDL_Point output);

  // A new deck; textures and photos of the old one are dropped.
  void show(std::shared_ptr<const SlideDeck> deck);

  // Photos (Slide::photo, scaled to their places) are wanted for two slides at most: the
  // current and the next. want_photos() names them and drops the others' photos and
  // textures (before the preparer decodes a photo, not after: memory for two slides);
  // missing_photos() lists those of the two that have a place and neither a photo nor a
  // texture composed with it (what to ask the slide preparer for). add_photo() keeps a
  // photo of one of them (others are dropped; null says it cannot be had); a slide
  // composed before its photo came is composed again, and it returns true then: the screen
  // may show the slide without it. A slide without its photo is composed without it (its
  // place shows the background). Once in its slide's texture a photo is let go: its
  // pixels are there. If that texture goes (forget_textures), the photo is missing again.
  void want_photos(size_t current, std::optional<size_t> next);
  std::vector<size_t> missing_photos() const;
  bool add_photo(size_t slide, std::shared_ptr<const render::RgbaImage> photo);
  size_t photo_count() const;  // photos held, not yet composed
  // The header bands of a new minute.
  void show(std::shared_ptr<const Bands> bands);
  // Forgets every composed texture (the renderer lost its targets).
  void forget_textures();

  // Composes the slides `current` and `next` now, if they are not yet, so that the frames
  // showing them are copies only; other slides' textures are dropped. The main loop calls it
  // when a slide has settled, for the one coming next. A next slide whose photo is
  // awaited (missing_photos) is left until it comes: false then, and until both are
  // composed. A frame that needs it composes it anyway, without its photo.
  bool prepare(size_t current, std::optional<size_t> next);

  bool has_deck() const { return deck_ != nullptr; }
  const SlideDeck* deck() const { return deck_.get(); }
  const std::shared_ptr<const SlideDeck>& deck_ptr() const { return deck_; }
  const std::shared_ptr<const Bands>& bands() const { return bands_; }

  // Draws `frame` into the renderer's output (the window, or the surface of a software
  // renderer) without presenting it. Returns false, with SDL_GetError() set, if SDL failed.
  bool draw(const Frame& frame);

  const render::SceneRenderer& scenes() const { return scenes_; }
  size_t composed_count() const { return slides_.size(); }  // slide textures held
  const Placement& placement() const { return placement_; }

 private:
  void retain(size_t current, std::optional<size_t> next);
  void release_atlas_if_composed();
  void compose(const Frame& frame, SDL_Texture* current, SDL_Texture* next, SDL_Texture* band);
  render::TexturePtr composed(const render::Scene& scene, const render::Scene::Image* photo = nullptr);
  bool wanted(size_t slide) const { return slide == wanted_.first || slide == wanted_.second; }
  bool awaiting_photo(size_t slide) const;
  bool turn(SDL_Texture* upright);
  SDL_Rect turned(const SDL_Rect& r) const;
  bool copy(SDL_Texture* texture, const SDL_Rect& from, const SDL_Rect& to);
  bool copy(SDL_Texture* texture, const SDL_Rect& to);
  SDL_Texture* slide_texture(size_t index);
  SDL_Texture* band_texture(const BandKey& key);

  SDL_Renderer* renderer_;
  render::SceneRenderer scenes_;
  std::shared_ptr<const SlideDeck> deck_;
  std::shared_ptr<const Bands> bands_;
  std::map<size_t, render::TexturePtr> slides_;  // at most two: the current and the next
  // A wanted slide's photo: held until composed into the slide's texture, then let go
  // (null pixels); or none to be had.
  struct PhotoHold {
    std::shared_ptr<const render::RgbaImage> pixels;
    bool none = false;
  };
  std::map<size_t, PhotoHold> photos_;  // at most two: wanted_'s
  std::pair<size_t, std::optional<size_t>> wanted_{0, std::nullopt};
  std::map<BandKey, render::TexturePtr> band_textures_;
  const Placement placement_;
  // With margins (a safe area outside the viewport), each frame first clears the whole
  // output to black: nothing else draws there, and buffers may hold old frames.
  bool margins_ = false;
  bool ok_ = true;
  bool composed_ = false;  // since the atlas was last given back
};

}  // namespace lafita::kiosk
