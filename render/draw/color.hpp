#pragma once

#include <cstdint>

namespace lafita::render {

// An sRGB colour with straight alpha, as slides, the canvas and the screen draw it.
struct Color {
  uint8_t r, g, b, a = 255;
  bool operator==(const Color&) const = default;
};

}  // namespace lafita::render
