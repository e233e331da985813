// Photos from feeds, from bytes to the pixels a slide shows: the header read before any
// decoding (sizes of PNG, JPEG and WebP files, decompression bombs, HTML served as a
// picture, files cut short), libjpeg-turbo's and SDL2_image's decoding, and pixman's
// scaling to a box. PNGs and
// JPEGs are made here with libpng (the project's writer) and SDL2_image's JPEG writer; the
// WebP and JPEG files in tests/data/photos were made with ImageMagick (README there).
#include "render/draw/image_header.hpp"
#include "render/draw/jpeg_decoder.hpp"
#include "render/draw/photo_scaler.hpp"
#include "render/draw/png_writer.hpp"
#include "render/sdl/photo_decoder.hpp"
#include "test_paths.hpp"

#include <SDL2/SDL_image.h>
#include <doctest/doctest.h>
#include <pixman.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lafita::render {
namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string photo_file(const std::string& name) { return read_file(test::test_data("photos/" + name)); }

// A picture whose pixel (x, y) is colour(x, y).
template <typename Colour>
RgbaImage picture(int width, int height, Colour colour) {
  RgbaImage image{width, height, std::vector<uint8_t>(size_t(width) * size_t(height) * 4)};
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const std::array<uint8_t, 4> rgba = colour(x, y);
      std::copy(rgba.begin(), rgba.end(), image.pixels.begin() + (ptrdiff_t(y) * width + x) * 4);
    }
  }
  return image;
}

// `image` as a PNG file's bytes, written by libpng through the project's writer.
std::string png_bytes(const RgbaImage& image) {
  const auto file = std::filesystem::temp_directory_path() / "lafita-photo-test.png";
  REQUIRE(write_png(image.width, image.height, image.pixels.data(), image.width * 4, file).empty());
  std::string bytes = read_file(file);
  std::filesystem::remove(file);
  return bytes;
}

// `image` as a JPEG file's bytes, written by SDL2_image (libjpeg-turbo).
std::string jpeg_bytes(RgbaImage image) {
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormatFrom(image.pixels.data(), image.width, image.height, 32,
                                                            image.width * 4, SDL_PIXELFORMAT_RGBA32);
  REQUIRE(surface);
  std::vector<char> buffer(1 << 20);
  SDL_RWops* out = SDL_RWFromMem(buffer.data(), int(buffer.size()));
  REQUIRE(IMG_SaveJPG_RW(surface, out, 0, 90) == 0);
  const auto size = SDL_RWtell(out);
  SDL_RWclose(out);
  SDL_FreeSurface(surface);
  return std::string(buffer.data(), size_t(size));
}

// A PNG chunk: length, type, data, CRC-32 of type and data (zlib's).
std::string png_chunk(const std::string& type, const std::string& data) {
  std::string chunk;
  for (int shift = 24; shift >= 0; shift -= 8) chunk += char((data.size() >> shift) & 0xFF);
  const std::string body = type + data;
  chunk += body;
  const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()));
  for (int shift = 24; shift >= 0; shift -= 8) chunk += char((crc >> shift) & 0xFF);
  return chunk;
}

std::string big_endian32(uint32_t value) {
  return {char(value >> 24), char(value >> 16 & 0xFF), char(value >> 8 & 0xFF), char(value & 0xFF)};
}

// A decompression bomb: a well-formed PNG header declaring `size` × `size` RGBA pixels,
// with a little compressed data of zeros after it (a few hundred bytes in all).
std::string png_bomb(uint32_t size) {
  std::string ihdr = big_endian32(size) + big_endian32(size) + std::string("\x08\x06\x00\x00\x00", 5);
  std::vector<Bytef> zeros(64 * 1024), packed(compressBound(uLong(zeros.size())));
  uLongf packed_size = uLongf(packed.size());
  REQUIRE(compress(packed.data(), &packed_size, zeros.data(), uLong(zeros.size())) == Z_OK);
  return std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", ihdr) +
         png_chunk("IDAT", std::string(packed.begin(), packed.begin() + ptrdiff_t(packed_size))) + png_chunk("IEND", "");
}

std::string header_of(const std::string& bytes) {
  std::string why;
  const auto header = read_image_header(bytes, why);
  if (!header) return "refused: " + why;
  return std::string(format_name(header->format)) + " " + std::to_string(header->width) + "x" + std::to_string(header->height);
}

std::string decoded(const std::string& bytes, const ImageLimits& limits = {}) {
  std::string why;
  const auto photo = decode_photo(bytes, limits, why);
  return photo ? std::to_string(photo->width) + "x" + std::to_string(photo->height) : "refused: " + why;
}

// Pixel (x, y) of `image` as "r,g,b,a".
std::string pixel(const RgbaImage& image, int x, int y) {
  const size_t at = (size_t(y) * size_t(image.width) + size_t(x)) * 4;
  return std::to_string(image.pixels[at]) + "," + std::to_string(image.pixels[at + 1]) + "," +
         std::to_string(image.pixels[at + 2]) + "," + std::to_string(image.pixels[at + 3]);
}

// Whether pixel (x, y) is within `tolerance` of `rgb` in every channel, and opaque.
bool near(const RgbaImage& image, int x, int y, std::array<int, 3> rgb, int tolerance = 12) {
  const size_t at = (size_t(y) * size_t(image.width) + size_t(x)) * 4;
  for (size_t c = 0; c < 3; ++c) {
    if (std::abs(int(image.pixels[at + c]) - rgb[c]) > tolerance) return false;
  }
  return image.pixels[at + 3] == 255;
}

// The largest difference of a channel of any pixel from `value`.
int largest_difference(const RgbaImage& image, int value) {
  int largest = 0;
  for (size_t i = 0; i < image.pixels.size(); ++i) {
    if (i % 4 != 3) largest = std::max(largest, std::abs(int(image.pixels[i]) - value));
  }
  return largest;
}

// The size `bytes` decode to for a `width` x `height` box, or why they do not.
std::string decoded_size(const std::string& bytes, int width, int height) {
  std::string why;
  const auto photo = decode_photo(bytes, {}, why, width, height);
  return photo ? std::to_string(photo->width) + "x" + std::to_string(photo->height) : "refused: " + why;
}

const auto checkerboard = [](int x, int y) -> std::array<uint8_t, 4> {
  const uint8_t v = (x + y) % 2 ? 255 : 0;
  return {v, v, v, 255};
};

TEST_SUITE("photos") {
  TEST_CASE("headers give each format's size before decoding") {
    const RgbaImage small = picture(37, 21, checkerboard);
    CHECK(header_of(png_bytes(small)) == "PNG 37x21");
    CHECK(header_of(jpeg_bytes(small)) == "JPEG 37x21");
    CHECK(header_of(photo_file("photo.jpg")) == "JPEG 48x32");        // JFIF APP0 and tables before SOF0
    CHECK(header_of(photo_file("progressive.jpg")) == "JPEG 48x32");  // SOF2
    CHECK(header_of(photo_file("lossy.webp")) == "WebP 48x32");       // VP8
    CHECK(header_of(photo_file("lossless.webp")) == "WebP 48x32");    // VP8L
    CHECK(header_of(photo_file("alpha.webp")) == "WebP 48x32");       // VP8X
  }

  TEST_CASE("JPEG, PNG and WebP decode to the pixels they hold") {
    const RgbaImage pattern = picture(37, 21, [](int x, int y) -> std::array<uint8_t, 4> {
      return {uint8_t(x * 6), uint8_t(y * 12), uint8_t(200), uint8_t(255 - x)};
    });
    std::string why;
    const auto png = decode_photo(png_bytes(pattern), {}, why);
    REQUIRE_MESSAGE(png, why);
    CHECK(*png == pattern);  // lossless, alpha kept
    for (const char* name : {"photo.jpg", "progressive.jpg", "lossy.webp", "lossless.webp", "alpha.webp"}) {
      CAPTURE(name);
      const auto photo = decode_photo(photo_file(name), {}, why);
      REQUIRE_MESSAGE(photo, why);
      CHECK(photo->width == 48);
      CHECK(photo->height == 32);
    }
    const auto lossless = decode_photo(photo_file("lossless.webp"), {}, why);
    REQUIRE(lossless);
    CHECK(int(lossless->pixels[0]) == 255);   // top row of gradient:red-blue is red
    CHECK(int(lossless->pixels[2]) == 0);
    const auto alpha = decode_photo(photo_file("alpha.webp"), {}, why);
    REQUIRE(alpha);
    CHECK(std::abs(int(alpha->pixels[3]) - 128) <= 2);  // half-transparent red at the top
  }

  TEST_CASE("a decompression bomb is refused from its header, before a pixel is allocated") {
    const std::string bomb = png_bomb(100'000);
    CHECK(bomb.size() < 1000);
    CHECK(header_of(bomb) == "PNG 100000x100000");  // the header itself is well-formed
    CHECK(decoded(bomb) == "refused: a PNG of 100000 x 100000 pixels, more than 40000000");
    const std::string tall = png_bytes(picture(1, 3, checkerboard));
    CHECK(decoded(tall, {10 << 20, 2}) == "refused: a PNG of 1 x 3 pixels, more than 2");
  }

  TEST_CASE("a file past 10 MiB is refused before its header is read") {
    std::string huge = png_bytes(picture(4, 4, checkerboard));
    huge.resize((10 << 20) + 1, '\0');
    CHECK(decoded(huge) == "refused: a file of 10485761 bytes, more than 10485760");
  }

  TEST_CASE("an HTML page served as a picture, and other wrong content, is refused") {
    CHECK(decoded("<!DOCTYPE html><html><body>404 Not Found</body></html>") ==
          "refused: not a PNG, JPEG or WebP picture");
    CHECK(decoded("GIF89a\x01\x00\x01\x00") == "refused: not a PNG, JPEG or WebP picture");
    CHECK(decoded("") == "refused: not a PNG, JPEG or WebP picture");
    CHECK(decoded(std::string("BM") + std::string(60, '\0')) == "refused: not a PNG, JPEG or WebP picture");
  }

  TEST_CASE("a corrupt picture is refused by the decoder, saying which format") {
    std::string png = png_bytes(picture(64, 64, checkerboard));
    const size_t idat = png.find("IDAT");
    REQUIRE(idat != std::string::npos);
    for (size_t i = idat + 4; i < idat + 40; ++i) png[i] = char(png[i] ^ 0x5A);  // IDAT's data scrambled
    CHECK(decoded(png) == "refused: a PNG whose IDAT chunk is damaged (its CRC does not match)");
    // Chunks whole, CRCs right, the compressed data garbage: the decoder refuses it.
    const std::string ihdr = big_endian32(4) + big_endian32(4) + std::string("\x08\x06\x00\x00\x00", 5);
    const std::string garbage = std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", ihdr) +
                                png_chunk("IDAT", "not zlib data at all") + png_chunk("IEND", "");
    CHECK(decoded(garbage).starts_with("refused: a PNG that cannot be decoded: "));
    std::string jpeg = jpeg_bytes(picture(64, 64, checkerboard));
    jpeg[2] = 'x';  // not a marker where one must be
    CHECK(decoded(jpeg) == "refused: not a PNG, JPEG or WebP picture");
    std::string webp = photo_file("lossy.webp");
    webp[23] = 0;  // the key frame's start code
    CHECK(decoded(webp) == "refused: a WebP (VP8) without a key frame's start code");
  }

  TEST_CASE("a picture cut short is refused, in its header or by the decoder") {
    const std::string png = png_bytes(picture(64, 64, checkerboard));
    CHECK(decoded(png.substr(0, 20)) == "refused: a PNG cut short before its size");
    CHECK(decoded(png.substr(0, png.size() / 2)) == "refused: a PNG cut short");
    CHECK(decoded(png.substr(0, png.size() - 12)) == "refused: a PNG cut short");  // no IEND
    const std::string jpeg = photo_file("photo.jpg");
    CHECK(decoded(jpeg.substr(0, 100)) == "refused: a JPEG cut short before its frame header");
    // Past its header, libjpeg would fill the rest grey and say so only as a warning.
    const std::string noise = jpeg_bytes(picture(160, 120, [](int x, int y) -> std::array<uint8_t, 4> {
      const auto v = uint8_t((x * 7919 + y * 104729) % 251);
      return {v, uint8_t(255 - v), uint8_t(v / 2), 255};
    }));
    CHECK(decoded(noise.substr(0, noise.size() * 2 / 3)) ==
          "refused: a JPEG that is damaged or cut short: Premature end of JPEG file");
    const std::string progressive = photo_file("plasma-progressive.jpg");
    CHECK(decoded(progressive.substr(0, progressive.size() * 2 / 3)) ==
          "refused: a JPEG that is damaged or cut short: Premature end of JPEG file");
    const std::string webp = photo_file("lossless.webp");
    CHECK(decoded(webp.substr(0, 22)) == "refused: a WebP cut short before its size");
    CHECK(decoded(webp.substr(0, webp.size() - 20)).starts_with("refused: a WebP that cannot be decoded: "));
  }

  TEST_CASE("a fine checkerboard scaled down comes out an even grey: no aliasing") {
    // 401 to 57 pixels: 7.04 source pixels an output pixel, not a whole number, so that no
    // filter is helped by output pixels landing on edges between source pixels.
    const RgbaImage board = picture(401, 401, checkerboard);
    const RgbaImage scaled = scale_to_cover(board, 57, 57);
    REQUIRE(scaled.width == 57);
    REQUIRE(scaled.height == 57);
    CHECK(largest_difference(scaled, 128) <= 8);
    for (size_t i = 3; i < scaled.pixels.size(); i += 4) REQUIRE(int(scaled.pixels[i]) == 255);  // opaque stays opaque

    // The same check on pixman's bilinear filter, to show that it tells filters apart.
    std::vector<uint32_t> input(board.pixels.size() / 4), output(57 * 57);
    std::memcpy(input.data(), board.pixels.data(), board.pixels.size());
    pixman_image_t* source = pixman_image_create_bits(PIXMAN_a8b8g8r8, 401, 401, input.data(), 401 * 4);
    pixman_image_t* target = pixman_image_create_bits(PIXMAN_a8b8g8r8, 57, 57, output.data(), 57 * 4);
    pixman_transform_t transform;
    pixman_transform_init_scale(&transform, pixman_double_to_fixed(401.0 / 57), pixman_double_to_fixed(401.0 / 57));
    pixman_image_set_transform(source, &transform);
    pixman_image_set_filter(source, PIXMAN_FILTER_BILINEAR, nullptr, 0);
    pixman_image_composite32(PIXMAN_OP_SRC, source, nullptr, target, 0, 0, 0, 0, 0, 0, 57, 57);
    pixman_image_unref(source);
    pixman_image_unref(target);
    RgbaImage bilinear{57, 57, std::vector<uint8_t>(output.size() * 4)};
    std::memcpy(bilinear.pixels.data(), output.data(), bilinear.pixels.size());
    CHECK(largest_difference(bilinear, 128) > 60);
  }

  TEST_CASE("a photo fills its box and is cropped around its centre") {
    // Three bands, red | green | blue, each 100 pixels: a square box shows the green one.
    const auto bands = [](bool across) {
      return [across](int x, int y) -> std::array<uint8_t, 4> {
        const int band = (across ? x : y) / 100;
        return {uint8_t(band == 0 ? 255 : 0), uint8_t(band == 1 ? 255 : 0), uint8_t(band == 2 ? 255 : 0), 255};
      };
    };
    for (const bool landscape : {true, false}) {
      CAPTURE(landscape);
      const RgbaImage photo = landscape ? picture(300, 100, bands(true)) : picture(100, 300, bands(false));
      const RgbaImage box = scale_to_cover(photo, 60, 60);
      REQUIRE(box.width == 60);
      REQUIRE(box.height == 60);
      // The middle row and column, 5 pixels from the cut edges: the Lanczos window reaches
      // 3 source pixels, 1.8 output pixels, across a cut into the red and blue bands.
      for (int i = 5; i < 55; ++i) {
        const size_t across = (size_t(30) * 60 + size_t(i)) * 4, down = (size_t(i) * 60 + 30) * 4;
        for (const size_t at : {across, down}) {
          CHECK(int(box.pixels[at + 1]) >= 250);
          CHECK(int(box.pixels[at]) + int(box.pixels[at + 2]) <= 10);
        }
      }
    }
    CHECK(scale_to_cover(RgbaImage{}, 60, 60).empty());
    CHECK(scale_to_cover(picture(2, 2, checkerboard), 0, 60).empty());
  }

  TEST_CASE("a JPEG is shrunk while decoding to the smallest eighth that still covers its box") {
    // Red | blue halves, 400 x 300. For a 150 x 100 box, 3/8 is the smallest eighth that
    // covers it: libjpeg rounds up, 400 * 3 / 8 = 150 and 300 * 3 / 8 = 112.5 -> 113.
    const std::string halves = jpeg_bytes(picture(400, 300, [](int x, int) -> std::array<uint8_t, 4> {
      return x < 200 ? std::array<uint8_t, 4>{255, 0, 0, 255} : std::array<uint8_t, 4>{0, 0, 255, 255};
    }));
    std::string why;
    const auto shrunk = decode_photo(halves, {}, why, 150, 100);
    REQUIRE_MESSAGE(shrunk, why);
    CHECK(shrunk->width == 150);
    CHECK(shrunk->height == 113);
    CHECK_MESSAGE(near(*shrunk, 30, 56, {255, 0, 0}), pixel(*shrunk, 30, 56));
    CHECK_MESSAGE(near(*shrunk, 120, 56, {0, 0, 255}), pixel(*shrunk, 120, 56));
    CHECK(decoded(halves) == "400x300");                                  // no box: full size
    CHECK(decoded_size(halves, 151, 10) == "200x150");                    // 4/8: 3/8 is 150 wide
    CHECK(decoded_size(halves, 10, 10) == "50x38");                       // 1/8 at most
    CHECK(decoded_size(halves, 800, 10) == "400x300");                    // never enlarged
    CHECK(decoded_size(photo_file("photo.jpg"), 10, 10) == "18x12");        // 48 x 32 at 3/8
    CHECK(decoded_size(photo_file("progressive.jpg"), 10, 10) == "18x12");  // progressive too
  }

  TEST_CASE("grey and CMYK JPEGs decode to opaque RGB") {
    std::string why;
    const auto grey = decode_photo(photo_file("grey.jpg"), {}, why);
    REQUIRE_MESSAGE(grey, why);
    CHECK_MESSAGE(near(*grey, 24, 0, {255, 255, 255}), pixel(*grey, 24, 0));  // white at the top
    CHECK_MESSAGE(near(*grey, 24, 31, {0, 0, 0}), pixel(*grey, 24, 31));      // black at the bottom
    // ImageMagick writes CMYK inverted, as Photoshop does, with an Adobe segment saying so.
    const auto cmyk = decode_photo(photo_file("cmyk.jpg"), {}, why);
    REQUIRE_MESSAGE(cmyk, why);
    CHECK_MESSAGE(near(*cmyk, 10, 10, {255, 0, 0}), pixel(*cmyk, 10, 10));
  }

  TEST_CASE("a JPEG past its scan or working-memory budget is refused, as is one that contradicts its header") {
    const std::string progressive = photo_file("plasma-progressive.jpg");
    std::string why;
    CHECK(decode_jpeg(progressive, {.max_scans = 10}, why));  // ImageMagick's progression: 10 scans
    CHECK_FALSE(decode_jpeg(progressive, {.max_scans = 9}, why));
    CHECK(why == "a JPEG that cannot be decoded: more than 9 scans");
    // Every coefficient of a progressive JPEG is kept until its last scan: 160 x 120 needs
    // more than 4 KiB (libjpeg has no files to spill to, and says so).
    CHECK(decode_jpeg(progressive, {.max_working_bytes = 1 << 20}, why));
    CHECK_FALSE(decode_jpeg(progressive, {.max_working_bytes = 4096}, why));
    CHECK(why == "a JPEG that cannot be decoded: Backing store not supported");
    CHECK_FALSE(decode_jpeg(progressive, {.width = 160, .height = 121}, why));
    CHECK(why == "a JPEG that cannot be decoded: its frame is 160 x 120, its header said 160 x 121");
  }
}

}  // namespace
}  // namespace lafita::render
