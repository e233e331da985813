#pragma once

#include "feeds/time_parsing.hpp"

#include <SDL2/SDL.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lafita::kiosk {

// RGBA pixels, rows without padding.
struct Picture {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;
};

// `picture` made at most `max_width` pixels wide (kept as it is when it is not wider),
// each pixel the average of the area it covers (an area filter: no aliasing of thin
// strokes, as nearest or bilinear sampling would give).
Picture scaled_down(const Picture& picture, int max_width);

// A small picture of what is on screen, for an admin who wants to tell a black TV from a
// black slide: after a frame is drawn (before it is presented) the renderer's output is
// read back, scaled down to at most 480 pixels wide and written as PNG to `file`
// atomically (temporary file, rename). Main thread only, like the renderer. An empty
// path turns it off.
class ScreenPicture {
 public:
  static constexpr int kMaxWidth = 480;
  explicit ScreenPicture(std::filesystem::path file) : file_(std::move(file)) {}

  // Reads and writes it; returns an error to log (once per failure run), else empty.
  std::string take(SDL_Renderer* renderer, feeds::Time now);

  const std::filesystem::path& file() const { return file_; }
  std::optional<feeds::Time> taken() const { return taken_; }

 private:
  std::filesystem::path file_;
  std::optional<feeds::Time> taken_;
};

// Where it goes: screen.png in systemd's $RUNTIME_DIRECTORY; nowhere (empty) outside a
// service.
std::filesystem::path screen_picture_file();

}  // namespace lafita::kiosk
