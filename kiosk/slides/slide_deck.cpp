#include "kiosk/slides/slide_deck.hpp"

#include "render/draw/photo_scaler.hpp"

#include <algorithm>

namespace lafita::kiosk {

SlideDeck build_deck(SlideTemplate& slide_template, render::GlyphRasterizer& rasterizer, std::vector<feeds::Item> items,
                     int width, int height, const PhotoSource& photos) {
  SlideDeck deck;
  deck.width = width;
  deck.height = height;
  for (size_t i = 0; i < items.size(); ++i) {
    const bool photo = photos && !items[i].image.empty() && !items[i].alert && photos.has(items[i]);
    std::vector<Slide> slides = items[i].alert
                                    ? std::vector<Slide>{slide_template.alert_slide(items[i], i, items.size(), width, height)}
                                    : slide_template.slides(items[i], i, items.size(), width, height, photo);
    for (Slide& slide : slides) {
      render::rasterize_glyphs(slide.scene, rasterizer);
      deck.slides.push_back(std::move(slide));
    }
  }
  deck.items = std::move(items);
  return deck;
}

std::shared_ptr<const render::RgbaImage> slide_photo(const SlideDeck& deck, size_t index, const PhotoSource& photos) {
  if (index >= deck.slides.size() || !photos) return nullptr;
  const Slide& slide = deck.slides[index];
  if (!slide.photo) return nullptr;
  const auto decoded = photos.decode(deck.items[slide.item], slide.photo->width, slide.photo->height);
  if (!decoded) return nullptr;
  auto scaled = std::make_shared<const render::RgbaImage>(render::scale_to_cover(*decoded, slide.photo->width, slide.photo->height));
  return scaled->empty() ? nullptr : std::move(scaled);
}

BandKey band_key(const SlideDeck& deck, const Slide& slide) {
  const feeds::Item& item = deck.items[slide.item];
  return {slide.language, slide.direction, item.source, item.source_logo};
}

Bands build_bands(SlideTemplate& slide_template, render::GlyphRasterizer& rasterizer, const SlideDeck& deck,
                  feeds::Time minute, std::optional<feeds::Time> last_updated, bool clock, const LogoSource& logos) {
  Bands bands{minute, {}};
  for (const Slide& slide : deck.slides) {
    if (!slide.band) continue;
    BandKey key = band_key(deck, slide);
    if (std::ranges::any_of(bands.scenes, [&](const auto& band) { return band.first == key; })) continue;
    const bool with_logo = slide_template.theme().feed_logo && logos && !key.logo.empty();
    const auto logo = with_logo ? logos(key.logo) : nullptr;
    render::Scene scene = slide_template.band(minute, key.source, key.language, key.direction, deck.width, deck.height,
                                               last_updated, clock, logo.get());
    render::rasterize_glyphs(scene, rasterizer);
    bands.scenes.emplace_back(std::move(key), std::move(scene));
  }
  return bands;
}

}  // namespace lafita::kiosk
