#pragma once

#include "feeds/item.hpp"
#include "kiosk/slides/slide_template.hpp"
#include "render/draw/glyph_rasterizer.hpp"

#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace lafita::kiosk {

// Every slide of a playlist on one screen size, laid out and rasterised: what the slide
// preparer hands to the main thread, which only composes and shows it. Immutable once built.
struct SlideDeck {
  int width = 0;
  int height = 0;
  std::vector<feeds::Item> items;
  std::vector<Slide> slides;  // item by item, page by page
};

// Items' photos, in two steps: whether an item has a photo that can be shown (`has`:
// its header read, nothing decoded; what a deck is laid out with), and the photo decoded
// (`decode`: null when it cannot be had), asked only for the slides about to be shown. A
// decoded photo covers the box it is asked for (width x height; 0 x 0: full size) and may
// be larger, never smaller unless the photo is: JPEGs are shrunk while decoding.
// Either says why in its log when the photo cannot be had. Called on the thread that
// builds decks (the slide preparer's, or a snapshot's).
struct PhotoSource {
  std::function<bool(const feeds::Item&)> has;
  std::function<std::shared_ptr<const render::RgbaImage>(const feeds::Item&, int width, int height)> decode;
  explicit operator bool() const { return has && decode; }
};

// Lays out and rasterises the slides of `items` in rotation order, with room for the
// photos `photos` says they have (none when empty): their places, not their pixels. An
// alert is one slide of its own design (SlideTemplate::alert_slide).
SlideDeck build_deck(SlideTemplate& slide_template, render::GlyphRasterizer& rasterizer, std::vector<feeds::Item> items,
                     int width, int height, const PhotoSource& photos = {});

// The photo of slide `index` of `deck`, decoded by `photos` and scaled to cover its place
// (Slide::photo); null when the slide has none or it cannot be had. About the place's
// width · height · 4 bytes, plus the decoded photo while this runs. Any thread.
std::shared_ptr<const render::RgbaImage> slide_photo(const SlideDeck& deck, size_t index, const PhotoSource& photos);

// Which header band a slide shows: the band depends on the language, the direction and
// the source of the slide's item.
struct BandKey {
  std::string language;
  render::Direction direction;
  std::string source;
  std::string logo;  // the address of its feed's logo; empty when none
  auto operator<=>(const BandKey&) const = default;
};
BandKey band_key(const SlideDeck& deck, const Slide& slide);

// The header bands of a deck for one minute, rasterised (none for slides without one).
struct Bands {
  feeds::Time minute;
  std::vector<std::pair<BandKey, render::Scene>> scenes;
};
// `last_updated`: when set, each band carries a badge saying content is from then;
// without `clock`, the bands show no date and time. `logos` gives a feed's decoded logo
// by its address (null: the name shows), asked only when the theme shows feed logos.
using LogoSource = std::function<std::shared_ptr<const render::RgbaImage>(const std::string& address)>;
Bands build_bands(SlideTemplate& slide_template, render::GlyphRasterizer& rasterizer, const SlideDeck& deck,
                  feeds::Time minute, std::optional<feeds::Time> last_updated = std::nullopt, bool clock = true,
                  const LogoSource& logos = {});

}  // namespace lafita::kiosk
