#include "render/draw/image_header.hpp"

#include <array>
#include <cctype>

namespace lafita::render {

namespace {

uint32_t byte_at(std::string_view bytes, size_t at) { return static_cast<unsigned char>(bytes[at]); }

uint32_t big_endian16(std::string_view bytes, size_t at) { return byte_at(bytes, at) << 8 | byte_at(bytes, at + 1); }

uint32_t big_endian32(std::string_view bytes, size_t at) {
  return big_endian16(bytes, at) << 16 | big_endian16(bytes, at + 2);
}

uint32_t little_endian(std::string_view bytes, size_t at, int count) {
  uint32_t value = 0;
  for (int i = count - 1; i >= 0; --i) value = value << 8 | byte_at(bytes, at + static_cast<size_t>(i));
  return value;
}

std::optional<ImageHeader> refuse(std::string& why, std::string reason) {
  why = std::move(reason);
  return std::nullopt;
}

// The CRC-32 of PNG chunks (ISO 3309, as zlib's crc32; written here: render/ does not link zlib).
uint32_t crc32_of(std::string_view bytes) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (const char byte : bytes) crc = table[(crc ^ static_cast<unsigned char>(byte)) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

// Every chunk of a PNG whole, with the right CRC, up to IEND. libpng (through SDL_image,
// which keeps its default handlers) writes a line to stderr about each damaged chunk it
// meets before it fails; a bad photo must be one log line, Lafita's.
std::optional<ImageHeader> png_intact(std::string_view bytes, const ImageHeader& header, std::string& why) {
  for (size_t at = 8;;) {
    if (bytes.size() - at < 12) return refuse(why, "a PNG cut short");
    const uint32_t length = big_endian32(bytes, at);
    if (length > bytes.size() - at - 12) return refuse(why, "a PNG cut short");
    const std::string_view chunk = bytes.substr(at + 4, 4 + size_t{length});  // type and data
    if (crc32_of(chunk) != big_endian32(bytes, at + 8 + length)) {
      std::string type(chunk.substr(0, 4));
      for (char& c : type) c = std::isalpha(static_cast<unsigned char>(c)) ? c : '?';
      return refuse(why, "a PNG whose " + type + " chunk is damaged (its CRC does not match)");
    }
    if (chunk.substr(0, 4) == "IEND") return header;
    at += 12 + size_t{length};
  }
}

// PNG: the signature, then IHDR first, with the width and height (31 bits each).
std::optional<ImageHeader> png_header(std::string_view bytes, std::string& why) {
  if (bytes.size() < 24) return refuse(why, "a PNG cut short before its size");
  if (bytes.substr(12, 4) != "IHDR") return refuse(why, "a PNG whose first chunk is not IHDR");
  const uint32_t width = big_endian32(bytes, 16), height = big_endian32(bytes, 20);
  if (width == 0 || height == 0 || width > 0x7FFFFFFF || height > 0x7FFFFFFF) {
    return refuse(why, "a PNG of impossible size " + std::to_string(width) + " x " + std::to_string(height));
  }
  return ImageHeader{ImageFormat::png, width, height};
}

// A JPEG marker that starts a frame (baseline, progressive, lossless, arithmetic): C0-CF
// except DHT (C4), JPG (C8) and DAC (CC), which are tables.
bool is_frame_marker(uint32_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// JPEG: segments from SOI until the frame header, each "FF marker length(2) ...". Markers
// without a length (RSTn, TEM) are skipped; fill bytes FF before a marker too.
std::optional<ImageHeader> jpeg_header(std::string_view bytes, std::string& why) {
  size_t at = 2;
  while (true) {
    if (at < bytes.size() && byte_at(bytes, at) != 0xFF) return refuse(why, "a JPEG whose segments do not follow each other");
    while (at < bytes.size() && byte_at(bytes, at) == 0xFF) ++at;  // the marker's FF and any fill
    if (at + 2 >= bytes.size()) return refuse(why, "a JPEG cut short before its frame header");
    const uint32_t marker = byte_at(bytes, at++);
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;
    if (marker == 0xDA || marker == 0xD9) return refuse(why, "a JPEG with no frame header before its data");
    const uint32_t length = big_endian16(bytes, at);
    if (length < 2) return refuse(why, "a JPEG segment of impossible length");
    if (is_frame_marker(marker)) {
      if (length < 7 || at + 7 > bytes.size()) return refuse(why, "a JPEG cut short in its frame header");
      const uint32_t height = big_endian16(bytes, at + 3), width = big_endian16(bytes, at + 5);
      if (width == 0 || height == 0) return refuse(why, "a JPEG whose frame header gives no size");
      return ImageHeader{ImageFormat::jpeg, width, height};
    }
    at += length;
  }
}

// WebP: RIFF, WEBP, then one of three first chunks, each giving the size its own way.
std::optional<ImageHeader> webp_header(std::string_view bytes, std::string& why) {
  const std::string_view chunk = bytes.size() >= 16 ? bytes.substr(12, 4) : std::string_view();
  if (chunk == "VP8 " && bytes.size() >= 30) {  // lossy: a key frame's start code, 14-bit sizes
    if (bytes.substr(23, 3) != "\x9D\x01\x2A") return refuse(why, "a WebP (VP8) without a key frame's start code");
    return ImageHeader{ImageFormat::webp, little_endian(bytes, 26, 2) & 0x3FFF, little_endian(bytes, 28, 2) & 0x3FFF};
  }
  if (chunk == "VP8L" && bytes.size() >= 25) {  // lossless: signature 2F, then 14 bits each, minus one
    if (byte_at(bytes, 20) != 0x2F) return refuse(why, "a WebP (VP8L) without its signature");
    const uint32_t bits = little_endian(bytes, 21, 4);
    return ImageHeader{ImageFormat::webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
  }
  if (chunk == "VP8X" && bytes.size() >= 30) {  // extended: the canvas, 24 bits each, minus one
    return ImageHeader{ImageFormat::webp, little_endian(bytes, 24, 3) + 1, little_endian(bytes, 27, 3) + 1};
  }
  if (chunk == "VP8 " || chunk == "VP8L" || chunk == "VP8X" || bytes.size() < 16) {
    return refuse(why, "a WebP cut short before its size");
  }
  return refuse(why, "a WebP whose first chunk is not VP8, VP8L or VP8X");
}

}  // namespace

const char* format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::png: return "PNG";
    case ImageFormat::jpeg: return "JPEG";
    case ImageFormat::webp: return "WebP";
  }
  return "?";
}

std::optional<ImageHeader> read_image_header(std::string_view bytes, std::string& why) {
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return png_header(bytes, why);
  if (bytes.starts_with("\xFF\xD8\xFF")) return jpeg_header(bytes, why);
  if (bytes.starts_with("RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP") return webp_header(bytes, why);
  if (bytes.starts_with("RIFF") && bytes.size() < 12) return refuse(why, "a WebP cut short before its size");
  return refuse(why, "not a PNG, JPEG or WebP picture");
}

std::optional<ImageHeader> check_image(std::string_view bytes, const ImageLimits& limits, std::string& why) {
  if (bytes.size() > limits.max_bytes) {
    return refuse(why, "a file of " + std::to_string(bytes.size()) + " bytes, more than " +
                           std::to_string(limits.max_bytes));
  }
  auto header = read_image_header(bytes, why);
  if (!header) return header;
  if (header->format == ImageFormat::png && !png_intact(bytes, *header, why)) return std::nullopt;
  const uint64_t pixels = uint64_t{header->width} * header->height;
  if (pixels > limits.max_pixels) {
    return refuse(why, std::string("a ") + format_name(header->format) + " of " + std::to_string(header->width) + " x " +
                           std::to_string(header->height) + " pixels, more than " + std::to_string(limits.max_pixels));
  }
  return header;
}

}  // namespace lafita::render
