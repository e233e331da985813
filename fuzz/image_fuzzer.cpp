// Arbitrary bytes as a fetched photo: the header check, then libjpeg-turbo's or SDL2_image's
// decoder for what passes it, at full size and (JPEGs) shrunk to cover a box the last two
// bytes choose, under a limit of a million pixels (a megapixel decode is quick; a bomb that
// slipped past the header would show as an out-of-memory or a timeout). A crash, a
// sanitizer report, or a decoded picture that is not the size its header gave (shrunk: larger
// than it, or not covering the box; or past the limit) is a finding; a refusal is the code doing its job. Seed webp-svg-in-size: a WebP
// whose RIFF size reads "<svg", which IMG_LoadTyped_RW gave to the leaking SVG decoder.
#include "render/draw/image_header.hpp"
#include "render/draw/photo_scaler.hpp"
#include "render/sdl/photo_decoder.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lafita::render;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const ImageLimits limits{1 << 20, 1'000'000};
  std::string why;
  const auto header = check_image(bytes, limits, why);
  const auto photo = decode_photo(bytes, limits, why);
  if (!photo) return 0;
  const bool as_declared = header && uint32_t(photo->width) == header->width && uint32_t(photo->height) == header->height;
  if (!as_declared || photo->pixels.size() != size_t(photo->width) * size_t(photo->height) * 4) std::abort();
  const RgbaImage scaled = scale_to_cover(*photo, 16, 9);
  if (scaled.width != 16 || scaled.height != 9) std::abort();
  const int box_width = size > 1 ? data[size - 2] : 1, box_height = size > 0 ? data[size - 1] : 1;
  const auto shrunk = decode_photo(bytes, limits, why, box_width, box_height);
  if (!shrunk) std::abort();  // it decoded at full size a moment ago
  const bool covers = (shrunk->width >= box_width || shrunk->width == photo->width) &&
                      (shrunk->height >= box_height || shrunk->height == photo->height);
  if (!covers || shrunk->width > photo->width || shrunk->height > photo->height) std::abort();
  return 0;
}
