#pragma once

#include "kiosk/slides/show.hpp"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace lafita::kiosk {

// What the preparer hands over: a deck, and the header bands made for it; or the photos of
// slides of a deck.
struct Prepared {
  uint64_t generation = 0;  // of the deck: bands and photos from an older deck are not for this one
  std::shared_ptr<const SlideDeck> deck;  // null when only bands or photos are new
  std::shared_ptr<const Bands> bands;
  // Slides' photos scaled to their places (slide_photo), for the slides asked for; null
  // for a slide whose photo cannot be had.
  std::vector<std::pair<size_t, std::shared_ptr<const render::RgbaImage>>> photos;
  bool new_content = false;  // the deck shows new items, not the old ones at a new size
  bool urgent = false;       // new content to show at once, not at the end of the slide (alerts)
  std::string error;  // why nothing was made, when preparing failed
};

// Lays out and rasterises slides on a worker thread, ahead of when they are shown: a deck
// whenever the screen size changes, header bands for each minute, the next minute's before
// it begins, and the photos of the slides about to be shown, decoded and scaled. It owns the Show; the main thread only asks and takes finished, immutable
// results, and is woken by `ready` (called on the worker thread: it must be thread-safe,
// like SDL_PushEvent) whenever there is something to take.
class SlidePreparer {
 public:
  SlidePreparer(Show show, std::function<void()> ready);
  ~SlidePreparer();  // stops the worker; work under way is finished first
  SlidePreparer(const SlidePreparer&) = delete;
  SlidePreparer& operator=(const SlidePreparer&) = delete;

  // Asks for a deck of width × height with bands for `minute`. Replaces a request not yet
  // begun; a deck of an older size still being built is handed over all the same.
  void prepare_deck(int width, int height, feeds::Time minute);
  // Asks for the bands of `minute` for the newest deck.
  void prepare_bands(feeds::Time minute);
  // Asks for a deck of new items at the newest size, with bands for `minute`; `urgent`
  // when it must replace the slide on screen at once (an alert begins, changes or ends).
  void prepare_content(std::vector<feeds::Item> items, feeds::Time minute, bool urgent = false);
  // Asks for the photos of `slides` of the deck of `generation` (the current slide and the
  // next: decks hold no photos' pixels). Dropped when a newer deck has been asked for or
  // made. A photo that could not be had is not tried again for the same deck.
  void prepare_photos(uint64_t generation, std::vector<size_t> slides);
  // Sets the "last updated" badge of bands made from now on (none: no badge).
  void set_last_updated(std::optional<feeds::Time> last_updated);
  // Whether bands made from now on show the date and time.
  void set_clock(bool shown);

  // What is finished, oldest first; empty when nothing is. Main thread.
  std::vector<Prepared> take();

 private:
  struct DeckRequest {
    int width, height;
    feeds::Time minute;
    std::optional<std::vector<feeds::Item>> items;  // new content; none: the same items
    bool urgent = false;
  };
  struct PhotoRequest {
    uint64_t generation;
    std::vector<size_t> slides;
  };
  void run();
  void hand_over(Prepared prepared, std::unique_lock<std::mutex>& lock);
  Prepared prepare_photos_now(const SlideDeck& deck, uint64_t generation, const std::vector<size_t>& slides);

  Show show_;
  std::function<void()> ready_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<DeckRequest> deck_request_;
  int width_ = 0, height_ = 0;  // of the newest deck asked for
  std::optional<feeds::Time> last_updated_;
  bool clock_ = true;
  std::vector<feeds::Time> band_requests_;
  std::vector<PhotoRequest> photo_requests_;  // oldest first
  std::vector<size_t> failed_items_;          // of the newest deck: photos not to be had (the worker's)
  std::vector<Prepared> done_;
  bool stopping_ = false;
  std::thread worker_;  // last: starts when everything it uses exists
};

}  // namespace lafita::kiosk
