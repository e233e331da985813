#pragma once

#include "render/draw/image_header.hpp"
#include "render/draw/jpeg_decoder.hpp"
#include "render/draw/rgba_image.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lafita::render {

// Decodes a JPEG, PNG or WebP picture held in memory (a fetched photo): JPEGs with
// decode_jpeg (shrunk while decoding to what covers `cover_width` × `cover_height`; 0 × 0:
// full size), PNG and WebP at full size with SDL2_image. The header is read and checked
// against `limits` first (check_image), so a file too large or a decompression bomb is
// refused before a pixel is allocated; then only the decoder of the format the header
// names runs, and the result must have the header's size (or its scaled size). Nothing,
// with `why` (no file or URL: the caller names them), for a picture that is refused,
// corrupt or cut short. Needs no SDL_Init; any thread (SDL_image keeps no state a decode
// shares, and SDL's error is per thread).
std::optional<RgbaImage> decode_photo(std::string_view bytes, const ImageLimits& limits, std::string& why,
                                      int cover_width = 0, int cover_height = 0);

}  // namespace lafita::render
