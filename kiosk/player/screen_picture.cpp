#include "kiosk/player/screen_picture.hpp"

#include "render/draw/png_writer.hpp"

#include <algorithm>
#include <cstdlib>

namespace lafita::kiosk {

Picture scaled_down(const Picture& picture, int max_width) {
  if (picture.width <= max_width || picture.width <= 0) return picture;
  Picture out;
  out.width = max_width;
  out.height = std::max(1, static_cast<int>(static_cast<int64_t>(picture.height) * max_width / picture.width));
  out.rgba.resize(static_cast<size_t>(out.width) * out.height * 4);
  // The source rows and columns each output pixel covers: [begin(i), begin(i + 1)).
  const auto begin = [](int i, int in, int out_size) { return static_cast<int>(static_cast<int64_t>(i) * in / out_size); };
  for (int y = 0; y < out.height; ++y) {
    const int y0 = begin(y, picture.height, out.height), y1 = std::max(y0 + 1, begin(y + 1, picture.height, out.height));
    for (int x = 0; x < out.width; ++x) {
      const int x0 = begin(x, picture.width, out.width), x1 = std::max(x0 + 1, begin(x + 1, picture.width, out.width));
      uint32_t sum[4] = {0, 0, 0, 0};
      for (int sy = y0; sy < y1; ++sy) {
        const uint8_t* row = picture.rgba.data() + (static_cast<size_t>(sy) * picture.width + x0) * 4;
        for (int sx = x0; sx < x1; ++sx, row += 4) {
          for (int c = 0; c < 4; ++c) sum[c] += row[c];
        }
      }
      const uint32_t count = static_cast<uint32_t>((y1 - y0) * (x1 - x0));
      uint8_t* pixel = out.rgba.data() + (static_cast<size_t>(y) * out.width + x) * 4;
      for (int c = 0; c < 4; ++c) pixel[c] = static_cast<uint8_t>((sum[c] + count / 2) / count);
    }
  }
  return out;
}

std::string ScreenPicture::take(SDL_Renderer* renderer, feeds::Time now) {
  if (file_.empty()) return {};
  Picture screen;
  if (SDL_GetRendererOutputSize(renderer, &screen.width, &screen.height) != 0 || screen.width <= 0 || screen.height <= 0) {
    return std::string("cannot read the screen's size: ") + SDL_GetError();
  }
  screen.rgba.resize(static_cast<size_t>(screen.width) * screen.height * 4);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, screen.rgba.data(), screen.width * 4) != 0) {
    return std::string("cannot read the screen back: ") + SDL_GetError();
  }
  for (size_t i = 3; i < screen.rgba.size(); i += 4) screen.rgba[i] = 255;  // what the eye sees is opaque
  const Picture small = scaled_down(screen, kMaxWidth);
  const std::filesystem::path temporary = file_.string() + ".tmp";
  if (std::string error = render::write_png(small.width, small.height, small.rgba.data(), small.width * 4, temporary);
      !error.empty()) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return error;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file_, ec);
  if (ec) return "cannot write '" + file_.string() + "': " + ec.message();
  taken_ = now;
  return {};
}

std::filesystem::path screen_picture_file() {
  const char* runtime = std::getenv("RUNTIME_DIRECTORY");
  return runtime ? std::filesystem::path(runtime) / "screen.png" : std::filesystem::path();
}

}  // namespace lafita::kiosk
