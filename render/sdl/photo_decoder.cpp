#include "render/sdl/photo_decoder.hpp"

#include "render/sdl/sdl_handles.hpp"

#include <SDL2/SDL_image.h>

#include <cstring>

namespace lafita::render {

namespace {

using RWopsPtr = std::unique_ptr<SDL_RWops, CDeleter<SDL_RWclose>>;

// The one SDL_image decoder for the format the header names. Not IMG_LoadTyped_RW: it
// still tries every format's signature first (a WebP with "<svg" in its RIFF size went to
// the SVG decoder, which leaks; the image fuzzer found it).
SDL_Surface* decode_as(ImageFormat format, SDL_RWops* stream) {
  switch (format) {
    case ImageFormat::png: return IMG_LoadPNG_RW(stream);
    case ImageFormat::jpeg: return nullptr;  // decode_jpeg, which can shrink while decoding
    case ImageFormat::webp: return IMG_LoadWEBP_RW(stream);
  }
  return nullptr;
}

// The surface's pixels as RGBA8 rows without padding. The decoded surface is let go once
// converted: three full copies of a photo at once are the decoder's peak otherwise.
std::optional<RgbaImage> rgba_of(SurfacePtr decoded, std::string& why) {
  const SurfacePtr rgba(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_RGBA32, 0));
  decoded.reset();
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

std::optional<RgbaImage> decode_photo(std::string_view bytes, const ImageLimits& limits, std::string& why,
                                      int cover_width, int cover_height) {
  const auto header = check_image(bytes, limits, why);
  if (!header) return std::nullopt;
  if (header->format == ImageFormat::jpeg) {
    return decode_jpeg(bytes, {cover_width, cover_height, header->width, header->height}, why);
  }
  const RWopsPtr stream(SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size())));
  if (!stream) {
    why = std::string("cannot read from memory: ") + SDL_GetError();
    return std::nullopt;
  }
  SurfacePtr decoded(decode_as(header->format, stream.get()));
  if (!decoded) {
    why = std::string("a ") + format_name(header->format) + " that cannot be decoded: " + IMG_GetError();
    return std::nullopt;
  }
  if (uint32_t(decoded->w) != header->width || uint32_t(decoded->h) != header->height) {
    why = std::string("a ") + format_name(header->format) + " whose pixels do not match its header's size";
    return std::nullopt;
  }
  return rgba_of(std::move(decoded), why);
}

}  // namespace lafita::render
