#pragma once

#include <cstdint>
#include <vector>

namespace lafita::render {

// A decoded picture in memory: RGBA8, straight alpha, sRGB, rows top to bottom with no
// padding. A plain value: the decoder makes it on a worker thread, the slide template and
// the renderer read it. Empty (0 × 0) when there is no picture.
struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width · height · 4 bytes

  bool empty() const { return width <= 0 || height <= 0; }
  bool operator==(const RgbaImage&) const = default;
};

}  // namespace lafita::render
