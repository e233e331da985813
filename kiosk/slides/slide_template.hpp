#pragma once

#include "feeds/item.hpp"
#include "fonts/font_library.hpp"
#include "kiosk/config/slide_settings.hpp"
#include "kiosk/slides/date_formatter.hpp"
#include "render/draw/scene.hpp"
#include "render/text/text_layouter.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lafita::kiosk {

// One page of one item, ready to be rasterised and shown.
struct Slide {
  size_t item;  // index in the items given
  int page;     // from 0
  int pages;
  render::Direction direction;  // of the item's text: the template's mirroring and the slide-in side
  std::string language;
  std::chrono::milliseconds dwell;
  render::Scene scene;  // the header band is not in it: see SlideTemplate::band
  bool band = true;     // the header band is drawn over it (not over an alert, which fills the screen)
  // Where the item's photo goes, scaled to cover this box (render::scale_to_cover); none:
  // no photo. The pixels are not in the scene: only the slides on screen and coming next
  // need them (the compositor holds those), so a deck of many photos stays small.
  std::optional<render::PixelRect> photo;
};

// Turns items into slides of one design: a header band with the organisation and the
// date and time, the title, a meta line (when, where), the body at the largest size that
// fits its box or continued over pages at the smallest, and a footer with the source, the
// page number and the rotation's progress, and a QR code to the item's http(s) link in the
// footer's end corner (settings.qr). Right-to-left items get the design mirrored.
// An item with a photo has it beside the text on the side where reading ends (left of
// Arabic, right of English), above the QR code's card when there is one, or above the
// text on a portrait screen, cropped to its box around its centre; the text is fitted in
// what remains.
// Values put into template text are wrapped in FSI … PDI, so that bidi never reorders them.
// Owns no fonts: the library must outlive it. Not thread-safe: one thread prepares slides.
class SlideTemplate {
 public:
  // Loads the theme's fonts. A font that cannot be loaded is reported in `warnings` (one
  // line each) and left out; a role left with none uses fontconfig's "sans-serif".
  SlideTemplate(fonts::FontLibrary& library, Theme theme, SlideSettings settings, std::vector<std::string>& warnings);

  // The slides of one item on a width × height screen; `position` of `count` places the
  // item in the rotation for the progress bar. With `photo` (the item has one that can be
  // shown) the slides make room for it and say where it goes (Slide::photo); its pixels
  // are never needed here.
  std::vector<Slide> slides(const feeds::Item& item, size_t position, size_t count, int width, int height,
                            bool photo = false);

  // Where an item's photo goes on a width × height screen for text in `direction`.
  static render::PixelRect photo_box(int width, int height, render::Direction direction);

  // The one slide of an emergency alert (an item whose `alert` is set), `position` of
  // `count` alerts: the whole screen, no header band (alert_slide.cpp).
  Slide alert_slide(const feeds::Item& item, size_t position, size_t count, int width, int height);

  // The header band drawn over every slide of a direction and language: the organisation
  // (or `source`) at the start, the date and time of `now` at the end. width × band height.
  // With `last_updated`, a badge before the clock says when the content was last updated.
  // Without `clock` (the system's clock is not synchronised yet) no date or time shows.
  render::Scene band(feeds::Time now, const std::string& source, const std::string& language,
                     render::Direction direction, int width, int height,
                     std::optional<feeds::Time> last_updated = std::nullopt, bool clock = true,
                     const render::RgbaImage* logo = nullptr);

  // With `logo` (decoded, any size; [theme] logo = "feed"), band() shows it, whole and as
  // large as fits 70% of the band's height, where the name would be, instead of the name.
  const Theme& theme() const { return theme_; }

  // Height of the header band on a width × height screen.
  static int band_height(int width, int height);

 private:
  struct Geometry;
  struct ItemContext;
  struct Top;
  struct Body;
  struct AlertContext;
  float add_alert_band(const AlertContext& c, render::Scene& scene);
  float add_alert_headline(const AlertContext& c, render::Scene& scene, float top, float bottom);
  void add_alert_text(const AlertContext& c, render::Scene& scene, float top, float bottom);
  void add_alert_footer(const AlertContext& c, render::Scene& scene, size_t position, size_t count);
  struct Code;
  std::optional<Code> place_code(const ItemContext& c);
  void make_room_for_code(ItemContext& c, Top& top) const;
  ItemContext context(const feeds::Item& item, int width, int height, bool photo);
  Top compose_top(const ItemContext& c);
  Body fit_body(const ItemContext& c, float box);
  template <typename Fits>
  void grow_while_it_fits(Body& body, float high, Fits&& fits);
  std::vector<render::ParagraphLayout> lay_out_body(const ItemContext& c, const std::vector<std::u32string>& paragraphs,
                                                    float size);
  void cut_with_ellipsis(const ItemContext& c, float body_top, Body& body);
  Slide compose_page(const ItemContext& c, const Top& top, const Body& body, int page, size_t position, size_t count);
  void add_footer(const ItemContext& c, render::Scene& scene, int page, int page_count, size_t position, size_t count);
  static void add_code(const Code& code, render::Scene& scene);
  fonts::FontStack stack(const std::vector<const fonts::Face*>& faces, float size);
  render::ParagraphLayout lay_out(std::u32string_view text, const std::vector<const fonts::Face*>& faces, float size,
                                  float line_height, render::Direction direction, const std::string& language,
                                  float width, render::Align align = render::Align::start,
                                  render::Wrap wrap = render::Wrap::greedy);
  render::ParagraphLayout shortened(std::u32string text, const std::vector<const fonts::Face*>& faces, float size,
                                    float line_height, render::Direction direction, const std::string& language,
                                    float width);
  const DateFormatter& formatter(const std::string& language);
  bool add_logo(render::Scene& scene, const Geometry& g, const render::RgbaImage* logo, render::Direction direction,
                float width);
  float add_badge(render::Scene& scene, const Geometry& g, const DateFormatter& dates, feeds::Time updated,
                  feeds::Time now, const std::string& language, render::Direction direction, float clock_width);

  fonts::FontLibrary& library_;
  Theme theme_;
  SlideSettings settings_;
  std::vector<const fonts::Face*> text_faces_;
  std::vector<const fonts::Face*> title_faces_;
  render::TextLayouter layouter_;
  std::map<std::string, DateFormatter> formatters_;
};

// The direction of an item's text: its language's, else its first strong letter's.
render::Direction item_direction(const feeds::Item& item);

}  // namespace lafita::kiosk
