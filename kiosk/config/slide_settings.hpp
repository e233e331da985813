#pragma once

#include "render/draw/color.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace lafita::kiosk {

// Which digits dates, times and page numbers use: 0-9, or the Arabic-Indic ٠-٩.
enum class Numerals { western, arabic_indic };

// How body text meets the end of its lines: ragged (aligned at the start), justified by
// widening spaces, or justified with kashidas too (elongated Arabic letter joins; spaces
// take what they cannot).
enum class Justify : uint8_t { none, spaces, kashida };

// Colours and fonts of the slides. Font entries are files or fontconfig families, with
// ":bold" for a family's bold face, in fallback order.
struct Theme {
  render::Color background{247, 245, 239};
  render::Color text{31, 42, 55};
  render::Color band{15, 76, 92};
  render::Color band_text{255, 255, 255};
  render::Color accent{166, 77, 24};
  render::Color muted{88, 99, 112};
  render::Color track{222, 217, 206};
  std::vector<std::string> text_fonts{"Noto Naskh Arabic", "Noto Sans"};
  std::vector<std::string> title_fonts{"Noto Naskh Arabic:bold", "Noto Sans:bold"};
  // The design's type sizes times these (0.5 to 2): titles; body text and the meta line.
  float title_scale = 1.0f;
  float body_scale = 1.0f;
  bool feed_logo = false;  // [theme] logo = "feed": the feed's logo replaces the name in the band
  Justify justify = Justify::none;  // the body's lines ([theme] justify, --justify)
};

// How items become slides: the header's name, digits, dwell times and pages.
struct SlideSettings {
  std::string organization;  // the name in the header band; empty: each item's source
  Numerals numerals = Numerals::western;
  double seconds_per_word = 0.35;  // dwell = words on the slide × this, clamped:
  std::chrono::milliseconds min_dwell{8000};
  std::chrono::milliseconds max_dwell{30000};
  int max_pages = 4;  // per item; the last one ends with "…" if text is left
  // A QR code to the item's http(s) link in the footer's end corner. On by default: the
  // body on the screen is often a summary, and the code is the only way a reader can take
  // the full text home; items without a link are not changed by it.
  bool qr = true;
  // The screen's language tag ([locale] language, e.g. "ar-TN"): dates of items in its
  // language that name no region use its region's month names. Empty: the items' own.
  std::string locale;
  // [locale] hijri: the Umm al-Qura Hijri date beside the Gregorian one in the header band,
  // moved by hijri_adjust days (-1, 0 or 1) where the announced month start differs.
  bool hijri = false;
  int hijri_adjust = 0;
};

}  // namespace lafita::kiosk
