#include "kiosk/player/slide_preparer.hpp"

#include <algorithm>

namespace lafita::kiosk {

SlidePreparer::SlidePreparer(Show show, std::function<void()> ready)
    : show_(std::move(show)), ready_(std::move(ready)), worker_([this] { run(); }) {}

SlidePreparer::~SlidePreparer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  worker_.join();
}

void SlidePreparer::prepare_deck(int width, int height, feeds::Time minute) {
  {
    std::lock_guard lock(mutex_);
    width_ = width, height_ = height;
    // New items not yet laid out are laid out at the new size.
    auto items = deck_request_ ? std::move(deck_request_->items) : std::nullopt;
    const bool urgent = deck_request_ && deck_request_->urgent;
    deck_request_ = DeckRequest{width, height, minute, std::move(items), urgent};
    band_requests_.clear();  // they were for the old deck; the new one comes with its bands
    photo_requests_.clear();
  }
  wake_.notify_one();
}

void SlidePreparer::prepare_bands(feeds::Time minute) {
  {
    std::lock_guard lock(mutex_);
    if (std::ranges::find(band_requests_, minute) == band_requests_.end()) band_requests_.push_back(minute);
  }
  wake_.notify_one();
}

void SlidePreparer::prepare_content(std::vector<feeds::Item> items, feeds::Time minute, bool urgent) {
  {
    std::lock_guard lock(mutex_);
    // Content that replaces urgent content not yet laid out is as urgent.
    urgent = urgent || (deck_request_ && deck_request_->urgent);
    deck_request_ = DeckRequest{width_, height_, minute, std::move(items), urgent};
    band_requests_.clear();
    photo_requests_.clear();
  }
  wake_.notify_one();
}

void SlidePreparer::prepare_photos(uint64_t generation, std::vector<size_t> slides) {
  {
    std::lock_guard lock(mutex_);
    photo_requests_.push_back({generation, std::move(slides)});
  }
  wake_.notify_one();
}

void SlidePreparer::set_last_updated(std::optional<feeds::Time> last_updated) {
  std::lock_guard lock(mutex_);
  last_updated_ = last_updated;
}

void SlidePreparer::set_clock(bool shown) {
  std::lock_guard lock(mutex_);
  clock_ = shown;
}

std::vector<Prepared> SlidePreparer::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(done_, {});
}

// The worker: one request at a time, a new deck first (bands need the deck, and photos
// asked for an older one are not wanted), then photos (the slide coming next waits for
// them), then bands; the lock never held while working. A failure (memory, most likely)
// is handed over as a message: the screen keeps what it shows.
void SlidePreparer::run() {
  std::shared_ptr<const SlideDeck> deck;
  uint64_t generation = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] {
      return stopping_ || deck_request_ || !photo_requests_.empty() || (deck && !band_requests_.empty());
    });
    if (stopping_) return;
    if (!deck_request_ && !photo_requests_.empty()) {
      PhotoRequest request = std::move(photo_requests_.front());
      photo_requests_.erase(photo_requests_.begin());
      if (!deck || request.generation != generation) continue;  // for an older deck
      lock.unlock();
      Prepared prepared = prepare_photos_now(*deck, generation, request.slides);
      lock.lock();
      hand_over(std::move(prepared), lock);
      continue;
    }
    std::optional<DeckRequest> deck_request = std::exchange(deck_request_, std::nullopt);
    feeds::Time minute = deck_request ? deck_request->minute : band_requests_.front();
    if (!deck_request) band_requests_.erase(band_requests_.begin());
    show_.last_updated = last_updated_;
    show_.clock = clock_;
    lock.unlock();
    Prepared prepared;
    try {
      if (deck_request && deck_request->items) {
        show_.items = std::move(*deck_request->items);
        prepared.new_content = true;
        prepared.urgent = deck_request->urgent;
      }
      if (deck_request) {
        deck = std::make_shared<const SlideDeck>(show_.deck(deck_request->width, deck_request->height));
        prepared.deck = deck;
        ++generation;
        failed_items_.clear();
      }
      prepared.generation = generation;
      prepared.bands = std::make_shared<const Bands>(show_.bands(*deck, minute));
    } catch (const std::exception& e) {
      prepared.generation = generation;
      prepared.error = std::string("preparing slides failed: ") + e.what();
    }
    lock.lock();
    hand_over(std::move(prepared), lock);
  }
}

// With the lock held; returns with it held, after waking the main thread without it.
void SlidePreparer::hand_over(Prepared prepared, std::unique_lock<std::mutex>& lock) {
  done_.push_back(std::move(prepared));
  lock.unlock();
  ready_();
  lock.lock();
}

// Without the lock: the deck is immutable, show_ and failed_items_ are the worker's. Pages
// of one item share its photo (one place for all of them); a photo that cannot be had is
// not read again for this deck (its log line was written once).
Prepared SlidePreparer::prepare_photos_now(const SlideDeck& deck, uint64_t generation, const std::vector<size_t>& slides) {
  Prepared prepared;
  prepared.generation = generation;
  try {
    for (const size_t slide : slides) {
      if (slide >= deck.slides.size()) continue;
      const size_t item = deck.slides[slide].item;
      std::shared_ptr<const render::RgbaImage> photo;
      for (const auto& [done, shared] : prepared.photos) {
        if (deck.slides[done].item == item) photo = shared;
      }
      if (!photo && std::ranges::find(failed_items_, item) == failed_items_.end()) {
        photo = slide_photo(deck, slide, show_.photos);
        if (!photo) failed_items_.push_back(item);
      }
      prepared.photos.emplace_back(slide, std::move(photo));
    }
  } catch (const std::exception& e) {
    prepared.error = std::string("preparing photos failed: ") + e.what();
  }
  return prepared;
}

}  // namespace lafita::kiosk
