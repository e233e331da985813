// Only the current and next slide's photos stay in memory (issue 13): decks hold photos'
// places, the slide preparer decodes only the photos asked for, the compositor keeps those
// of two slides, and a whole rotation never has more than two scaled photos alive. Photos
// are counted through the shared pointers the source and the preparer hand out (weak
// pointers that expire when the last holder lets go): no timing, no sleeps; the preparer
// is waited for on its `ready` calls.
#include "kiosk/player/compositor.hpp"
#include "kiosk/player/slide_preparer.hpp"
#include "kiosk/slides/show.hpp"
#include "preparer_handover.hpp"

#include <SDL2/SDL.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lafita::kiosk {
namespace {

using test::Handover;

render::RgbaImage filled(int width, int height, uint8_t r, uint8_t g, uint8_t b) {
  render::RgbaImage image{width, height, std::vector<uint8_t>(size_t(width) * size_t(height) * 4)};
  for (size_t i = 0; i < image.pixels.size(); i += 4) {
    image.pixels[i] = r, image.pixels[i + 1] = g, image.pixels[i + 2] = b, image.pixels[i + 3] = 255;
  }
  return image;
}

// A PhotoSource that decodes nothing: every item has a photo, and decoding gives a small
// picture, counted per item; each decoded picture is watched until it is let go.
struct CountingPhotos {
  std::mutex mutex;  // decode runs on the preparer's thread
  std::map<std::string, int> decoded;
  std::vector<std::weak_ptr<const render::RgbaImage>> pictures;

  PhotoSource source() {
    PhotoSource photos;
    photos.has = [](const feeds::Item&) { return true; };
    photos.decode = [this](const feeds::Item& item, int, int) {
      auto picture = std::make_shared<const render::RgbaImage>(filled(60, 40, 200, 30, 30));
      std::lock_guard lock(mutex);
      ++decoded[item.id];
      pictures.push_back(picture);
      return picture;
    };
    return photos;
  }
  int decodes() {
    std::lock_guard lock(mutex);
    int total = 0;
    for (const auto& [item, count] : decoded) total += count;
    return total;
  }
  size_t alive() {
    std::lock_guard lock(mutex);
    return size_t(std::ranges::count_if(pictures, [](const auto& picture) { return !picture.expired(); }));
  }
};

std::vector<feeds::Item> photo_items(int count) {
  std::vector<feeds::Item> items;
  for (int i = 0; i < count; ++i) {
    feeds::Item item;
    item.id = "item-" + std::to_string(i);
    item.language = "en";
    item.title = "Item " + std::to_string(i);
    item.body = "A short body.";
    item.image = "photo-" + std::to_string(i) + ".jpg";
    items.push_back(std::move(item));
  }
  return items;
}

Show photo_show(int items, CountingPhotos& photos) {
  std::vector<std::string> warnings;
  Show show = make_show(ShowOptions{}, photo_items(items), warnings);
  show.photos = photos.source();
  return show;
}

const feeds::Time kMinute = minute_of(feeds::Time(std::chrono::seconds(1728898200)));

struct Sdl {
  Sdl() {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
  }
  ~Sdl() { SDL_Quit(); }
};

// A deck made by hand: `count` one-page slides of a blue background, each with a photo's
// place at (8, 8), 16 × 16.
std::shared_ptr<const SlideDeck> hand_made_deck(size_t count) {
  auto deck = std::make_shared<SlideDeck>();
  deck->width = 64, deck->height = 48;
  deck->items = photo_items(int(count));
  for (size_t i = 0; i < count; ++i) {
    Slide slide{i, 0, 1, render::Direction::ltr, "en", std::chrono::seconds(8), {}, false, render::PixelRect{8, 8, 16, 16}};
    slide.scene.width = 64, slide.scene.height = 48;
    slide.scene.background = {0, 0, 255, 255};
    deck->slides.push_back(std::move(slide));
  }
  return deck;
}

// The red channel of the output's pixel (x, y) (ABGR8888: red is the first byte).
uint8_t red_at(SDL_Surface* surface, int x, int y) {
  return static_cast<const uint8_t*>(surface->pixels)[y * surface->pitch + x * 4];
}

// A compositor drawing into a 64 x 48 surface with SDL's software renderer, showing
// hand_made_deck(4), with the photos of slides 0 and 1 wanted.
struct SmallScreen {
  Sdl sdl;
  render::SurfacePtr surface{SDL_CreateRGBSurfaceWithFormat(0, 64, 48, 32, SDL_PIXELFORMAT_ABGR8888)};
  render::RendererPtr renderer{SDL_CreateSoftwareRenderer(surface.get())};
  Compositor compositor{renderer.get()};
  SmallScreen() {
    REQUIRE(renderer);
    compositor.fit({64, 48});
    compositor.show(hand_made_deck(4));
    compositor.want_photos(0, 1);
  }
};

}  // namespace

TEST_SUITE("photos") {
  TEST_CASE("the slide preparer decodes no photo for a deck, and then only the photos asked for") {
    CountingPhotos photos;
    Handover handover;
    SlidePreparer preparer(photo_show(5, photos), handover.ready());
    preparer.prepare_deck(640, 360, kMinute);
    const auto decks = handover.take(preparer, 1);
    REQUIRE(decks.size() == 1);
    REQUIRE(decks[0].deck);
    const SlideDeck& deck = *decks[0].deck;
    REQUIRE(deck.slides.size() == 5);
    for (const Slide& slide : deck.slides) {
      CHECK(slide.photo);
      CHECK(slide.scene.images.empty());
    }
    CHECK(photos.decodes() == 0);

    preparer.prepare_photos(decks[0].generation, {1, 2});
    const auto asked = handover.take(preparer, 2);
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].generation == decks[0].generation);
    REQUIRE(asked[0].photos.size() == 2);
    for (const auto& [slide, photo] : asked[0].photos) {
      REQUIRE(photo);
      CHECK(photo->width == deck.slides[slide].photo->width);  // scaled to its place
      CHECK(photo->height == deck.slides[slide].photo->height);
    }
    CHECK(asked[0].photos[0].first == 1);
    CHECK(asked[0].photos[1].first == 2);
    CHECK(photos.decoded == std::map<std::string, int>{{"item-1", 1}, {"item-2", 1}});
    CHECK(photos.alive() == 0);  // the decoded pictures are let go once scaled

    // Asked for an older or unknown deck: dropped, nothing decoded, nothing handed over.
    preparer.prepare_photos(decks[0].generation + 7, {0});
    preparer.prepare_photos(decks[0].generation, {4});
    const auto later = handover.take(preparer, 3);
    REQUIRE(later.size() == 1);
    REQUIRE(later[0].photos.size() == 1);
    CHECK(later[0].photos[0].first == 4);
    CHECK(photos.decoded == std::map<std::string, int>{{"item-1", 1}, {"item-2", 1}, {"item-4", 1}});
  }

  TEST_CASE("the compositor keeps the photos of the current and the next slide until they are composed, and composes a slide again with its photo") {
    SmallScreen screen;
    Compositor& compositor = screen.compositor;
    SDL_Surface* surface = screen.surface.get();
    CHECK(compositor.missing_photos() == std::vector<size_t>{0, 1});

    REQUIRE(compositor.draw(Frame{0, std::nullopt, 0, Transition::cut}));
    CHECK(red_at(surface, 12, 12) == 0);  // composed before its photo came: the background
    auto first = std::make_shared<const render::RgbaImage>(filled(16, 16, 255, 0, 0));
    std::weak_ptr<const render::RgbaImage> first_held = first;
    CHECK(compositor.add_photo(0, std::move(first)));  // slide 0 must be composed again
    CHECK(!first_held.expired());
    REQUIRE(compositor.draw(Frame{0, std::nullopt, 0, Transition::cut}));
    CHECK(red_at(surface, 12, 12) == 255);
    CHECK(red_at(surface, 40, 40) == 0);
    CHECK(first_held.expired());  // in slide 0's texture now: its pixels are let go
    CHECK(compositor.missing_photos() == std::vector<size_t>{1});

    auto other = std::make_shared<const render::RgbaImage>(filled(16, 16, 255, 0, 0));
    std::weak_ptr<const render::RgbaImage> other_held = other;
    CHECK(!compositor.add_photo(2, std::move(other)));  // not the current or the next: dropped
    CHECK(other_held.expired());
    CHECK(!compositor.add_photo(1, std::make_shared<const render::RgbaImage>(filled(16, 16, 0, 255, 0))));
    CHECK(compositor.photo_count() == 1);  // slide 1's, not composed yet
    CHECK(compositor.missing_photos().empty());

    compositor.forget_textures();  // the renderer lost its targets: slide 0's photo is wanted again
    CHECK(compositor.missing_photos() == std::vector<size_t>{0});
    CHECK(compositor.add_photo(0, std::make_shared<const render::RgbaImage>(filled(16, 16, 255, 0, 0))) == false);
    REQUIRE(compositor.draw(Frame{0, std::nullopt, 0, Transition::cut}));
    CHECK(red_at(surface, 12, 12) == 255);

    compositor.want_photos(1, 2);  // slide 1 on screen now: slide 0's place is forgotten
    CHECK(compositor.photo_count() == 1);
    CHECK(compositor.missing_photos() == std::vector<size_t>{2});
  }

  TEST_CASE("the next slide is composed ahead only once its photo has come, or is known not to be had") {
    SmallScreen screen;
    Compositor& compositor = screen.compositor;
    SDL_Surface* surface = screen.surface.get();
    CHECK(compositor.add_photo(0, std::make_shared<const render::RgbaImage>(filled(16, 16, 255, 0, 0))) == false);
    CHECK_FALSE(compositor.prepare(0, 1));  // slide 1's photo is awaited: only slide 0 is composed
    // Slide 1 had not been composed: its photo does not make it be composed again.
    CHECK_FALSE(compositor.add_photo(1, std::make_shared<const render::RgbaImage>(filled(16, 16, 255, 0, 0))));
    CHECK(compositor.prepare(0, 1));
    CHECK(compositor.photo_count() == 0);  // both composed, both let go

    compositor.want_photos(1, 2);
    CHECK(compositor.missing_photos() == std::vector<size_t>{2});
    CHECK_FALSE(compositor.prepare(1, 2));
    CHECK_FALSE(compositor.add_photo(2, nullptr));  // the preparer could not have it
    CHECK(compositor.missing_photos().empty());     // not asked for again
    CHECK(compositor.prepare(1, 2));                // composed without it
    REQUIRE(compositor.draw(Frame{2, std::nullopt, 0, Transition::cut}));
    CHECK(red_at(surface, 12, 12) == 0);  // its place shows the background

    compositor.want_photos(2, 3);  // a slide asked of a compositor that does not wait: composed at once
    compositor.want_photos(2, std::nullopt);
    CHECK(compositor.prepare(2, 3));
  }

  TEST_CASE("a rotation through a deck of photo items holds a scaled photo only until it is composed") {
    Sdl sdl;
    render::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ABGR8888));
    render::RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    REQUIRE(renderer);
    Compositor compositor(renderer.get());
    const SDL_Point size = compositor.fit({640, 360});
    CountingPhotos photos;
    Handover handover;
    SlidePreparer preparer(photo_show(6, photos), handover.ready());
    preparer.prepare_deck(size.x, size.y, kMinute);
    int calls = 1;
    auto decks = handover.take(preparer, calls);
    REQUIRE(decks.size() == 1);
    compositor.show(decks[0].deck);
    compositor.show(decks[0].bands);
    const size_t count = decks[0].deck->slides.size();
    REQUIRE(count == 6);

    std::vector<std::weak_ptr<const render::RgbaImage>> scaled;  // every photo handed over
    const auto alive = [&] { return std::ranges::count_if(scaled, [](const auto& photo) { return !photo.expired(); }); };
    // As the player does: at each slide, ask for the photos of it and the next the
    // compositor lacks, hand them over, draw the slide and its transition to the next.
    for (size_t step = 0; step < 2 * count; ++step) {
      const size_t current = step % count, next = (current + 1) % count;
      CAPTURE(step);
      compositor.want_photos(current, next);
      // The slide gone by is let go before the next photo is decoded: one full screen, not two.
      CHECK(compositor.composed_count() == (step == 0 ? 0 : 1));
      if (const auto missing = compositor.missing_photos(); !missing.empty()) {
        CHECK(missing.size() == (step == 0 ? 2 : 1));  // the next slide's only, once rotating
        preparer.prepare_photos(decks[0].generation, missing);
        for (const Prepared& prepared : handover.take(preparer, ++calls)) {
          for (const auto& [slide, photo] : prepared.photos) {
            scaled.push_back(photo);
            compositor.add_photo(slide, photo);
          }
        }
      }
      CHECK(compositor.missing_photos().empty());
      REQUIRE(compositor.draw(Frame{current, std::nullopt, 0, Transition::cut}));
      REQUIRE(compositor.draw(Frame{current, next, 0.5f, Transition::slide}));
      CHECK(compositor.composed_count() == 2);
      CHECK(alive() == 0);         // both slides composed: their photos are in the textures
      // The glyph atlas lives only while composing.
      CHECK(compositor.scenes().atlas().page_count() == 0);
      CHECK(photos.alive() == 0);  // no decoded photo kept either
    }
    CHECK(compositor.scenes().atlas().largest_texture_bytes() > 0);  // it had pages while composing
    CHECK(photos.decodes() == int(2 * count + 1));  // each slide's photo once a turn, the first two at the start
  }
}

}  // namespace lafita::kiosk
