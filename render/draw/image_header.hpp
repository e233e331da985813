#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lafita::render {

enum class ImageFormat { png, jpeg, webp };

// What a picture says of itself before any pixel is decoded.
struct ImageHeader {
  ImageFormat format;
  uint32_t width, height;
};

// How large a picture may be. A decoder allocates width · height · 4 bytes whatever the
// file's size: a 100 000 × 100 000 PNG of a few hundred bytes would ask for 40 GB.
struct ImageLimits {
  size_t max_bytes = 10 << 20;        // of the file
  uint64_t max_pixels = 40'000'000;   // width · height
};

// Reads the size from a PNG's IHDR, a JPEG's frame header (SOF, after walking the segments
// before it) or a WebP's VP8, VP8L or VP8X chunk. Nothing, with `why` ("not a PNG, JPEG or
// WebP picture", "a PNG cut short before its size", ...), for anything else: an HTML page
// served as a picture, a file cut short, a header that contradicts itself. Pure, any thread.
std::optional<ImageHeader> read_image_header(std::string_view bytes, std::string& why);

// read_image_header(), then `limits`: a file too large or a picture of too many pixels is
// refused with `why` saying which and how large, before anything is decoded. A PNG's
// chunks are checked whole and with their CRCs too (a damaged or cut-short PNG is refused
// here, before libpng would write about it to stderr).
std::optional<ImageHeader> check_image(std::string_view bytes, const ImageLimits& limits, std::string& why);

const char* format_name(ImageFormat format);

}  // namespace lafita::render
