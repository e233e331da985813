#include "render/sdl/photo_decoder.hpp"

#include "render/sdl/sdl_handles.hpp"

#include <SDL2/SDL_image.h>

#include <cstring>

namespace lafita::render {

namespace {

// SDL_image's name for a format: with IMG_LoadTyped_RW only that decoder runs, so a file
// whose header says PNG is never read by the TGA or BMP decoders that guess.
const char* sdl_image_type(ImageFormat format) {
  switch (format) {
    case ImageFormat::png: return "PNG";
    case ImageFormat::jpeg: return "JPG";
    case ImageFormat::webp: return "WEBP";
  }
  return "";
}

// The surface's pixels as RGBA8 rows without padding.
std::optional<RgbaImage> rgba_of(SDL_Surface* decoded, std::string& why) {
  const SurfacePtr rgba(SDL_ConvertSurfaceFormat(decoded, SDL_PIXELFORMAT_RGBA32, 0));
  if (!rgba) {
    why = std::string("cannot convert to RGBA: ") + SDL_GetError();
    return std::nullopt;
  }
  RgbaImage image{rgba->w, rgba->h, std::vector<uint8_t>(size_t(rgba->w) * size_t(rgba->h) * 4)};
  const size_t row = size_t(rgba->w) * 4;
  for (int y = 0; y < rgba->h; ++y) {
    std::memcpy(image.pixels.data() + size_t(y) * row, static_cast<const uint8_t*>(rgba->pixels) + size_t(y) * size_t(rgba->pitch), row);
  }
  return image;
}

}  // namespace

std::optional<RgbaImage> decode_photo(std::string_view bytes, const ImageLimits& limits, std::string& why) {
  const auto header = check_image(bytes, limits, why);
  if (!header) return std::nullopt;
  SDL_RWops* stream = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
  if (stream == nullptr) {
    why = std::string("cannot read from memory: ") + SDL_GetError();
    return std::nullopt;
  }
  const SurfacePtr decoded(IMG_LoadTyped_RW(stream, 1, sdl_image_type(header->format)));  // 1: frees the stream
  if (!decoded) {
    why = std::string("a ") + format_name(header->format) + " that cannot be decoded: " + IMG_GetError();
    return std::nullopt;
  }
  if (uint32_t(decoded->w) != header->width || uint32_t(decoded->h) != header->height) {
    why = std::string("a ") + format_name(header->format) + " whose pixels do not match its header's size";
    return std::nullopt;
  }
  return rgba_of(decoded.get(), why);
}

}  // namespace lafita::render
