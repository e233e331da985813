#pragma once

#include "feeds/feed_cache.hpp"
#include "kiosk/slides/slide_deck.hpp"

#include <iosfwd>

namespace lafita::kiosk {

// Which photos a loader may read itself.
enum class PhotoReach {
  files,       // files only (file names and file:// addresses, from feeds that are files)
  everything,  // files, and http(s) fetched at once on the calling thread (snapshots)
  cached,      // files, and http(s) from the feed cache, where the updater keeps them (the player)
};

// A PhotoSource that reads each item's photo (feeds::fetch: the fetcher's TLS, timeouts and
// size checks, at most ImageLimits' 10 MiB; with `cached`, a network photo's copy in
// `cache`, never the network) on the calling thread (the slide preparer's, or a
// snapshot's). `has` reads it and checks its header (render::check_image: what is too
// large or not a picture is refused); `decode` reads it again and decodes it with
// render::decode_photo (a JPEG shrunk to what covers the box asked for). Nothing is kept between the two: a deck knows its photos' places,
// and pixels are decoded only for the slides about to be shown (with `everything`, a
// network photo is fetched for each). A photo that cannot be had is one warning line on
// `log` naming the item and the address (redacted), and the item shows without it. `log`
// must outlive the source and may be written from the thread that builds decks.
PhotoSource photo_loader(std::ostream& log, PhotoReach reach, std::shared_ptr<const feeds::FeedCache> cache = nullptr);

}  // namespace lafita::kiosk
