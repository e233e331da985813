#pragma once

#include "render/draw/canvas.hpp"

#include <filesystem>
#include <string>

namespace lafita::render {

// Writes the canvas as an RGBA PNG (libpng). Returns an empty string on success, else
// one line saying what went wrong with which file.
std::string write_png(const Canvas& canvas, const std::filesystem::path& file);

}  // namespace lafita::render
