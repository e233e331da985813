#pragma once

#include "render/draw/color.hpp"
#include "render/draw/scene.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace lafita::render {

// A QR code's modules, without its quiet zone: size × size, row by row.
struct QrMatrix {
  int version = 0;  // 1 to 40
  int size = 0;     // 17 + 4 × version modules a side
  std::vector<bool> dark;

  bool is_dark(int x, int y) const { return dark[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)]; }
};

// The quiet zone the QR standard asks for around a code: 4 modules of light on each side.
inline constexpr int kQrQuietModules = 4;

// `text` as bytes (libqrencode picks numeric or alphanumeric mode for runs where they are
// shorter) in the smallest version that holds it at error correction level M (15 % of
// the code may be lost: a screen is flat and clean, and the lower level keeps modules
// large). Nothing when it holds a NUL, or does not fit the largest version.
std::optional<QrMatrix> encode_qr(std::string_view text);

// The side of `code` drawn with `module` pixels a module, quiet zone included.
inline int qr_side(const QrMatrix& code, int module) { return (code.size + 2 * kQrQuietModules) * module; }

// Adds `code` to `scene` with the top-left of its quiet zone at whole pixel (x, y): a
// light square of qr_side(code, module), then each horizontal run of dark modules as one
// rectangle, every edge on a whole pixel, so no renderer blurs or drops a module.
void add_qr(Scene& scene, const QrMatrix& code, int x, int y, int module, Color dark, Color light);

}  // namespace lafita::render
