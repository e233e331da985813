#include "render/draw/png_writer.hpp"

#include <png.h>

namespace lafita::render {

std::string write_png(const Canvas& canvas, const std::filesystem::path& file) {
  return write_png(canvas.width(), canvas.height(), canvas.rgba().data(), canvas.width() * 4, file);
}

std::string write_png(int width, int height, const uint8_t* rgba, int stride, const std::filesystem::path& file) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_RGBA;
  if (png_image_write_to_file(&image, file.c_str(), 0, rgba, stride, nullptr) == 0) {
    std::string why = image.message[0] ? image.message : "unknown libpng error";
    png_image_free(&image);
    return "PNG '" + file.string() + "': failed to write: " + why;
  }
  return {};
}

}  // namespace lafita::render
