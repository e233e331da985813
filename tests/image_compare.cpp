#include "image_compare.hpp"

#include <png.h>

#include <algorithm>
#include <cstdlib>

namespace lafita::test {

std::optional<Image> read_png(const std::filesystem::path& file, std::string& error) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&png, file.c_str()) == 0) {
    error = "'" + file.string() + "': " + png.message;
    return std::nullopt;
  }
  png.format = PNG_FORMAT_RGB;
  Image image{static_cast<int>(png.width), static_cast<int>(png.height), std::vector<uint8_t>(PNG_IMAGE_SIZE(png))};
  if (png_image_finish_read(&png, nullptr, image.rgb.data(), 0, nullptr) == 0) {
    error = "'" + file.string() + "': " + png.message;
    return std::nullopt;
  }
  return image;
}

Difference compare(const Image& a, const Image& b, int tolerance) {
  Difference difference;
  if (a.width != b.width || a.height != b.height) {
    difference.same_size = false;
    return difference;
  }
  for (size_t i = 0; i < a.rgb.size(); i += 3) {
    int pixel = 0;
    for (size_t c = 0; c < 3; ++c) pixel = std::max(pixel, std::abs(a.rgb[i + c] - b.rgb[i + c]));
    difference.max_channel = std::max(difference.max_channel, pixel);
    difference.pixels_over += pixel > tolerance;
  }
  return difference;
}

bool write_difference_png(const Image& a, const Image& b, const std::filesystem::path& file) {
  if (a.width != b.width || a.height != b.height) return false;
  std::vector<uint8_t> out(a.rgb.size());
  for (size_t i = 0; i < a.rgb.size(); i += 3) {
    int pixel = 0;
    for (size_t c = 0; c < 3; ++c) pixel = std::max(pixel, std::abs(a.rgb[i + c] - b.rgb[i + c]));
    const auto fade = static_cast<uint8_t>(pixel == 0 ? 255 : std::max(0, 200 - 4 * pixel));
    out[i] = 255;
    out[i + 1] = fade;
    out[i + 2] = fade;
  }
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(a.width);
  png.height = static_cast<png_uint_32>(a.height);
  png.format = PNG_FORMAT_RGB;
  return png_image_write_to_file(&png, file.c_str(), 0, out.data(), 0, nullptr) != 0;
}

}  // namespace lafita::test
