// The alert slide: what takes the screen over during an emergency. One page, no header
// band: a band in the severity's colour saying how bad and what, the headline at the
// largest size that fits, what to do (the instruction) before the description, who
// issued it and when. High contrast whatever the theme: light text on near black.
#include "kiosk/slides/slide_geometry.hpp"
#include "kiosk/slides/slide_template.hpp"
#include "kiosk/slides/slide_text.hpp"

#include <algorithm>
#include <cmath>

namespace lafita::kiosk {

namespace {

constexpr render::Color kGround{16, 20, 24};
constexpr render::Color kText{255, 255, 255};
constexpr render::Color kSecondary{206, 212, 218};
constexpr render::Color kBlack{16, 20, 24};

// The band's colours: red for extreme, down to yellow for minor (as warning maps colour
// them), grey when the alert does not say. Text dark on the light ones.
struct SeverityColors {
  render::Color band, text;
};
SeverityColors severity_colors(feeds::Severity severity) {
  switch (severity) {
    case feeds::Severity::extreme: return {{200, 16, 46}, kText};
    case feeds::Severity::severe: return {{232, 93, 4}, kText};
    case feeds::Severity::moderate: return {{250, 176, 5}, kBlack};
    case feeds::Severity::minor: return {{255, 224, 102}, kBlack};
    case feeds::Severity::unknown: break;
  }
  return {{96, 108, 118}, kText};
}

// The largest whole size in [low, high] at which `fits(size)` holds (it holds at `low`,
// or nothing larger would); a larger size never fits better.
template <typename Fits>
float largest_fitting(float low, float high, Fits&& fits) {
  while (high > low) {
    const float middle = std::floor((low + high + 1) / 2);
    if (fits(middle)) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

}  // namespace

// What the alert slide's steps share.
struct SlideTemplate::AlertContext {
  const feeds::Item& item;
  const feeds::Alert& alert;
  Geometry g;
  render::Direction direction;
  std::string language;
  const DateFormatter& dates;
  SeverityColors colors;
  bool rtl() const { return direction == render::Direction::rtl; }
};

Slide SlideTemplate::alert_slide(const feeds::Item& item, size_t position, size_t count, int width, int height) {
  static const feeds::Alert kNone;
  const Geometry g(width, height, theme_);
  const render::Direction direction = item_direction(item);
  const std::string language = item.language.empty() ? (direction == render::Direction::rtl ? "ar" : "en") : item.language;
  const feeds::Alert& alert = item.alert ? *item.alert : kNone;
  const AlertContext c{item, alert, g, direction, language, formatter(language), severity_colors(alert.severity)};
  Slide slide{position, 0, 1, direction, language, {}, {}, false, std::nullopt};
  slide.scene.width = width;
  slide.scene.height = height;
  slide.scene.background = kGround;
  const float footer_top = g.height - g.footer;
  const float band = add_alert_band(c, slide.scene);
  const float top = add_alert_headline(c, slide.scene, band + g.gap * 1.5f, footer_top);
  add_alert_text(c, slide.scene, top + g.gap, footer_top - g.gap);
  add_alert_footer(c, slide.scene, position, count);
  const size_t words = count_words(one_paragraph(item.title)) + count_words(one_paragraph(alert.instruction)) +
                       count_words(one_paragraph(item.body));
  const auto reading = std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(words) * settings_.seconds_per_word * 1000));
  slide.dwell = std::clamp(reading, settings_.min_dwell, settings_.max_dwell);
  return slide;
}

// The band across the top in the severity's colour: how bad and what at the start, when
// it was issued at the end. Returns its height.
float SlideTemplate::add_alert_band(const AlertContext& c, render::Scene& scene) {
  const Geometry& g = c.g;
  const float height = std::round(0.13f * g.unit);
  scene.rects.push_back({0, 0, g.width, height, c.colors.band});
  const std::u32string issued = c.alert.sent ? issued_line(c.dates, *c.alert.sent, c.language) : std::u32string();
  auto issued_layout = lay_out(issued, text_faces_, std::round(0.03f * g.unit), Leading::band, c.direction, c.language,
                               g.content_width() * 0.4f, render::Align::end);
  const float issued_width = issued_layout.lines.empty() ? 0 : issued_layout.lines.front().width + g.margin / 2;
  const float heading_width = g.content_width() - issued_width;
  auto heading = shortened(alert_heading(c.alert, c.language), title_faces_, std::round(0.05f * g.unit), Leading::band,
                           c.direction, c.language, heading_width);
  const float heading_x = c.rtl() ? g.width - g.margin - heading_width : g.margin;
  const float issued_x = c.rtl() ? g.margin : g.width - g.margin - g.content_width() * 0.4f;
  scene.texts.push_back({std::move(heading), heading_x, 0, c.colors.text});
  scene.texts.back().y = std::round((height - scene.texts.back().layout.height) / 2);
  scene.texts.push_back({std::move(issued_layout), issued_x, 0, c.colors.text});
  scene.texts.back().y = std::round((height - scene.texts.back().layout.height) / 2);
  return height;
}

// The headline at the largest size at which it takes three lines at most and under half
// the room left. Returns where the text below it starts.
float SlideTemplate::add_alert_headline(const AlertContext& c, render::Scene& scene, float top, float bottom) {
  const Geometry& g = c.g;
  const std::u32string headline = one_paragraph(c.item.title);
  if (headline.empty()) return top;
  const float room = (bottom - top) * 0.5f;
  auto layout_at = [&](float size) {
    return lay_out(headline, title_faces_, size, Leading::title, c.direction, c.language, g.content_width(),
                   render::Align::start, render::Wrap::balance);
  };
  const float size = largest_fitting(g.title_min, std::round(0.12f * g.height), [&](float s) {
    const auto layout = layout_at(s);
    return layout.lines.size() <= 3 && layout.height <= room;
  });
  auto layout = layout_at(size);
  // Even at the smallest size a headline of endless words keeps to three lines and its room.
  size_t lines = std::min<size_t>(layout.lines.size(), 3);
  while (lines > 1 && layout.lines[lines - 1].top + layout.lines[lines - 1].height > room) --lines;
  if (lines < layout.lines.size()) layout = render::slice_lines(layout, 0, lines);
  scene.texts.push_back({std::move(layout), g.margin, top, kText});
  return top + scene.texts.back().layout.height;
}

// What to do, set off by a bar in the severity's colour at the side reading starts, then
// the description, both at the largest size at which they fit; at the smallest, the
// description goes first, then the instruction's last lines.
void SlideTemplate::add_alert_text(const AlertContext& c, render::Scene& scene, float top, float bottom) {
  const Geometry& g = c.g;
  const float bar = std::max(6.0f, std::round(0.008f * g.unit));
  const float indent = bar * 3;
  const float column = g.content_width() - indent;
  const std::u32string instruction = one_paragraph(c.alert.instruction), description = one_paragraph(c.item.body);
  auto lay = [&](const std::u32string& text, float size) {
    return lay_out(text, text_faces_, size, Leading::body, c.direction, c.language, column, render::Align::start,
                   render::Wrap::pretty);
  };
  auto height_at = [&](float size, bool with_description) {
    const float spacing = instruction.empty() || description.empty() ? 0 : size * Leading::paragraph_gap * 2;
    return lay(instruction, size).height + (with_description ? spacing + lay(description, size).height : 0);
  };
  const float room = std::max(0.0f, bottom - top);
  const bool with_description = !description.empty() && height_at(g.body_min, true) <= room;
  const float size = largest_fitting(g.body_min, std::round(g.body_max * 1.2f),
                                     [&](float s) { return height_at(s, with_description) <= room; });
  const float x = c.rtl() ? g.margin : g.margin + indent;
  float y = top;
  if (!instruction.empty()) {
    auto layout = lay(instruction, size);
    size_t lines = layout.lines.size();
    while (lines > 1 && layout.lines[lines - 1].top + layout.lines[lines - 1].height > room) --lines;
    if (lines < layout.lines.size()) layout = render::slice_lines(layout, 0, lines);
    scene.rects.push_back({c.rtl() ? g.width - g.margin - bar : g.margin, y, bar, layout.height, c.colors.band});
    scene.texts.push_back({std::move(layout), x, y, kText});
    y += scene.texts.back().layout.height + size * Leading::paragraph_gap * 2;
  }
  if (with_description) scene.texts.push_back({lay(description, size), x, y, kSecondary});
}

// Who issued it at the start, which alert of how many at the end, and the rotation's
// progress among the alerts in the severity's colour.
void SlideTemplate::add_alert_footer(const AlertContext& c, render::Scene& scene, size_t position, size_t count) {
  const Geometry& g = c.g;
  const float top = g.height - g.footer;
  const float y = top + (g.footer - g.progress - g.footer_text * Leading::small) / 2;
  const std::u32string source = isolated(c.item.source);
  if (!source.empty()) {
    scene.texts.push_back({lay_out(source, text_faces_, g.footer_text, Leading::small, c.direction, c.language,
                                   g.content_width() * 0.7f),
                           c.rtl() ? g.margin + g.content_width() * 0.3f : g.margin, y, kSecondary});
  }
  if (count > 1) {
    const std::u32string number = page_number(c.dates, static_cast<int>(position) + 1, static_cast<int>(count));
    scene.texts.push_back({lay_out(number, text_faces_, g.footer_text, Leading::small, c.direction, c.language,
                                   g.content_width() * 0.25f, render::Align::end),
                           c.rtl() ? g.margin : g.margin + g.content_width() * 0.75f, y, kSecondary});
  }
  const float done = g.width * static_cast<float>(position + 1) / static_cast<float>(std::max<size_t>(count, 1));
  scene.rects.push_back({c.rtl() ? g.width - done : 0, g.height - g.progress, done, g.progress, c.colors.band});
}

}  // namespace lafita::kiosk
