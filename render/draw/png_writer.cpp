#include "render/draw/png_writer.hpp"

#include "base/c_deleter.hpp"

#include <png.h>

#include <memory>

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
  const std::unique_ptr<png_image, CDeleter<png_image_free>> release(&image);  // libpng's memory, not the struct
  if (png_image_write_to_file(&image, file.c_str(), 0, rgba, stride, nullptr) == 0) {
    const std::string why = image.message[0] ? image.message : "unknown libpng error";
    return "PNG '" + file.string() + "': failed to write: " + why;
  }
  return {};
}

}  // namespace lafita::render
