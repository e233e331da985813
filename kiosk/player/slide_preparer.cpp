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

// The worker: one request at a time, a new deck before bands (bands need the deck), the
// lock never held while working. A failure (memory, most likely) is handed over as a
// message: the screen keeps what it shows.
void SlidePreparer::run() {
  std::shared_ptr<const SlideDeck> deck;
  uint64_t generation = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || deck_request_ || (deck && !band_requests_.empty()); });
    if (stopping_) return;
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
      }
      prepared.generation = generation;
      prepared.bands = std::make_shared<const Bands>(show_.bands(*deck, minute));
    } catch (const std::exception& e) {
      prepared.generation = generation;
      prepared.error = std::string("preparing slides failed: ") + e.what();
    }
    lock.lock();
    done_.push_back(std::move(prepared));
    lock.unlock();
    ready_();
    lock.lock();
  }
}

}  // namespace lafita::kiosk
