// The slide template with a photo: the photo on the side where reading ends (left of an
// Arabic item, right of an English one) or above the text on a portrait screen, its place
// given with the slide (the pixels come later, for the slides on screen); every text
// block of the item beside or under it, none overlapping it; the footer still the
// screen's width. Expected places are worked out from the design's proportions (40 % of
// the content width, 28 % of a portrait screen's height).
#include "kiosk/slides/slide_template.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace lafita;
using namespace lafita::kiosk;

namespace {

feeds::Item item_in(const std::string& language) {
  feeds::Item item;
  item.language = language;
  item.source = language == "ar" ? "بلدية المدينة" : "Town hall";
  item.title = language == "ar" ? "افتتاح قاعة البلدية بعد الترميم" : "The town hall reopens after its restoration";
  std::string sentence = language == "ar" ? "افتتحت البلدية قاعتها الكبرى بعد عامين من الترميم. "
                                          : "The municipality reopened its great hall after two years of work. ";
  for (int i = 0; i < 6; ++i) item.body += sentence;
  return item;
}

render::RgbaImage grey_photo(int width, int height) {
  return {width, height, std::vector<uint8_t>(size_t(width) * size_t(height) * 4, 128)};
}

struct Fixture {
  fonts::FontLibrary library;
  std::vector<std::string> warnings;
  Theme theme;
  Fixture() { theme.text_fonts = theme.title_fonts = {test::naskh(), test::noto_sans()}; }
  std::vector<Slide> slides(const feeds::Item& item, int width, int height, bool photo) {
    SlideTemplate slide_template(library, theme, SlideSettings{}, warnings);
    return slide_template.slides(item, 0, 1, width, height, photo);
  }
};

// The horizontal extent of every line of a text block on the slide.
std::pair<float, float> extent(const render::Scene::Text& text) {
  float left = 1e9f, right = -1e9f;
  for (const render::Line& line : text.layout.lines) {
    left = std::min(left, text.x + line.x);
    right = std::max(right, text.x + line.x + line.width);
  }
  return {left, right};
}

// The item's own blocks (not the footer's): those above the footer.
bool above_footer(const render::Scene::Text& text, int width, int height) {
  return text.y + text.layout.height <= float(height) - std::round(0.075f * float(std::min(width, height)));
}

TEST_SUITE("photos") {
  TEST_CASE("[theme] logo = \"feed\": the feed's logo, whole, replaces the name at the start of the band") {
    Fixture fixture;
    fixture.theme.feed_logo = true;
    SlideTemplate slide_template(fixture.library, fixture.theme, SlideSettings{}, fixture.warnings);
    const render::RgbaImage logo = grey_photo(400, 100);  // 4:1
    const auto now = feeds::Time(std::chrono::seconds(1728898200));
    const int band = SlideTemplate::band_height(1280, 720);
    const float margin = std::round(0.045f * 1280);
    for (const auto direction : {render::Direction::rtl, render::Direction::ltr}) {
      const render::Scene scene = slide_template.band(now, "Town hall", "ar", direction, 1280, 720, std::nullopt, true, &logo);
      REQUIRE(scene.images.size() == 1);
      const render::Scene::Image& image = scene.images.front();
      CHECK(image.pixels->height == int(std::round(0.7f * band)));
      CHECK(image.pixels->width == 4 * image.pixels->height);  // whole: its proportions kept
      CHECK(image.x == (direction == render::Direction::rtl ? int(1280 - margin) - image.pixels->width : int(margin)));
      CHECK(image.y >= 0);
      CHECK(image.y + image.pixels->height <= band);
      CHECK(scene.texts.size() == 1);  // the clock; no name
    }
    const render::Scene named = slide_template.band(now, "Town hall", "ar", render::Direction::rtl, 1280, 720);
    CHECK(named.images.empty());
    CHECK(named.texts.size() == 2);  // the name and the clock
  }

  TEST_CASE("landscape: the photo where reading ends, the text beside it, the footer the screen's width") {
    Fixture fixture;
    const float margin = std::round(0.045f * 1280), content = 1280 - 2 * margin;
    for (const std::string language : {"ar", "en"}) {
      CAPTURE(language);
      const auto slides = fixture.slides(item_in(language), 1280, 720, true);
      REQUIRE(!slides.empty());
      for (const Slide& slide : slides) {
        CHECK(slide.scene.images.empty());  // its pixels are not in the deck
        REQUIRE(slide.photo);
        const render::PixelRect& image = *slide.photo;
        const int width = image.width;
        CHECK(width == int(std::round(0.4f * content)));
        CHECK(image.x == (language == "ar" ? int(margin) : int(1280 - margin) - width));  // left of Arabic, right of English
        CHECK(image.height > 0);
        size_t beside = 0;
        for (const auto& text : slide.scene.texts) {
          if (!above_footer(text, 1280, 720) || text.layout.lines.empty()) continue;
          const auto [left, right] = extent(text);
          CHECK((language == "ar" ? left >= float(image.x + width) : right <= float(image.x)));
          ++beside;
        }
        CHECK(beside >= 2);  // title and body at least
      }
    }
  }

  TEST_CASE("portrait: the photo on top across the content width, every text block under it") {
    Fixture fixture;
    const auto slides = fixture.slides(item_in("ar"), 720, 1280, true);
    REQUIRE(!slides.empty());
    REQUIRE(slides.front().photo);
    const render::PixelRect& image = *slides.front().photo;
    CHECK(image.width == int(720 - 2 * std::round(0.045f * 720)));
    CHECK(image.height == int(std::round(0.28f * 1280)));
    for (const auto& text : slides.front().scene.texts) CHECK(text.y >= float(image.y + image.height));
  }

  TEST_CASE("no photo: no picture, no place, and the text keeps the whole width") {
    Fixture fixture;
    const auto without = fixture.slides(item_in("en"), 1280, 720, false);
    const auto with = fixture.slides(item_in("en"), 1280, 720, true);
    REQUIRE(!without.empty());
    for (const Slide& slide : without) {
      CHECK(slide.scene.images.empty());
      CHECK(!slide.photo);
    }
    REQUIRE(with.front().photo);
    CHECK(with.front().scene.texts.front().x == without.front().scene.texts.front().x);  // English: the photo is at the right
    const render::Scene::Text& title = without.front().scene.texts.front();
    CHECK(title.x == std::round(0.045f * 1280));
  }
}

}  // namespace

TEST_SUITE("photos") {
  TEST_CASE("a photo and a QR code on the same side: the photo ends above the code's card, nothing overlaps") {
    Fixture fixture;
    for (const std::string language : {"ar", "en"}) {
      for (const auto& [width, height] : {std::pair{1280, 720}, std::pair{720, 1280}}) {
        CAPTURE(language);
        CAPTURE(width);
        feeds::Item item = item_in(language);
        item.link = "https://baladiya.example/news/hall";
        const auto slides = fixture.slides(item, width, height, true);
        REQUIRE(slides.size() == 1);
        const render::Scene& scene = slides.front().scene;
        REQUIRE(slides.front().photo);
        const render::PixelRect& image = *slides.front().photo;
        const float image_bottom = float(image.y + image.height);
        // The card: the light rectangle behind the code's caption, in the bottom corner.
        const auto card = std::find_if(scene.rects.begin(), scene.rects.end(), [&](const render::Scene::Rect& rect) {
          return rect.color == render::Color{255, 255, 255} && rect.y > float(height) / 2;
        });
        REQUIRE(card != scene.rects.end());
        const bool side_by_side = card->x < float(image.x + image.width) && card->x + card->width > float(image.x);
        if (side_by_side) CHECK(image_bottom <= card->y);
        // No text of the item over the photo or the card.
        for (const auto& text : scene.texts) {
          if (!above_footer(text, width, height) || text.color == render::Color{0, 0, 0}) continue;  // the code's caption, on its card
          const auto [left, right] = extent(text);
          const bool beside_photo = right <= float(image.x) || left >= float(image.x + image.width) ||
                                    text.y >= image_bottom || text.y + text.layout.height <= float(image.y);
          CHECK(beside_photo);
          const bool clear_of_card = right <= card->x || left >= card->x + card->width || text.y + text.layout.height <= card->y;
          CHECK(clear_of_card);
        }
      }
    }
  }
}
