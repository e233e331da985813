#pragma once

#include "render/draw/canvas.hpp"

#include <filesystem>
#include <string>

namespace lafita::render {

// Writes the canvas as an RGBA PNG (libpng). Returns an empty string on success, else
// one line saying what went wrong with which file.
std::string write_png(const Canvas& canvas, const std::filesystem::path& file);

// The same for RGBA rows `stride` bytes apart (a surface SDL drew).
std::string write_png(int width, int height, const uint8_t* rgba, int stride, const std::filesystem::path& file);

}  // namespace lafita::render
