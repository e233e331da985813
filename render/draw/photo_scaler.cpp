#include "render/draw/photo_scaler.hpp"

#include "render/draw/pixman_handles.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace lafita::render {

namespace {

// pixman's 32-bit formats are read as native-endian words; this one is R, G, B, A in memory.
constexpr pixman_format_code_t kRgbaInMemory =
    std::endian::native == std::endian::little ? PIXMAN_a8b8g8r8 : PIXMAN_r8g8b8a8;

// Premultiplied in the words themselves: a copy of the photo's bytes to work on would cost
// as much again (7.7 MB for a 1600 × 1200 photo) at the moment memory peaks.
std::vector<uint32_t> premultiplied(const RgbaImage& photo) {
  std::vector<uint32_t> words(static_cast<size_t>(photo.width) * static_cast<size_t>(photo.height));
  const size_t size = std::min(photo.pixels.size(), words.size() * 4);
  std::memcpy(words.data(), photo.pixels.data(), size);
  auto* bytes = reinterpret_cast<uint8_t*>(words.data());
  for (size_t i = 0; i + 3 < size; i += 4) {
    const unsigned alpha = bytes[i + 3];
    for (size_t c = 0; c < 3; ++c) bytes[i + c] = static_cast<uint8_t>((bytes[i + c] * alpha + 127) / 255);
  }
  return words;
}

// A vector's bytes as pixman's 32-bit words. operator new aligns every allocation for any
// fundamental type, so the words are aligned (through void*: -Wcast-align cannot know).
uint32_t* as_words(uint8_t* bytes) { return static_cast<uint32_t*>(static_cast<void*>(bytes)); }

// Back to straight alpha, in place.
void unpremultiply(RgbaImage& image) {
  for (size_t i = 0; i < image.pixels.size(); i += 4) {
    const unsigned alpha = image.pixels[i + 3];
    if (alpha == 0 || alpha == 255) continue;
    for (size_t c = 0; c < 3; ++c) {
      image.pixels[i + c] = static_cast<uint8_t>(std::min(255u, (image.pixels[i + c] * 255 + alpha / 2) / alpha));
    }
  }
}

bool opaque(const RgbaImage& photo) {
  for (size_t i = 3; i < photo.pixels.size(); i += 4) {
    if (photo.pixels[i] != 255) return false;
  }
  return true;
}

// The convolution filter for a scale of `source_per_output` source pixels an output pixel.
bool set_filter(pixman_image_t* source, double source_per_output) {
  const bool shrinking = source_per_output > 1.0;
  const pixman_kernel_t reconstruct = shrinking ? PIXMAN_KERNEL_BOX : PIXMAN_KERNEL_CUBIC;
  const pixman_kernel_t sample = shrinking ? PIXMAN_KERNEL_LANCZOS3 : PIXMAN_KERNEL_BOX;
  const pixman_fixed_t scale = pixman_double_to_fixed(source_per_output);
  int count = 0;
  const PixmanParams params(pixman_filter_create_separable_convolution(&count, scale, scale, reconstruct, reconstruct,
                                                                        sample, sample, 4, 4));
  return params && pixman_image_set_filter(source, PIXMAN_FILTER_SEPARABLE_CONVOLUTION, params.get(), count);
}

// Output (x, y) reads the photo at its centre crop: x / scale + the cut-off left margin.
void set_cover_transform(pixman_image_t* source, const RgbaImage& photo, int width, int height, double scale) {
  const double left = (photo.width - width / scale) / 2, top = (photo.height - height / scale) / 2;
  pixman_transform_t transform;
  pixman_transform_init_scale(&transform, pixman_double_to_fixed(1 / scale), pixman_double_to_fixed(1 / scale));
  pixman_transform_translate(&transform, nullptr, pixman_double_to_fixed(left), pixman_double_to_fixed(top));
  pixman_image_set_transform(source, &transform);
  pixman_image_set_repeat(source, PIXMAN_REPEAT_PAD);  // edges continue, never fade to transparent
}

}  // namespace

RgbaImage scale_to_cover(const RgbaImage& photo, int width, int height) {
  if (photo.empty() || width <= 0 || height <= 0 || photo.pixels.size() != size_t(photo.width) * size_t(photo.height) * 4) {
    return {};
  }
  const double scale = std::max(double(width) / photo.width, double(height) / photo.height);
  // An opaque photo (every JPEG) is premultiplied as it is: pixman reads it in place (a
  // source, never written), without a copy of the whole photo while memory peaks. The
  // result is written straight into the image returned.
  std::vector<uint32_t> input = opaque(photo) ? std::vector<uint32_t>{} : premultiplied(photo);
  auto* bits = input.empty() ? as_words(const_cast<uint8_t*>(photo.pixels.data())) : input.data();
  RgbaImage image{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * static_cast<size_t>(height) * 4)};
  const PixmanImage source(pixman_image_create_bits(kRgbaInMemory, photo.width, photo.height, bits, photo.width * 4));
  const PixmanImage target(pixman_image_create_bits(kRgbaInMemory, width, height,
                                                    as_words(image.pixels.data()), width * 4));
  if (!source || !target || !set_filter(source.get(), 1 / scale)) return {};
  set_cover_transform(source.get(), photo, width, height, scale);
  pixman_image_composite32(PIXMAN_OP_SRC, source.get(), nullptr, target.get(), 0, 0, 0, 0, 0, 0, width, height);
  unpremultiply(image);
  return image;
}

RgbaImage scale_to_fit(const RgbaImage& logo, int max_width, int max_height) {
  if (logo.empty() || max_width <= 0 || max_height <= 0) return {};
  const double scale = std::min(double(max_width) / logo.width, double(max_height) / logo.height);
  const int width = std::max(1, int(std::lround(logo.width * scale)));
  const int height = std::max(1, int(std::lround(logo.height * scale)));
  return scale_to_cover(logo, width, height);  // the box has the logo's proportions: nothing is cut
}

}  // namespace lafita::render
