#include "render/sdl/glyph_atlas.hpp"

#include <algorithm>
#include <bit>

namespace lafita::render {

namespace {
constexpr int kPadding = 1;  // transparent pixels between glyphs, so that none bleeds into another
}

GlyphAtlas::GlyphAtlas(SDL_Renderer* renderer, int page_size, int max_pages)
    : renderer_(renderer), page_size_(page_size), max_pages_(static_cast<size_t>(std::max(max_pages, 1))) {
  SDL_RendererInfo info{};
  largest_ = 16384;  // SDL's software renderer says 0: no limit of its own
  if (SDL_GetRendererInfo(renderer, &info) == 0 && info.max_texture_width > 0) {
    largest_ = std::min(info.max_texture_width, info.max_texture_height);
  }
  page_size_ = std::min(page_size_, largest_);
}

size_t GlyphAtlas::texture_bytes() const {
  size_t bytes = 0;
  for (const Page& page : pages_) bytes += static_cast<size_t>(page.size) * static_cast<size_t>(page.size) * 4;
  return bytes;
}

void GlyphAtlas::release() {
  pages_.clear();
  entries_.clear();
  upload_ = {};
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
  const Entry* entry = &entries_.emplace(key, Entry{index, rect, bitmap.left, bitmap.top}).first->second;
  largest_glyphs_ = std::max(largest_glyphs_, entries_.size());
  return entry;
}

// A page with room for the bitmap: an existing one, a new one while there may be more, or
// the least recently used one large enough emptied. -1 if none can be had.
int GlyphAtlas::page_with_room(int width, int height, SDL_Rect& out) {
  const int side = std::max(width, height) + kPadding;
  if (side > largest_) return -1;
  for (size_t i = 0; i < pages_.size(); ++i) {
    if (allocate(pages_[i], width, height, out)) return static_cast<int>(i);
  }
  const int size = side <= page_size_ ? page_size_ : std::min(std::bit_ceil(unsigned(side)), unsigned(largest_));
  if (pages_.size() < max_pages_ && add_page(size) && allocate(pages_.back(), width, height, out)) {
    return static_cast<int>(pages_.size() - 1);
  }
  auto oldest = pages_.end();
  for (auto page = pages_.begin(); page != pages_.end(); ++page) {
    if (page->size >= side && (oldest == pages_.end() || page->last_batch < oldest->last_batch)) oldest = page;
  }
  if (oldest == pages_.end() || oldest->last_batch == batch_) return -1;
  empty(*oldest);
  ++evictions_;
  return allocate(*oldest, width, height, out) ? static_cast<int>(oldest - pages_.begin()) : -1;
}

// Shelf packing: the first shelf tall enough (and not much taller) with room on the right,
// else a new shelf below the last.
bool GlyphAtlas::allocate(Page& page, int width, int height, SDL_Rect& out) {
  const int w = width + kPadding, h = height + kPadding;
  if (w > page.size || h > page.size) return false;
  for (Shelf& shelf : page.shelves) {
    if (shelf.height >= h && shelf.height <= h + h / 2 && shelf.x + w <= page.size) {
      out = {shelf.x, shelf.y, width, height};
      shelf.x += w;
      return true;
    }
  }
  if (page.next_y + h > page.size) return false;
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
  clear(page);
}

// A new page of `size` pixels square, transparent. False if SDL cannot make one.
bool GlyphAtlas::add_page(int size) {
  Page page;
  page.size = size;
  page.texture.reset(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, size, size));
  if (!page.texture) return false;
  SDL_SetTextureBlendMode(page.texture.get(), SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(page.texture.get(), SDL_ScaleModeNearest);
  clear(page);
  pages_.push_back(std::move(page));
  largest_bytes_ = std::max(largest_bytes_, texture_bytes());
  return true;
}

// Transparent white, in bands of 256 KiB: not a whole page's worth of memory to clear with
// (4 MiB for a 1024-pixel page), nor a call per row.
void GlyphAtlas::clear(Page& page) {
  const int rows = std::clamp((256 << 10) / (page.size * 4), 1, page.size);
  const std::vector<uint32_t> band(static_cast<size_t>(page.size) * static_cast<size_t>(rows), 0x00FFFFFFu);
  for (int y = 0; y < page.size; y += rows) {
    const SDL_Rect area{0, y, page.size, std::min(rows, page.size - y)};
    SDL_UpdateTexture(page.texture.get(), &area, band.data(), page.size * 4);
  }
}

}  // namespace lafita::render
