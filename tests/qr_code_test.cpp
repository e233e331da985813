// QR codes to an item's link: which links get one (http and https only, at most 500 bytes,
// nothing hostile), the matrix libqrencode makes (checked against the QR standard's own
// capacity table and finder patterns, not against libqrencode), the code drawn by SDL's
// software renderer on whole pixels inside its quiet zone, and where the slide template
// puts it: the end corner of the footer, the body's box made smaller so no text touches it.
#include "feeds/time_parsing.hpp"
#include "kiosk/slides/item_link.hpp"
#include "kiosk/slides/slide_template.hpp"
#include "render/draw/qr_code.hpp"
#include "render/sdl/scene_renderer.hpp"
#include "render/sdl/sdl_handles.hpp"
#include "template_fixture.hpp"
#include "test_paths.hpp"

#include <SDL2/SDL.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace lafita;
using namespace lafita::kiosk;

namespace {

// ISO/IEC 18004 table 7: the bytes a version holds in byte mode at level M.
constexpr int kBytesAtM[] = {0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560};
constexpr int side_of_version(int version) { return 17 + 4 * version; }

// The smallest version whose byte capacity at level M holds `bytes` (the table's range).
int version_for_bytes(int bytes) {
  int version = 1;
  while (kBytesAtM[version] < bytes) ++version;
  return version;
}

std::optional<std::string> link_or_why(std::string_view link, std::string& why) { return qr_link(link, why); }

// The finder pattern of the standard (a 7 × 7 dark ring, a light ring, a 3 × 3 dark core)
// with its top-left module at (x, y), and its light separator where it faces the code.
void check_finder(const render::QrMatrix& code, int x, int y) {
  for (int row = 0; row < 7; ++row) {
    for (int column = 0; column < 7; ++column) {
      const int ring = std::max(std::abs(row - 3), std::abs(column - 3));  // 3 outer, 2 light, 0-1 core
      CAPTURE(row);
      CAPTURE(column);
      CHECK(code.is_dark(x + column, y + row) == (ring != 2));
    }
  }
}


// Slides of items with links, drawn with the fonts the tests are pinned to.
struct Fixture : test::TemplateFixture {
  std::vector<Slide> slides(const feeds::Item& item, int width, int height) { return make().slides(item, 0, 1, width, height); }
};

feeds::Item linked_item(const std::string& language, int sentences = 2) {
  feeds::Item item;
  item.language = language;
  item.source = language == "ar" ? "بلدية المدينة" : "Town hall";
  item.title = language == "ar" ? "برنامج تدريبي لموظفي البلديات" : "Training for municipal staff";
  for (int i = 0; i < sentences; ++i) {
    item.body += language == "ar" ? "أعلنت المنظمة الدولية للهجرة عن برنامج تدريبي يمتد ستة أشهر ويشمل 12 بلدية. "
                                  : "The programme runs for six months in twelve towns and is open to all staff. ";
  }
  item.start = feeds::parse_iso_time("2024-10-14T10:00:00Z").value().time;
  item.link = "https://www.example.org/iom-municipal-programme";
  return item;
}

// The code as a slide shows it: its light card (the first pure white rectangle: the
// theme has none), the dark modules, and the caption (the one black text).
struct CodeOnSlide {
  const render::Scene::Rect* card = nullptr;
  std::vector<const render::Scene::Rect*> modules;
  const render::Scene::Text* caption = nullptr;
};

bool is(render::Color color, int value) { return color.r == value && color.g == value && color.b == value; }

CodeOnSlide code_on(const Slide& slide) {
  CodeOnSlide code;
  for (const auto& rect : slide.scene.rects) {
    if (is(rect.color, 255) && !code.card) code.card = &rect;
    if (is(rect.color, 0)) code.modules.push_back(&rect);
  }
  for (const auto& text : slide.scene.texts) {
    if (is(text.color, 0)) code.caption = &text;
  }
  return code;
}

bool whole(float value) { return value == std::round(value); }

// Whether any line of `text` reaches into `rect`.
bool touches(const render::Scene::Text& text, const render::Scene::Rect& rect) {
  for (const render::Line& line : text.layout.lines) {
    const float left = text.x + line.x, right = left + line.width, top = text.y + line.top, bottom = top + line.height;
    if (right > rect.x && left < rect.x + rect.width && bottom > rect.y && top < rect.y + rect.height) return true;
  }
  return false;
}

// The card in the end corner above the progress bar; every module a whole-pixel square (or
// run of squares) of `module` pixels at least 4 modules inside the code's square at the
// card's bottom; the caption above that square; no other text on the card.
void check_code(const Slide& slide, int module, float margin) {
  const CodeOnSlide code = code_on(slide);
  REQUIRE(code.card != nullptr);
  REQUIRE(code.caption != nullptr);
  REQUIRE_FALSE(code.modules.empty());
  const render::Scene::Rect& card = *code.card;
  const bool rtl = slide.direction == render::Direction::rtl;
  CHECK((rtl ? card.x : static_cast<float>(slide.scene.width) - card.x - card.width) == std::round(margin));
  CHECK(card.y + card.height < static_cast<float>(slide.scene.height) - 4);  // above the progress bar
  CHECK(card.y > static_cast<float>(slide.scene.height) / 2);
  const float quiet = static_cast<float>(4 * module), square_top = card.y + card.height - card.width;
  for (const auto* m : code.modules) {
    CHECK((whole(m->x) && whole(m->y) && whole(m->width) && whole(m->height)));
    CHECK(m->height == static_cast<float>(module));
    CHECK(std::fmod(m->width, static_cast<float>(module)) == 0);
    CHECK(m->x >= card.x + quiet);
    CHECK(m->x + m->width <= card.x + card.width - quiet);
    CHECK(m->y >= square_top + quiet);
    CHECK(m->y + m->height <= card.y + card.height - quiet);
  }
  CHECK(code.caption->y >= card.y);
  CHECK(code.caption->y + code.caption->layout.height <= square_top);
  for (const auto& text : slide.scene.texts) {
    if (&text != code.caption) CHECK_FALSE(touches(text, card));
  }
}

}  // namespace

TEST_SUITE("qr") {
  TEST_CASE("only http and https links of at most 500 bytes with a host and no space or control get a code") {
    std::string why;
    CHECK(link_or_why("https://www.example.org/iom", why) == "https://www.example.org/iom");
    CHECK(link_or_why("HTTP://Example.org/A?b=1#c", why) == "HTTP://Example.org/A?b=1#c");
    const std::string longest = "https://example.org/" + std::string(kMaxQrLinkBytes - 20, 'a');
    REQUIRE(longest.size() == 500);
    CHECK(link_or_why(longest, why) == longest);
    const std::pair<std::string, std::string> refused[] = {
        {"javascript:alert(document.cookie)", "not an http:// or https:// link"},
        {"JAVASCRIPT:alert(1)//https://x.org", "not an http:// or https:// link"},
        {"mailto:council@example.org", "not an http:// or https:// link"},
        {"ftp://example.org/file", "not an http:// or https:// link"},
        {"/relative/path", "not an http:// or https:// link"},
        {"https:/example.org", "not an http:// or https:// link"},
        {"", "not an http:// or https:// link"},
        {longest + "a", "longer than 500 bytes (501)"},
        {"https://example.org/" + std::string(100000, 'x'), "longer than 500 bytes (100020)"},
        {"https://example.org/a b", "holds a space or a control character"},
        {"https://example.org/\x1b[2J", "holds a space or a control character"},
        {"https://example.org/\x7f", "holds a space or a control character"},
        {std::string("https://example.org/\0x", 21), "holds a space or a control character"},
        {"https://", "has no host"},
        {"https:///etc/passwd", "has no host"},
    };
    for (const auto& link : refused) {  // no structured binding: clang 14 cannot capture one
      CAPTURE(link.first.substr(0, 60));
      why.clear();
      CHECK_FALSE(link_or_why(link.first, why).has_value());
      CHECK(why == link.second);
    }
  }

  TEST_CASE("a link's matrix has the version the standard's capacity table gives, and its finder patterns") {
    const std::string link = "https://www.example.org/iom-municipal-programme";  // 47 bytes, no upper case or digits
    const auto code = render::encode_qr(link);
    REQUIRE(code.has_value());
    CHECK(code->version == version_for_bytes(47));
    CHECK(code->version == 4);
    CHECK(code->size == side_of_version(4));
    CHECK(code->dark.size() == 33u * 33u);
    check_finder(*code, 0, 0);
    check_finder(*code, code->size - 7, 0);
    check_finder(*code, 0, code->size - 7);
    // 500 bytes of lower-case letters: byte mode throughout, version 17 (504 bytes).
    const auto longest = render::encode_qr("https://example.org/" + std::string(480, 'q'));
    REQUIRE(longest.has_value());
    CHECK(longest->version == version_for_bytes(500));
    CHECK(longest->version == 17);
    CHECK(longest->size == side_of_version(17));
  }

  TEST_CASE("text no version holds, or holding a NUL, gives no matrix") {
    CHECK_FALSE(render::encode_qr(std::string(3000, 'x')).has_value());  // version 40-M holds 2,331 bytes
    CHECK_FALSE(render::encode_qr(std::string("https://a.org/\0b", 16)).has_value());
    CHECK_FALSE(render::encode_qr("").has_value());
  }

  TEST_CASE("SDL's software renderer draws every module as a whole square of pixels inside a 4-module quiet zone") {
    const auto code = render::encode_qr("https://www.example.org/iom-municipal-programme");
    REQUIRE(code.has_value());
    constexpr int kModule = 3, kX = 5, kY = 7;
    render::Scene scene;
    scene.width = scene.height = 2 * kX + render::qr_side(*code, kModule);
    scene.background = {200, 30, 30};
    render::add_qr(scene, *code, kX, kY, kModule, {0, 0, 0}, {255, 255, 255});
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
    {
      render::SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, scene.width, scene.height, 32, SDL_PIXELFORMAT_ABGR8888));
      render::RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
      REQUIRE(renderer);
      render::SceneRenderer drawer(renderer.get());
      REQUIRE(drawer.compose(scene, nullptr));
      const auto pixel = [&](int x, int y) {  // red channel: 0 dark, 255 light, 200 the background
        return static_cast<const uint8_t*>(surface->pixels)[y * surface->pitch + x * 4];
      };
      constexpr int q = 4;  // the standard's quiet zone, in modules
    const int modules = code->size + 2 * q;
    CHECK(render::qr_side(*code, kModule) == modules * kModule);
      int wrong = 0;
      for (int y = 0; y < scene.height; ++y) {
        for (int x = 0; x < scene.width; ++x) {
          const int mx = (x - kX) / kModule, my = (y - kY) / kModule;  // module, quiet zone included
          const bool inside = x >= kX && y >= kY && mx < modules && my < modules;
          const bool in_code = inside && mx >= q && my >= q && mx < q + code->size && my < q + code->size;
          const int expected = !inside ? 200 : in_code && code->is_dark(mx - q, my - q) ? 0 : 255;
          if (pixel(x, y) != expected) ++wrong;
        }
      }
      CHECK(wrong == 0);
    }
    SDL_Quit();
  }
  TEST_CASE("a slide shows the code in the end corner of the footer, 7-pixel modules at 1080p, no text on it") {
    Fixture fixture;
    for (const std::string language : {"ar", "en"}) {
      CAPTURE(language);
      for (const auto& [width, height] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        const int across = width;  // clang 14 cannot capture a structured binding
        CAPTURE(across);
        const auto slides = fixture.slides(linked_item(language), width, height);
        REQUIRE(slides.size() == 1);
        check_code(slides.front(), 7, 0.045f * static_cast<float>(width));
      }
    }
  }

  TEST_CASE("the body's box shrinks: narrower beside the code on a landscape screen, shorter above it on a portrait one") {
    Fixture fixture;
    for (const std::string language : {"ar", "en"}) {
      CAPTURE(language);
      // A body cut after the last allowed page: every page full down to the footer.
      for (const auto& [width, height] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        const int across = width;  // clang 14 cannot capture a structured binding
        CAPTURE(across);
        const auto slides = fixture.slides(linked_item(language, 200), width, height);
        REQUIRE(slides.size() == 4);
        for (const Slide& slide : slides) {
          CAPTURE(slide.page);
          check_code(slide, 7, 0.045f * static_cast<float>(width));
          const render::Scene::Rect& card = *code_on(slide).card;
          const auto& texts = slide.scene.texts;
          float body_bottom = 0;  // texts: title, meta line, body..., source, page number, caption
          for (size_t i = 2; i + 3 < texts.size(); ++i) body_bottom = std::max(body_bottom, texts[i].y + texts[i].layout.height);
          if (width > height) {
            CHECK(body_bottom > card.y + card.height / 2);  // beside the card
          } else {
            CHECK(body_bottom <= card.y);  // above it
          }
        }
      }
    }
  }

  TEST_CASE("a 500-byte link takes smaller modules; no code when off, for a hostile link, or too dense for the screen") {
    Fixture fixture;
    feeds::Item item = linked_item("en");
    item.link = "https://example.org/" + std::string(480, 'q');
    check_code(fixture.slides(item, 1920, 1080).front(), 4, 0.045f * 1920);
    CHECK(code_on(fixture.slides(item, 640, 360).front()).card == nullptr);  // 93 modules of 2 px: wider than 0.35 × 360
    for (const std::string link : {"javascript:alert(1)", "https://example.org/\x1b]8;;", "ftp://example.org/x", ""}) {
      item.link = link;
      CHECK(code_on(fixture.slides(item, 1920, 1080).front()).card == nullptr);
    }
    fixture.settings.qr = false;
    CHECK(code_on(fixture.slides(linked_item("ar"), 1920, 1080).front()).card == nullptr);
  }

  TEST_CASE("the caption is in the item's language") {
    CHECK(qr_caption("ar") == U"النص الكامل");
    CHECK(qr_caption("ar-TN") == U"النص الكامل");
    CHECK(qr_caption("fr") == U"Texte intégral");
    CHECK(qr_caption("en") == U"Full text");
    CHECK(qr_caption("") == U"Full text");
  }
}
