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

Image turned(const Image& image, int degrees) {
  const bool quarter = degrees % 180 != 0;
  Image result{quarter ? image.height : image.width, quarter ? image.width : image.height, {}};
  result.rgb.resize(image.rgb.size());
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      // Clockwise in y-down coordinates: the top row becomes the right column.
      int to_x = x, to_y = y;
      if (degrees == 90) to_x = image.height - 1 - y, to_y = x;
      if (degrees == 180) to_x = image.width - 1 - x, to_y = image.height - 1 - y;
      if (degrees == 270) to_x = y, to_y = image.width - 1 - x;
      const size_t from = 3 * (static_cast<size_t>(y) * image.width + x);
      const size_t to = 3 * (static_cast<size_t>(to_y) * result.width + to_x);
      std::copy_n(image.rgb.begin() + static_cast<std::ptrdiff_t>(from), 3, result.rgb.begin() + static_cast<std::ptrdiff_t>(to));
    }
  }
  return result;
}

}  // namespace lafita::test
