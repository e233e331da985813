#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lafita::test {

// An 8-bit RGB picture read from a PNG, for comparing what was drawn with what should be.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgb;  // rows top to bottom, 3 bytes a pixel
};

// Reads any PNG as RGB (alpha composed over black); nullopt with `error` set on failure.
std::optional<Image> read_png(const std::filesystem::path& file, std::string& error);

struct Difference {
  bool same_size = true;
  int max_channel = 0;      // the largest difference of one channel of one pixel, 0 to 255
  size_t pixels_over = 0;   // pixels with a channel differing by more than the tolerance
};

Difference compare(const Image& a, const Image& b, int tolerance);

// `image` turned clockwise by 0, 90, 180 or 270 degrees, pixel for pixel.
Image turned(const Image& image, int degrees);

// A picture of where two images differ (white where equal, red by how much), for a person.
bool write_difference_png(const Image& a, const Image& b, const std::filesystem::path& file);

}  // namespace lafita::test
