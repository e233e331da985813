#pragma once

#include "render/draw/image_header.hpp"
#include "render/draw/rgba_image.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lafita::render {

// Decodes a JPEG, PNG or WebP picture held in memory (a fetched photo) with SDL2_image.
// The header is read and checked against `limits` first (check_image), so a file too
// large or a decompression bomb is refused before a pixel is allocated; then only the
// decoder of the format the header names runs, and the result must have the header's size. Nothing,
// with `why` (no file or URL: the caller names them), for a picture that is refused,
// corrupt or cut short. Needs no SDL_Init; any thread (SDL_image keeps no state a decode
// shares, and SDL's error is per thread).
std::optional<RgbaImage> decode_photo(std::string_view bytes, const ImageLimits& limits, std::string& why);

}  // namespace lafita::render
