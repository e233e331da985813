#pragma once

// The slide template as the template tests make it: the fonts the tests are pinned to, the
// design's settings and theme (change them before make()), and the warnings it gives.

#include "fonts/font_library.hpp"
#include "kiosk/slides/slide_template.hpp"
#include "test_paths.hpp"

#include <string>
#include <vector>

namespace lafita::test {

struct TemplateFixture {
  fonts::FontLibrary library;
  std::vector<std::string> warnings;
  kiosk::SlideSettings settings;
  kiosk::Theme theme;

  TemplateFixture() { theme.text_fonts = theme.title_fonts = {naskh(), noto_sans()}; }
  kiosk::SlideTemplate make() { return kiosk::SlideTemplate(library, theme, settings, warnings); }
};

}  // namespace lafita::test
