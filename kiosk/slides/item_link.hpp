#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lafita::kiosk {

// The longest link a slide shows as a QR code. Longer ones (tracking parameters, a
// document's whole address in a query) would need a code too dense to scan from across a
// hall, and feeds already keep links up to 2,000 bytes for telling items apart.
inline constexpr size_t kMaxQrLinkBytes = 500;

// The link an item's QR code may carry: an http:// or https:// URL (scheme in any case)
// with a host, of at most kMaxQrLinkBytes, with no space or control character. Anything
// else (javascript:, mailto:, a relative path, a link cut or mangled by its feed) gets no
// code, and `why` says why in a few words, for one warning.
std::optional<std::string> qr_link(std::string_view link, std::string& why);

// The caption under which the code stands, in the item's language: "النص الكامل" for
// Arabic, "Texte intégral" for French, else "Full text".
std::u32string qr_caption(std::string_view language);

}  // namespace lafita::kiosk
