#include "kiosk/slides/slide_template.hpp"

#include "base/utf8.hpp"
#include "fonts/font_error.hpp"
#include "kiosk/slides/item_link.hpp"
#include "kiosk/slides/slide_geometry.hpp"
#include "kiosk/slides/slide_text.hpp"
#include "render/draw/photo_scaler.hpp"
#include "render/draw/qr_code.hpp"
#include "render/text/bidi.hpp"
#include "render/text/unicode_text.hpp"

#include <unicode/uloc.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace lafita::kiosk {

int SlideTemplate::band_height(int width, int height) { return static_cast<int>(std::round(0.085 * std::min(width, height))); }

render::Direction item_direction(const feeds::Item& item) {
  if (!item.language.empty()) {
    return uloc_isRightToLeft(item.language.c_str()) ? render::Direction::rtl : render::Direction::ltr;
  }
  render::BidiParagraph bidi;
  render::resolve_bidi(lafita::decode_utf8(item.title + "\n" + item.body).substr(0, 200), render::BaseDirection::automatic,
                       bidi);
  return bidi.direction;
}

SlideTemplate::SlideTemplate(fonts::FontLibrary& library, Theme theme, SlideSettings settings,
                             std::vector<std::string>& warnings)
    : library_(library), theme_(std::move(theme)), settings_(std::move(settings)) {
  auto load = [&](const std::vector<std::string>& specs, std::vector<const fonts::Face*>& faces) {
    for (const std::string& spec : specs) {
      try {
        faces.push_back(&library_.face(spec));
      } catch (const fonts::FontError& e) {
        warnings.push_back(e.what());
      }
    }
    if (faces.empty()) faces.push_back(&library_.face("sans-serif"));
  };
  load(theme_.text_fonts, text_faces_);
  load(theme_.title_fonts, title_faces_);
}

fonts::FontStack SlideTemplate::stack(const std::vector<const fonts::Face*>& faces, float size) {
  std::vector<const fonts::Font*> fonts;
  for (const fonts::Face* face : faces) fonts.push_back(&library_.font(*face, size));
  return fonts::FontStack(std::move(fonts));
}

render::ParagraphLayout SlideTemplate::lay_out(std::u32string_view text, const std::vector<const fonts::Face*>& faces,
                                               float size, float line_height, render::Direction direction,
                                               const std::string& language, float width, render::Align align,
                                               render::Wrap wrap) {
  const fonts::FontStack fonts = stack(faces, size);
  const render::TextStyle style{&fonts, line_height, align,
                                direction == render::Direction::rtl ? render::BaseDirection::rtl : render::BaseDirection::ltr,
                                language, wrap, align == render::Align::justify && theme_.justify == Justify::kashida};
  return layouter_.layout(text, style, width);
}

// Cut word by word until it is one line, ending with "…" when cut (only "…" is left of
// a single word too long for the line).
render::ParagraphLayout SlideTemplate::shortened(std::u32string text, const std::vector<const fonts::Face*>& faces,
                                                 float size, float line_height, render::Direction direction,
                                                 const std::string& language, float width) {
  bool cut = text.ends_with(U"\u2026");
  if (cut) text.pop_back();
  for (;;) {
    auto layout = lay_out(cut ? text + U"\u2026" : text, faces, size, line_height, direction, language, width);
    if (layout.lines.size() <= 1 || text.empty()) return layout;
    const size_t space = text.find_last_of(U' ');
    text.resize(space == std::u32string::npos ? 0 : space);
    cut = true;
  }
}

const DateFormatter& SlideTemplate::formatter(const std::string& language) {
  const std::string dates = dates_language(language, settings_.locale);
  auto found = formatters_.find(dates);
  if (found == formatters_.end()) found = formatters_.emplace(dates, DateFormatter(dates, settings_.numerals)).first;
  return found->second;
}

namespace {

float body_height(const std::vector<render::ParagraphLayout>& paragraphs, float spacing) {
  float total = 0;
  for (const auto& paragraph : paragraphs) total += paragraph.height;
  return total + spacing * static_cast<float>(paragraphs.empty() ? 0 : paragraphs.size() - 1);
}

// Lines [first, last) of a body paragraph, `y` below the top of the body box.
struct BodyPiece {
  size_t paragraph;
  size_t first, last;
  float y;
};

// Cuts the body into pages of lines: a paragraph goes on where the last one ended, or on
// the next page from the line that does not fit. A line taller than the box goes alone.
std::vector<std::vector<BodyPiece>> paginate(const std::vector<render::ParagraphLayout>& body, float spacing, float box) {
  std::vector<std::vector<BodyPiece>> pages(1);
  float y = 0;
  for (size_t p = 0; p < body.size(); ++p) {
    const auto& lines = body[p].lines;
    if (y > 0) y += spacing;
    for (size_t first = 0; first < lines.size();) {
      size_t last = first;
      float used = 0;
      while (last < lines.size() && y + used + lines[last].height <= box) used += lines[last++].height;
      if (last == first && y > 0) {  // nothing more fits here: a new page
        pages.emplace_back();
        y = 0;
        continue;
      }
      if (last == first) used = lines[last++].height;
      pages.back().push_back({p, first, last, y});
      y += used;
      first = last;
    }
  }
  return pages;
}

}  // namespace

// An item's QR code on its slides: a light card in the footer's end corner, the caption at
// its top and the code in its quiet zone below, every edge on a whole pixel.
struct SlideTemplate::Code {
  render::QrMatrix matrix;
  int module;               // pixels a module side
  int x, y, width, height;  // the card; the code with its quiet zone is its bottom width × width
  render::Scene::Text caption;
};

// What every step of one item's slides shares.
struct SlideTemplate::ItemContext {
  const feeds::Item& item;
  Geometry g;
  render::Direction direction;
  std::string language;
  const DateFormatter& dates;
  float column;                   // the width of the text column: title, meta line
  float text_x;                   // its left edge
  float top;                      // where the title begins
  std::optional<render::PixelRect> photo;  // the photo's box
  float body_x, body_width;       // the body's box across: the column, less room for the code
  std::optional<Code> code;       // none: no link, or no room

  bool rtl() const { return direction == render::Direction::rtl; }
};

// Landscape: a column of 40% of the content's width, from below the band to above the
// footer, on the side where reading ends. Portrait: the content's width, 28% of the height,
// under the band.
render::PixelRect SlideTemplate::photo_box(int width, int height, render::Direction direction) {
  const Geometry g(width, height, Theme{});
  const float top = g.band + g.gap * 1.3f;
  if (height > width) {
    return {int(g.margin), int(top), int(g.content_width()), int(std::round(0.28f * g.height))};
  }
  const int photo_width = int(std::round(0.4f * g.content_width()));
  const int x = direction == render::Direction::rtl ? int(g.margin) : int(g.width - g.margin) - photo_width;
  return {x, int(top), photo_width, int(std::round(g.height - g.footer - g.gap * 0.3f - top))};
}

// The text column beside (or under) the photo, and the photo's box; with no photo, the
// whole content width, as before photos.
SlideTemplate::ItemContext SlideTemplate::context(const feeds::Item& item, int width, int height, bool photo) {
  const Geometry g(width, height, theme_);
  const render::Direction direction = item_direction(item);
  const std::string language = item.language.empty() ? (direction == render::Direction::rtl ? "ar" : "en") : item.language;
  ItemContext c{item, g, direction, language, formatter(language), g.content_width(), g.margin, g.band + g.gap * 1.3f,
                {},   g.margin, g.content_width(), {}};
  c.code = place_code(c);
  if (!photo) return c;
  render::PixelRect box = photo_box(width, height, direction);
  const bool portrait = height > width;
  if (c.code && !portrait) {  // the photo ends above the code's card, which shares its side
    box.height = std::min(box.height, static_cast<int>(std::floor(static_cast<float>(c.code->y) - g.gap)) - box.y);
    if (box.height < box.width / 4) return c;  // no room for a photo worth showing
  }
  if (box.width <= 0 || box.height <= 0) return c;  // a photo scaled to it would be empty
  c.photo = box;
  if (portrait) {
    c.top = float(box.y + box.height) + g.gap;
    return c;
  }
  const float gap = std::round(g.gap * 1.5f);
  c.column = c.body_width = g.content_width() - float(box.width) - gap;
  if (c.rtl()) c.text_x = c.body_x = float(box.x + box.width) + gap;
  return c;
}

// The top of every page of an item: title, meta line and rule, and where the body goes.
struct SlideTemplate::Top {
  render::Scene scene;
  std::u32string title, meta;
  float body_top, box;  // the body's box: its top and its height
};

// The body's paragraphs laid out at one size, cut into pages.
struct SlideTemplate::Body {
  std::vector<std::u32string> paragraphs;  // the non-empty ones
  float size = 0;
  std::vector<render::ParagraphLayout> layouts;  // one per paragraph, at `size`
  std::vector<std::vector<BodyPiece>> pages;
  std::optional<render::Scene::Text> ending;  // the last line of the last page, with "…"
};

std::vector<Slide> SlideTemplate::slides(const feeds::Item& item, size_t position, size_t count, int width, int height,
                                         bool photo) {
  ItemContext c = context(item, width, height, photo);
  Top top = compose_top(c);
  make_room_for_code(c, top);
  Body body = fit_body(c, top.box);
  cut_with_ellipsis(c, top.body_top, body);
  std::vector<Slide> slides;
  for (int page = 0; page < static_cast<int>(body.pages.size()); ++page) {
    slides.push_back(compose_page(c, top, body, page, position, count));
  }
  return slides;
}

SlideTemplate::Top SlideTemplate::compose_top(const ItemContext& c) {
  const Geometry& g = c.g;
  Top top{{}, one_paragraph(c.item.title), meta_line(c.dates, c.item), 0, 0};
  top.scene.width = static_cast<int>(g.width);
  top.scene.height = static_cast<int>(g.height);
  top.scene.background = theme_.background;
  float y = c.top;
  if (!top.title.empty()) {  // the largest size at which the title takes two lines at most
    render::ParagraphLayout layout;
    for (float size = g.title_max; size >= g.title_min; size -= 2) {
      layout = lay_out(top.title, title_faces_, size, Leading::title, c.direction, c.language, c.column,
                       render::Align::start, render::Wrap::balance);
      if (layout.lines.size() <= 2) break;
    }
    top.scene.texts.push_back({std::move(layout), c.text_x, y, theme_.text});
    y += top.scene.texts.back().layout.height + g.gap * 0.3f;
  }
  if (!top.meta.empty()) {
    top.scene.texts.push_back(
        {lay_out(top.meta, text_faces_, g.meta, Leading::small, c.direction, c.language, c.column), c.text_x, y, theme_.accent});
    y += top.scene.texts.back().layout.height;
  }
  const float rule_width = std::round(0.124f * g.unit);
  const float rule_x = c.rtl() ? c.text_x + c.column - rule_width : c.text_x;
  top.scene.rects.push_back({rule_x, y + g.gap * 0.5f, rule_width, std::max(3.0f, std::round(0.004f * g.unit)), theme_.accent});
  top.body_top = y + g.gap * 1.3f;
  const float body_bottom = g.height - g.footer - g.gap * 0.3f;
  top.box = std::max(body_bottom - top.body_top, g.body_min * Leading::one_line);
  return top;
}

std::vector<render::ParagraphLayout> SlideTemplate::lay_out_body(const ItemContext& c,
                                                                  const std::vector<std::u32string>& paragraphs,
                                                                  float size) {
  std::vector<render::ParagraphLayout> layouts;
  for (const auto& paragraph : paragraphs) {
    const render::Align align = theme_.justify == Justify::none ? render::Align::start : render::Align::justify;
    layouts.push_back(lay_out(paragraph, text_faces_, size, Leading::body, c.direction, c.language, c.body_width, align,
                              render::Wrap::pretty));
  }
  return layouts;
}

// The largest whole size in [low, high] at which `fits(size, layouts)` holds, knowing it
// holds at `low` with `body.layouts`: a binary search, as a larger size never fits better.
// `fits` lays the body out at `size` into `layouts`; `body` ends at the size found.
template <typename Fits>
void SlideTemplate::grow_while_it_fits(Body& body, float high, Fits&& fits) {
  while (high > body.size) {
    const float middle = std::floor((body.size + high + 1) / 2);
    std::vector<render::ParagraphLayout> attempt;
    if (fits(middle, attempt)) {
      body.size = middle;
      body.layouts = std::move(attempt);
    } else {
      high = middle - 1;
    }
  }
}

// The body at the largest size at which it fits the box; else on as few pages as at the
// smallest size, at the largest size that needs no more of them (it reads better from
// across a hall than the smallest with half-empty pages), filled evenly.
SlideTemplate::Body SlideTemplate::fit_body(const ItemContext& c, float box) {
  const Geometry& g = c.g;
  Body body;
  const std::u32string text = lafita::decode_utf8(c.item.body);  // split_paragraphs gives views into it
  for (std::u32string_view paragraph : render::split_paragraphs(text)) {
    if (count_words(paragraph) > 0) body.paragraphs.emplace_back(paragraph);
  }
  body.size = g.body_min;
  body.layouts = lay_out_body(c, body.paragraphs, body.size);
  const auto gap = [](float size) { return size * Leading::paragraph_gap; };
  if (body_height(body.layouts, gap(body.size)) <= box) {
    grow_while_it_fits(body, g.body_max, [&](float size, std::vector<render::ParagraphLayout>& layouts) {
      layouts = lay_out_body(c, body.paragraphs, size);
      return body_height(layouts, gap(size)) <= box;
    });
  }
  body.pages = paginate(body.layouts, gap(body.size), box);
  const auto max_pages = static_cast<size_t>(std::max(1, settings_.max_pages));
  if (body.pages.size() > 1 && body.pages.size() <= max_pages) {
    const size_t page_count = body.pages.size();
    grow_while_it_fits(body, g.body_max, [&](float size, std::vector<render::ParagraphLayout>& layouts) {
      layouts = lay_out_body(c, body.paragraphs, size);
      return paginate(layouts, gap(size), box).size() <= page_count;
    });
    body.pages = paginate(body.layouts, gap(body.size), box);
  }
  if (body.pages.size() > 1) {  // as many pages, filled evenly rather than full and then nearly empty
    const float even = body_height(body.layouts, gap(body.size)) / static_cast<float>(body.pages.size()) +
                       body.size * Leading::one_line;
    auto balanced = paginate(body.layouts, gap(body.size), std::min(box, even));
    if (balanced.size() == body.pages.size()) body.pages = std::move(balanced);
  }
  return body;
}

// More pages than an item may have: the last one kept ends with its last line cut and "…".
void SlideTemplate::cut_with_ellipsis(const ItemContext& c, float body_top, Body& body) {
  const auto max_pages = static_cast<size_t>(std::max(1, settings_.max_pages));
  if (body.pages.size() <= max_pages) return;
  body.pages.resize(max_pages);
  BodyPiece& piece = body.pages.back().back();
  const render::ParagraphLayout& paragraph = body.layouts[piece.paragraph];
  const render::Line& line = paragraph.lines[piece.last - 1];
  const float line_y = piece.y + line.top - paragraph.lines[piece.first].top;
  const std::u32string text = body.paragraphs[piece.paragraph].substr(line.start, line.end - line.start);
  body.ending = render::Scene::Text{
      shortened(text + U"\u2026", text_faces_, body.size, Leading::body, c.direction, c.language, c.body_width), c.body_x,
      body_top + line_y, theme_.text};
  if (--piece.last == piece.first) body.pages.back().pop_back();
}

// One page: the top, its body lines, the footer (source, page number, the rotation's
// progress), the QR code, and a dwell for the words on it.
Slide SlideTemplate::compose_page(const ItemContext& c, const Top& top, const Body& body, int page, size_t position,
                                  size_t count) {
  const int page_count = static_cast<int>(body.pages.size());
  Slide slide{position, page, page_count, c.direction, c.language, {}, top.scene, true, std::nullopt};
  size_t words = count_words(top.title) + count_words(top.meta);
  for (const BodyPiece& piece : body.pages[static_cast<size_t>(page)]) {
    const render::ParagraphLayout& paragraph = body.layouts[piece.paragraph];
    const uint32_t from = paragraph.lines[piece.first].start, to = paragraph.lines[piece.last - 1].end;
    words += count_words(std::u32string_view(body.paragraphs[piece.paragraph]).substr(from, to - from));
    slide.scene.texts.push_back(
        {render::slice_lines(paragraph, piece.first, piece.last), c.body_x, top.body_top + piece.y, theme_.text});
  }
  if (body.ending && page == page_count - 1) slide.scene.texts.push_back(*body.ending);
  add_footer(c, slide.scene, page, page_count, position, count);
  if (c.code) add_code(*c.code, slide.scene);
  slide.photo = c.photo;
  const auto reading = std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(words) * settings_.seconds_per_word * 1000));
  slide.dwell = std::clamp(reading, settings_.min_dwell, settings_.max_dwell);
  return slide;
}

void SlideTemplate::add_footer(const ItemContext& c, render::Scene& scene, int page, int page_count, size_t position,
                               size_t count) {
  const Geometry& g = c.g;
  const float footer_y = g.height - g.footer + (g.footer - g.progress - g.footer_text * Leading::small) / 2;
  // The source at the start and the page number at the end of the row the code leaves.
  const float code_room = c.code ? static_cast<float>(c.code->width) + g.gap : 0;
  // The footer spans the photo's side too.
  const float row = g.content_width() - code_room, row_x = c.rtl() ? g.margin + code_room : g.margin;
  const std::u32string source = isolated(c.item.source);
  if (!source.empty()) {
    scene.texts.push_back({lay_out(source, text_faces_, g.footer_text, Leading::small, c.direction, c.language, row * 0.7f),
                           c.rtl() ? row_x + row * 0.3f : row_x, footer_y, theme_.muted});
  }
  if (page_count > 1) {
    const std::u32string number = page_number(c.dates, page + 1, page_count);
    scene.texts.push_back({lay_out(number, text_faces_, g.footer_text, Leading::small, c.direction, c.language, row * 0.25f,
                                   render::Align::end),
                           c.rtl() ? row_x : row_x + row * 0.75f, footer_y, theme_.muted});
  }
  // The rotation's progress: a bar along the bottom, filled from the side reading starts.
  const float done = g.width * static_cast<float>(position + 1) / static_cast<float>(std::max<size_t>(count, 1));
  scene.rects.push_back({0, g.height - g.progress, g.width, g.progress, theme_.track});
  scene.rects.push_back({c.rtl() ? g.width - done : 0, g.height - g.progress, done, g.progress, theme_.band});
}

namespace {

// A QR code is dark on light whatever the theme: many phones' decoders find no inverted
// code, and black on white has the most contrast.
constexpr render::Color kCodeDark{0, 0, 0};
constexpr render::Color kCodeLight{255, 255, 255};

// Pixels a module side: the short side / 160, 7 px at 1080p. A 40" to 55" 1080p screen
// has pixels of 0.46 to 0.63 mm, so a module is 3.2 to 4.4 mm; a phone filming 1920
// pixels across through a 65° lens at 1.5 m sees about 1 mm a camera pixel, so 3 to 4
// pixels a module, where decoders need 2. A long link's code takes smaller modules, down
// to the short side / 270 (4 px at 1080p: read from closer), and is never wider than
// 0.35 of the short side; a code that would need to be is left out.
int preferred_module(float unit) { return std::max(2, static_cast<int>(std::lround(unit / 160))); }
int smallest_module(float unit) { return std::max(2, static_cast<int>(unit / 270)); }
int widest_code(float unit) { return static_cast<int>(0.35f * unit); }

}  // namespace

// The item's QR code placed at the end corner of the footer, where reading ends (bottom
// left for Arabic, bottom right for English), just above the progress bar; nothing when
// codes are off, the item has no link fit for one, or the code would be too dense.
std::optional<SlideTemplate::Code> SlideTemplate::place_code(const ItemContext& c) {
  std::string why;  // the show warns once about a refused link (warn_about_links)
  const auto link = settings_.qr ? qr_link(c.item.link, why) : std::nullopt;
  auto matrix = link ? render::encode_qr(*link) : std::nullopt;
  if (!matrix) return std::nullopt;
  const Geometry& g = c.g;
  int module = preferred_module(g.unit);
  while (module > smallest_module(g.unit) && render::qr_side(*matrix, module) > widest_code(g.unit)) --module;
  const int side = render::qr_side(*matrix, module);
  if (side > widest_code(g.unit)) return std::nullopt;
  const int padding = 2 * module;
  auto caption = shortened(qr_caption(c.language), text_faces_, g.footer_text, Leading::small, c.direction, c.language,
                           static_cast<float>(side - 2 * padding));
  if (caption.lines.empty()) return std::nullopt;
  const int height = padding + static_cast<int>(std::ceil(caption.height)) + side;
  const int x = c.rtl() ? static_cast<int>(std::lround(g.margin)) : static_cast<int>(std::lround(g.width - g.margin)) - side;
  const int y = static_cast<int>(std::lround(g.height - g.progress - std::round(g.gap * 0.3f))) - height;
  const render::Line& line = caption.lines.front();
  const float caption_x = static_cast<float>(x) + (static_cast<float>(side) - line.width) / 2 - line.x;  // centred
  return Code{std::move(*matrix), module, x, y, side, height,
              {std::move(caption), caption_x, static_cast<float>(y + padding), kCodeDark}};
}

// The body's box makes room for the code: narrower beside it or shorter above it,
// whichever leaves the body more area (beside on a landscape screen, above on a portrait
// one). Beside needs the title and meta line to end above the card; with room for neither,
// the code is left out. A landscape photo has made room already: it ends above the card.
void SlideTemplate::make_room_for_code(ItemContext& c, Top& top) const {
  // Beside a photo on a landscape screen the text's column ends before the card's side.
  if (!c.code || (c.photo && c.g.width > c.g.height)) return;
  const Geometry& g = c.g;
  const float card_top = static_cast<float>(c.code->y) - g.gap * 0.5f;  // the card with a clearance
  const float beside = c.column - static_cast<float>(c.code->width) - g.gap;
  const float above = std::min(top.box, card_top - top.body_top);
  const bool fits_beside = top.body_top <= card_top && beside >= 0.4f * c.column;
  const bool fits_above = above >= g.body_min * Leading::one_line;
  if (!fits_beside && !fits_above) {
    c.code.reset();
  } else if (fits_beside && (!fits_above || beside * top.box >= c.column * above)) {
    c.body_width = beside;
    if (c.rtl()) c.body_x = g.margin + c.column - beside;
  } else {
    top.box = above;
  }
}

// The card (light, the caption on it), then the code drawn on whole pixels at its bottom.
void SlideTemplate::add_code(const Code& code, render::Scene& scene) {
  const auto at = [](int pixels) { return static_cast<float>(pixels); };
  scene.rects.push_back({at(code.x), at(code.y), at(code.width), at(code.height), kCodeLight});
  scene.texts.push_back(code.caption);
  render::add_qr(scene, code.matrix, code.x, code.y + code.height - code.width, code.module, kCodeDark, kCodeLight);
}

// A badge "Last updated 13:05" just before the clock, in the accent colour, added after
// the scene's other texts; returns the width it takes, gap included.
float SlideTemplate::add_badge(render::Scene& scene, const Geometry& g, const DateFormatter& dates, feeds::Time updated,
                               feeds::Time now, const std::string& language, render::Direction direction,
                               float clock_width) {
  const float size = std::round(0.022f * g.unit);
  auto layout = lay_out(last_updated_line(dates, updated, now, language), text_faces_, size, Leading::band, direction, language,
                        g.content_width() / 2, render::Align::start);
  if (layout.lines.empty()) return 0;
  const float text_width = layout.lines.front().width;
  const float padding = std::round(size * 0.5f);
  const float box_width = text_width + 2 * padding, box_height = layout.height + padding;
  const float gap = g.margin / 2;
  const bool rtl = direction == render::Direction::rtl;
  const float box_x = rtl ? g.margin + clock_width + gap : g.width - g.margin - clock_width - gap - box_width;
  const float box_y = std::round((g.band - box_height) / 2);
  scene.rects.push_back({box_x, box_y, box_width, box_height, theme_.accent});
  const float text_x = box_x + padding - layout.lines.front().x;
  scene.texts.push_back({std::move(layout), text_x, box_y + padding / 2, theme_.band_text});
  return box_width + gap;
}

// The feed's logo at the start of the band (right in RTL), whole, at most 70% of the band
// high and `width` wide, centred in the band's height; false (nothing added) without one.
bool SlideTemplate::add_logo(render::Scene& scene, const Geometry& g, const render::RgbaImage* logo,
                             render::Direction direction, float width) {
  if (logo == nullptr || logo->empty()) return false;
  auto scaled = std::make_shared<const render::RgbaImage>(
      render::scale_to_fit(*logo, int(width), int(std::round(0.7f * g.band))));
  if (scaled->empty()) return false;
  const int x = direction == render::Direction::rtl ? int(g.width - g.margin) - scaled->width : int(g.margin);
  const int y = int(std::round((g.band - float(scaled->height)) / 2));
  scene.images.push_back({std::move(scaled), x, y});
  return true;
}

render::Scene SlideTemplate::band(feeds::Time now, const std::string& source, const std::string& language,
                                  render::Direction direction, int width, int height,
                                  std::optional<feeds::Time> last_updated, bool show_clock,
                                  const render::RgbaImage* logo) {
  const Geometry g(width, height, theme_);
  render::Scene scene;
  scene.width = width;
  scene.height = static_cast<int>(g.band);
  scene.background = theme_.band;
  const DateFormatter& dates = formatter(language);
  const float size = std::round(0.034f * g.unit);
  const std::u32string name = one_paragraph(settings_.organization.empty() ? source : settings_.organization);
  const std::optional<int> hijri = settings_.hijri ? std::optional(settings_.hijri_adjust) : std::nullopt;
  const std::u32string clock = show_clock ? clock_line(dates, now, hijri) : std::u32string();
  auto clock_layout = lay_out(clock, text_faces_, size, Leading::band, direction, language, g.content_width(), render::Align::end);
  const float clock_width = clock_layout.lines.empty() ? 0 : clock_layout.lines.front().width;
  render::Scene badge;
  const float badge_width =
      last_updated ? add_badge(badge, g, dates, *last_updated, now, language, direction, clock_width) : 0;
  const float name_width = std::max(0.0f, g.content_width() - clock_width - badge_width - g.margin);
  const float clock_y = (g.band - clock_layout.height) / 2;
  if (add_logo(scene, g, logo, direction, name_width)) {
    scene.texts.push_back({std::move(clock_layout), g.margin, clock_y, theme_.band_text});
    std::move(badge.rects.begin(), badge.rects.end(), std::back_inserter(scene.rects));
    std::move(badge.texts.begin(), badge.texts.end(), std::back_inserter(scene.texts));
    return scene;
  }
  auto name_layout = lay_out(name, title_faces_, size, Leading::band, direction, language, name_width);
  if (name_layout.lines.size() > 1) {  // the band holds one line: a long name is made smaller, then shortened
    const float one_line = lay_out(name, title_faces_, size, Leading::band, direction, language, 1e6f).lines.front().width;
    const float smaller = std::max(std::floor(size * name_width / one_line), std::round(0.7f * size));
    name_layout = shortened(name, title_faces_, smaller, Leading::band, direction, language, name_width);
  }
  const float name_x = direction == render::Direction::rtl ? g.width - g.margin - name_width : g.margin;
  const float name_y = (g.band - name_layout.height) / 2;
  scene.texts.push_back({std::move(name_layout), name_x, name_y, theme_.band_text});
  scene.texts.push_back({std::move(clock_layout), g.margin, clock_y, theme_.band_text});
  std::move(badge.rects.begin(), badge.rects.end(), std::back_inserter(scene.rects));
  std::move(badge.texts.begin(), badge.texts.end(), std::back_inserter(scene.texts));
  return scene;
}

}  // namespace lafita::kiosk
