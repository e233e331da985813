#include "kiosk/player/compositor.hpp"

#include <algorithm>
#include <cmath>

namespace lafita::kiosk {

namespace {

// Slow in, slow out: a slide accelerates away and settles in place.
float ease(float t) { return t < 0.5f ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3.0f) / 2; }

}  // namespace

Compositor::Compositor(SDL_Renderer* renderer, Placement placement)
    : renderer_(renderer), scenes_(renderer), placement_(placement) {}

// The viewport, which SDL_RenderClear ignores and SDL restores after drawing into a
// texture, is the output less the margins, so the margins stay black.
SDL_Point Compositor::fit(SDL_Point output) {
  const auto [top, right, bottom, left] = placement_.safe_area;
  SDL_Rect area{left, top, output.x - left - right, output.y - top - bottom};
  if (area.w < 160 || area.h < 120) area = SDL_Rect{0, 0, output.x, output.y};  // margins larger than the screen
  SDL_RenderSetViewport(renderer_, &area);
  margins_ = area.w != output.x || area.h != output.y;
  return placement_.rotation % 180 == 0 ? SDL_Point{area.w, area.h} : SDL_Point{area.h, area.w};
}

void Compositor::show(std::shared_ptr<const SlideDeck> deck) {
  deck_ = std::move(deck);
  slides_.clear();
  band_textures_.clear();
  photos_.clear();
  wanted_ = {0, std::nullopt};
}

void Compositor::want_photos(size_t current, std::optional<size_t> next) {
  wanted_ = {current, next};
  retain(current, next);
  std::erase_if(photos_, [&](const auto& photo) { return !wanted(photo.first); });
}

// A wanted slide with a place for a photo that is neither held, nor in its texture, nor
// known to be not had.
bool Compositor::awaiting_photo(size_t slide) const {
  if (!deck_ || slide >= deck_->slides.size() || !deck_->slides[slide].photo || !wanted(slide)) return false;
  const auto found = photos_.find(slide);
  if (found == photos_.end()) return true;
  const PhotoHold& hold = found->second;
  return !hold.pixels && !hold.none && !slides_.contains(slide);
}

std::vector<size_t> Compositor::missing_photos() const {
  std::vector<size_t> missing;
  for (const std::optional<size_t> slide : {std::optional(wanted_.first), wanted_.second}) {
    if (!slide || !awaiting_photo(*slide)) continue;
    if (std::ranges::find(missing, *slide) == missing.end()) missing.push_back(*slide);
  }
  return missing;
}

size_t Compositor::photo_count() const {
  return size_t(std::ranges::count_if(photos_, [](const auto& photo) { return photo.second.pixels != nullptr; }));
}

bool Compositor::add_photo(size_t slide, std::shared_ptr<const render::RgbaImage> photo) {
  if (!deck_ || slide >= deck_->slides.size() || !deck_->slides[slide].photo || !wanted(slide)) return false;
  if (!photo) {
    photos_[slide] = PhotoHold{nullptr, true};  // composed without one, not awaited any more
    return false;
  }
  photos_[slide] = PhotoHold{std::move(photo), false};
  return slides_.erase(slide) > 0;  // composed without it: again, with it, when next drawn
}

void Compositor::show(std::shared_ptr<const Bands> bands) {
  bands_ = std::move(bands);
  band_textures_.clear();
}

void Compositor::forget_textures() {
  slides_.clear();
  band_textures_.clear();
}

// Memory for two full screens at most: the slide shown and the one coming.
void Compositor::retain(size_t current, std::optional<size_t> next) {
  std::erase_if(slides_, [&](const auto& slide) { return slide.first != current && slide.first != next; });
}

bool Compositor::prepare(size_t current, std::optional<size_t> next) {
  if (!deck_ || current >= deck_->slides.size()) return false;
  retain(current, next);
  bool composed = slide_texture(current) != nullptr;
  if (next && *next < deck_->slides.size()) {
    // Composed twice otherwise, and the photo's decoding would overlap a second full screen.
    if (awaiting_photo(*next)) composed = false;
    else composed &= slide_texture(*next) != nullptr;
  }
  release_atlas_if_composed();
  return composed;
}

void Compositor::release_atlas_if_composed() {
  if (!composed_) return;
  scenes_.release_atlas();
  composed_ = false;
}

SDL_Texture* Compositor::slide_texture(size_t index) {
  if (auto found = slides_.find(index); found != slides_.end()) return found->second.get();
  const Slide& slide = deck_->slides[index];
  std::optional<render::Scene::Image> photo;
  const auto held = photos_.find(index);
  if (held != photos_.end() && held->second.pixels && slide.photo) {
    photo = render::Scene::Image{held->second.pixels, slide.photo->x, slide.photo->y};
  }
  render::TexturePtr texture = composed(slide.scene, photo ? &*photo : nullptr);
  if (!texture) return nullptr;  // not kept half drawn
  if (photo) held->second.pixels.reset();  // its pixels are in the texture now
  return slides_.emplace(index, std::move(texture)).first->second.get();
}

SDL_Texture* Compositor::band_texture(const BandKey& key) {
  if (auto found = band_textures_.find(key); found != band_textures_.end()) return found->second.get();
  if (!bands_) return nullptr;
  for (const auto& [band_key, scene] : bands_->scenes) {
    if (!(band_key == key)) continue;
    render::TexturePtr texture = composed(scene);
    if (!texture) return nullptr;
    return band_textures_.emplace(key, std::move(texture)).first->second.get();
  }
  return nullptr;
}

// Opaque pixels (no alpha channel): full-screen copies and fades are cheapest so. A turned
// screen's texture is composed upright, then copied turned once: frames stay plain copies
// (SDL's software renderer turns a full screen at 350 times the cost of a copy).
render::TexturePtr Compositor::composed(const render::Scene& scene, const render::Scene::Image* photo) {
  const auto texture = [&](int width, int height) {
    return render::TexturePtr(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, width, height));
  };
  composed_ = true;
  render::TexturePtr upright = texture(scene.width, scene.height);
  if (!upright || !scenes_.compose(scene, upright.get(), photo)) return nullptr;
  if (placement_.rotation == 0) return upright;
  const bool quarter = placement_.rotation % 180 != 0;
  render::TexturePtr result = texture(quarter ? scene.height : scene.width, quarter ? scene.width : scene.height);
  if (!result || SDL_SetRenderTarget(renderer_, result.get()) != 0) return nullptr;
  const bool turned = turn(upright.get());
  SDL_SetRenderTarget(renderer_, nullptr);
  return turned ? std::move(result) : nullptr;
}

// Turns a texture onto the whole target about a centre chosen so that it lands exactly:
// a quarter turn of a W x H picture about (c, c) covers x from 2c - H to 2c (clockwise)
// or y from 2c - W to 2c (anticlockwise).
bool Compositor::turn(SDL_Texture* upright) {
  int width = 0, height = 0;
  SDL_QueryTexture(upright, nullptr, nullptr, &width, &height);
  const SDL_FRect area{0, 0, static_cast<float>(width), static_cast<float>(height)};
  const float c = placement_.rotation == 90 ? area.h / 2 : area.w / 2;
  const SDL_FPoint centre = placement_.rotation == 180 ? SDL_FPoint{area.w / 2, area.h / 2} : SDL_FPoint{c, c};
  return SDL_RenderCopyExF(renderer_, upright, nullptr, &area, placement_.rotation, &centre, SDL_FLIP_NONE) == 0;
}

// Where a rectangle of the upright slide is on the turned output (and in turned textures).
SDL_Rect Compositor::turned(const SDL_Rect& r) const {
  const int width = deck_->width, height = deck_->height;
  switch (placement_.rotation) {
    case 90:  // (x, y) goes to (height - 1 - y, x)
      return {height - r.y - r.h, r.x, r.h, r.w};
    case 180:
      return {width - r.x - r.w, height - r.y - r.h, r.w, r.h};
    case 270:  // (x, y) goes to (y, width - 1 - x)
      return {r.y, width - r.x - r.w, r.h, r.w};
    default:
      return r;
  }
}

bool Compositor::draw(const Frame& frame) {
  ok_ = true;
  if (!deck_ || frame.current >= deck_->slides.size()) return false;
  retain(frame.current, frame.next);
  SDL_Texture* current = slide_texture(frame.current);
  SDL_Texture* next = frame.next && *frame.next < deck_->slides.size() ? slide_texture(*frame.next) : nullptr;
  if (!current) {
    release_atlas_if_composed();  // the next slide may have been composed
    return false;
  }
  const Slide& shown = deck_->slides[next && frame.progress >= 0.5f ? *frame.next : frame.current];
  SDL_Texture* band = shown.band ? band_texture(band_key(*deck_, shown)) : nullptr;
  ok_ &= SDL_SetRenderTarget(renderer_, nullptr) == 0;  // composing a texture leaves it the target
  if (margins_) {
    SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
    ok_ &= SDL_RenderClear(renderer_) == 0;  // the whole output: SDL_RenderClear ignores the viewport
  }
  compose(frame, current, next, band);
  release_atlas_if_composed();
  return ok_;
}

void Compositor::compose(const Frame& frame, SDL_Texture* current, SDL_Texture* next, SDL_Texture* band) {
  const int width = deck_->width;
  if (!next || frame.transition == Transition::cut) {
    ok_ &= SDL_RenderCopy(renderer_, current, nullptr, nullptr) == 0;
  } else if (frame.transition == Transition::crossfade) {
    ok_ &= SDL_RenderCopy(renderer_, current, nullptr, nullptr) == 0;
    SDL_SetTextureBlendMode(next, SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(next, static_cast<Uint8>(std::lround(255 * frame.progress)));
    ok_ &= SDL_RenderCopy(renderer_, next, nullptr, nullptr) == 0;
    SDL_SetTextureAlphaMod(next, 255);
    SDL_SetTextureBlendMode(next, SDL_BLENDMODE_NONE);
  } else {
    // The incoming slide enters from where the reader's eye goes next: from the right for
    // left-to-right text, from the left for right-to-left text.
    // In steps of 4 pixels, invisible in motion: rows then start 16-byte aligned, and SDL's
    // software renderer copies them with its streaming SSE copy (twice as fast as memcpy).
    const int offset = std::min(width, 4 * static_cast<int>(std::lround(ease(frame.progress) * static_cast<float>(width) / 4)));
    const bool rtl = deck_->slides[*frame.next].direction == render::Direction::rtl;
    // Only the visible part of each: renderers then copy whole rows without clipping.
    const int height = deck_->height;
    const SDL_Rect leaving_from{rtl ? 0 : offset, 0, width - offset, height};
    const SDL_Rect leaving_to{rtl ? offset : 0, 0, width - offset, height};
    const SDL_Rect entering_from{rtl ? width - offset : 0, 0, offset, height};
    const SDL_Rect entering_to{rtl ? 0 : width - offset, 0, offset, height};
    if (offset < width) ok_ &= copy(current, leaving_from, leaving_to);
    if (offset > 0) ok_ &= copy(next, entering_from, entering_to);
  }
  if (band) {
    int band_width = 0, band_height = 0;
    SDL_QueryTexture(band, nullptr, nullptr, &band_width, &band_height);
    const bool quarter = placement_.rotation % 180 != 0;  // the texture is turned: its upright size
    ok_ &= copy(band, {0, 0, quarter ? band_height : band_width, quarter ? band_width : band_height});
  }
}

// Copies the part `from` of a slide's texture to `to` on the output, both in the upright
// slide's coordinates; `from` alone: the whole texture there.
bool Compositor::copy(SDL_Texture* texture, const SDL_Rect& from, const SDL_Rect& to) {
  const SDL_Rect source = turned(from), target = turned(to);
  return SDL_RenderCopy(renderer_, texture, &source, &target) == 0;
}

bool Compositor::copy(SDL_Texture* texture, const SDL_Rect& to) {
  const SDL_Rect target = turned(to);
  return SDL_RenderCopy(renderer_, texture, nullptr, &target) == 0;
}

}  // namespace lafita::kiosk
