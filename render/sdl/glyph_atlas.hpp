#pragma once

#include "render/draw/glyph_rasterizer.hpp"
#include "render/sdl/sdl_handles.hpp"

#include <SDL2/SDL.h>

#include <unordered_map>
#include <vector>

namespace lafita::render {

// Glyph coverage in textures of one renderer: square pages (white, coverage as alpha),
// filled shelf by shelf, made as they are needed; a glyph larger than a page (a headline on
// a 4K screen) gets a page of its own size. The total is bounded: when every page is full, the page least
// recently drawn from is emptied whole and reused (an eviction). Pages drawn from by the
// current batch (since begin_batch) are never emptied, so a batch's glyphs stay together.
// Main thread only, like the renderer.
class GlyphAtlas {
 public:
  struct Entry {
    int page;
    SDL_Rect rect;  // in the page
    int left, top;  // the bitmap's offset from the glyph origin (top grows upwards)
  };

  // Pages are page_size pixels square, or the renderer's largest texture if smaller.
  GlyphAtlas(SDL_Renderer* renderer, int page_size = 512, int max_pages = 16);

  void begin_batch() { ++batch_; }

  // The glyph's place, uploading the bitmap if it is not in a page yet. Nullptr for an empty
  // bitmap (nothing to draw), one larger than the renderer's largest texture, or when every
  // page is needed by the current batch.
  const Entry* place(const GlyphKey& key, const GlyphBitmap& bitmap);
  const Entry* find(const GlyphKey& key) const;

  SDL_Texture* page(int index) const { return pages_[static_cast<size_t>(index)].texture.get(); }
  int page_size() const { return page_size_; }  // of ordinary pages; see page_side
  int page_side(int index) const { return pages_[static_cast<size_t>(index)].size; }
  size_t page_count() const { return pages_.size(); }
  size_t glyph_count() const { return entries_.size(); }
  size_t evictions() const { return evictions_; }
  size_t texture_bytes() const;
  // The most texture bytes and glyphs its pages held at once (what composing costs, for a
  // caller that releases the pages between compositions).
  size_t largest_texture_bytes() const { return largest_bytes_; }
  size_t largest_glyph_count() const { return largest_glyphs_; }
  // Gives every page back (their textures are destroyed): the next place() starts afresh.
  // For a caller that composes rarely and would rather upload its glyphs again than keep
  // pages between compositions.
  void release();

 private:
  struct Shelf {
    int y, height, x;
  };
  struct Page {
    TexturePtr texture;
    int size = 0;  // pixels square
    std::vector<Shelf> shelves;
    int next_y = 0;
    uint64_t last_batch = 0;
    std::vector<GlyphKey> keys;
  };

  bool allocate(Page& page, int width, int height, SDL_Rect& out);
  int page_with_room(int width, int height, SDL_Rect& out);
  bool add_page(int size);
  void clear(Page& page);
  void empty(Page& page);

  SDL_Renderer* renderer_;
  int page_size_;
  int largest_ = 0;  // the renderer's largest texture's side
  size_t max_pages_;
  std::vector<Page> pages_;
  std::unordered_map<GlyphKey, Entry, GlyphKeyHash> entries_;
  std::vector<uint32_t> upload_;
  uint64_t batch_ = 0;
  size_t evictions_ = 0;
  size_t largest_bytes_ = 0, largest_glyphs_ = 0;
};

}  // namespace lafita::render
