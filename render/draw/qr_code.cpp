#include "render/draw/qr_code.hpp"

#include "render/draw/qrencode_handles.hpp"

#include <string>

namespace lafita::render {

std::optional<QrMatrix> encode_qr(std::string_view text) {
  if (text.empty() || text.find('\0') != std::string_view::npos) return std::nullopt;
  const std::string terminated(text);  // libqrencode reads a C string
  // Case-sensitive, so that a URL's lower-case letters are kept (its alphanumeric mode has
  // upper case only); returns null with errno ERANGE when the text is too long for any version.
  const QrCodeHandle symbol(QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!symbol) return std::nullopt;
  QrMatrix code{symbol->version, symbol->width, {}};
  code.dark.resize(static_cast<size_t>(code.size) * static_cast<size_t>(code.size));
  for (size_t i = 0; i < code.dark.size(); ++i) code.dark[i] = (symbol->data[i] & 1) != 0;  // bit 0: dark
  return code;
}

void add_qr(Scene& scene, const QrMatrix& code, int x, int y, int module, Color dark, Color light) {
  const int side = qr_side(code, module);
  const auto at = [](int pixels) { return static_cast<float>(pixels); };
  scene.rects.push_back({at(x), at(y), at(side), at(side), light});
  const int left = x + kQrQuietModules * module, top = y + kQrQuietModules * module;
  for (int row = 0; row < code.size; ++row) {
    for (int column = 0; column < code.size;) {
      if (!code.is_dark(column, row)) {
        ++column;
        continue;
      }
      const int first = column;
      while (column < code.size && code.is_dark(column, row)) ++column;
      scene.rects.push_back(
          {at(left + first * module), at(top + row * module), at((column - first) * module), at(module), dark});
    }
  }
}

}  // namespace lafita::render
