#pragma once
// The design's measures, shared by the templates of kiosk/slides (items, alerts): where
// things go on a screen and the typographic ratios. Not for use outside the room.
#include "kiosk/slides/slide_template.hpp"

#include <algorithm>
#include <cmath>

namespace lafita::kiosk {

// Where things go on a width × height screen. Sizes follow the short side, so that the
// design keeps its proportions from 720p to 4K and a screen on its side keeps the size of
// its letters (a portrait 1080 × 1920 has the header, footer and smallest type of a
// landscape 1920 × 1080); the largest sizes of the title and body follow the height, so
// that a short text fills a tall screen.
struct SlideTemplate::Geometry {
  float width, height;
  float unit;  // the short side
  float margin, band, gap;
  float title_max, title_min, meta, body_max, body_min, footer_text, footer, progress;

  Geometry(int w, int h, const Theme& theme)
      : width(static_cast<float>(w)),
        height(static_cast<float>(h)),
        unit(static_cast<float>(std::min(w, h))),
        margin(std::max(16.0f, std::round(0.045f * width))),
        band(static_cast<float>(band_height(w, h))),
        gap(std::round(0.03f * unit)),
        title_max(std::round(0.062f * height * theme.title_scale)),
        title_min(std::round(0.044f * unit * theme.title_scale)),
        meta(std::round(0.032f * unit * theme.body_scale)),
        body_max(std::round(0.05f * height * theme.body_scale)),
        body_min(std::round(0.034f * unit * theme.body_scale)),
        footer_text(std::round(0.028f * unit)),
        footer(std::round(0.075f * unit)),
        progress(std::max(4.0f, std::round(0.006f * unit))) {}

  float content_width() const { return width - 2 * margin; }
};

// Line heights (× the type size) and spacing of the design, in one place.
struct Leading {
  static constexpr float title = 1.3f;
  static constexpr float body = 1.55f;
  static constexpr float small = 1.4f;          // the meta line and the footer
  static constexpr float band = 1.2f;           // the header band: one line
  static constexpr float paragraph_gap = 0.45f;  // between body paragraphs
  static constexpr float one_line = 1.6f;        // a body line with its leading, rounded up
};

}  // namespace lafita::kiosk
