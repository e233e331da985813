#pragma once

#include "feeds/item.hpp"
#include "fonts/font_library.hpp"
#include "kiosk/config/show_options.hpp"
#include "kiosk/slides/slide_deck.hpp"
#include "kiosk/slides/slide_template.hpp"
#include "render/draw/glyph_rasterizer.hpp"

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lafita::kiosk {

// Everything slides are made from: the items, the fonts, the template, the rasteriser.
// Made on the main thread at start-up (so that bad input stops it there, with a message),
// then used by one thread only: the slide preparer's, or the caller's for snapshots.
struct Show {
  std::vector<feeds::Item> items;
  std::optional<feeds::Time> last_updated;  // shown as a badge when set: every feed is failing
  bool clock = true;                        // false: the bands show no date and time
  std::unique_ptr<fonts::FontLibrary> library;
  std::unique_ptr<SlideTemplate> slide_template;
  std::unique_ptr<render::GlyphRasterizer> rasterizer;
  PhotoSource photos;  // items' photos, and feeds' logos; empty: slides without photos
  std::map<std::string, std::shared_ptr<const render::RgbaImage>> logos;  // decoded once; null: not to be had

  SlideDeck deck(int width, int height) {
    std::erase_if(logos, [](const auto& logo) { return !logo.second; });  // new content: a logo may be kept now
    return build_deck(*slide_template, *rasterizer, items, width, height, photos);
  }
  Bands bands(const SlideDeck& deck, feeds::Time minute) {
    return build_bands(*slide_template, *rasterizer, deck, minute, last_updated, clock,
                       [this](const std::string& address) { return logo(address); });
  }
  // The decoded logo at `address` from `photos`, once per show: bands are made every minute,
  // and a logo that cannot be had is logged once.
  std::shared_ptr<const render::RgbaImage> logo(const std::string& address);
};

// Loads the feeds once (or the sample) and the fonts, sets the time zone. Warnings (a
// feed's bad fields, a font not installed) go to `warnings`, one line each. Throws
// UsageError or feeds::FeedError for what makes a show impossible: an unreadable feed, no
// items.
Show open_show(const ShowOptions& options, std::vector<std::string>& warnings);
// A show of `items` (the player's, which come from a FeedUpdater): fonts and template.
Show make_show(const ShowOptions& options, std::vector<feeds::Item> items, std::vector<std::string>& warnings);
// The same, writing the warnings to `log` as "lafita: warning: ..." lines.
Show open_show(const ShowOptions& options, std::ostream& log);

// The minute `time` falls in (its seconds dropped): what the header clock shows.
feeds::Time minute_of(feeds::Time time);

}  // namespace lafita::kiosk
