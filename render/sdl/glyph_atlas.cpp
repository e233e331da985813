#include "render/sdl/glyph_atlas.hpp"

#include <algorithm>

namespace lafita::render {

namespace {
constexpr int kPadding = 1;  // transparent pixels between glyphs, so that none bleeds into another
}

GlyphAtlas::GlyphAtlas(SDL_Renderer* renderer, int page_size, int max_pages)
    : renderer_(renderer), page_size_(page_size), max_pages_(static_cast<size_t>(std::max(max_pages, 1))) {
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(renderer, &info) == 0 && info.max_texture_width > 0) {
    page_size_ = std::min({page_size_, info.max_texture_width, info.max_texture_height});
  }
}

const GlyphAtlas::Entry* GlyphAtlas::find(const GlyphKey& key) const {
  auto found = entries_.find(key);
  return found == entries_.end() ? nullptr : &found->second;
}

const GlyphAtlas::Entry* GlyphAtlas::place(const GlyphKey& key, const GlyphBitmap& bitmap) {
  if (auto found = entries_.find(key); found != entries_.end()) {
    pages_[static_cast<size_t>(found->second.page)].last_batch = batch_;
    return &found->second;
  }
  if (bitmap.width <= 0 || bitmap.height <= 0) return nullptr;
  SDL_Rect rect{};
  const int index = page_with_room(bitmap.width, bitmap.height, rect);
  if (index < 0) return nullptr;
  Page& page = pages_[static_cast<size_t>(index)];
  upload_.resize(bitmap.coverage.size());
  std::transform(bitmap.coverage.begin(), bitmap.coverage.end(), upload_.begin(),
                 [](uint8_t coverage) { return uint32_t{coverage} << 24 | 0x00FFFFFFu; });
  SDL_UpdateTexture(page.texture.get(), &rect, upload_.data(), bitmap.width * 4);
  page.keys.push_back(key);
  page.last_batch = batch_;
  return &entries_.emplace(key, Entry{index, rect, bitmap.left, bitmap.top}).first->second;
}

// A page with room for the bitmap: an existing one, a new one while there may be more, or
// the least recently used one emptied. -1 if none can be had.
int GlyphAtlas::page_with_room(int width, int height, SDL_Rect& out) {
  if (width + kPadding > page_size_ || height + kPadding > page_size_) return -1;
  for (size_t i = 0; i < pages_.size(); ++i) {
    if (allocate(pages_[i], width, height, out)) return static_cast<int>(i);
  }
  if (pages_.size() < max_pages_) {
    Page page;
    page.texture.reset(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, page_size_,
                                         page_size_));
    if (page.texture) {
      SDL_SetTextureBlendMode(page.texture.get(), SDL_BLENDMODE_BLEND);
      SDL_SetTextureScaleMode(page.texture.get(), SDL_ScaleModeNearest);
      const std::vector<uint32_t> clear(static_cast<size_t>(page_size_) * static_cast<size_t>(page_size_), 0x00FFFFFFu);
      SDL_UpdateTexture(page.texture.get(), nullptr, clear.data(), page_size_ * 4);
      pages_.push_back(std::move(page));
      if (allocate(pages_.back(), width, height, out)) return static_cast<int>(pages_.size() - 1);
    }
  }
  auto oldest = std::min_element(pages_.begin(), pages_.end(),
                                 [](const Page& a, const Page& b) { return a.last_batch < b.last_batch; });
  if (oldest == pages_.end() || oldest->last_batch == batch_) return -1;
  empty(*oldest);
  ++evictions_;
  return allocate(*oldest, width, height, out) ? static_cast<int>(oldest - pages_.begin()) : -1;
}

// Shelf packing: the first shelf tall enough (and not much taller) with room on the right,
// else a new shelf below the last.
bool GlyphAtlas::allocate(Page& page, int width, int height, SDL_Rect& out) {
  const int w = width + kPadding, h = height + kPadding;
  for (Shelf& shelf : page.shelves) {
    if (shelf.height >= h && shelf.height <= h + h / 2 && shelf.x + w <= page_size_) {
      out = {shelf.x, shelf.y, width, height};
      shelf.x += w;
      return true;
    }
  }
  if (page.next_y + h > page_size_) return false;
  page.shelves.push_back({page.next_y, h, w});
  out = {0, page.next_y, width, height};
  page.next_y += h;
  return true;
}

void GlyphAtlas::empty(Page& page) {
  for (const GlyphKey& key : page.keys) entries_.erase(key);
  page.keys.clear();
  page.shelves.clear();
  page.next_y = 0;
  const std::vector<uint32_t> clear(static_cast<size_t>(page_size_) * static_cast<size_t>(page_size_), 0x00FFFFFFu);
  SDL_UpdateTexture(page.texture.get(), nullptr, clear.data(), page_size_ * 4);
}

}  // namespace lafita::render
