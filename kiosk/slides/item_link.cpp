#include "kiosk/slides/item_link.hpp"

#include <algorithm>
#include <cctype>

namespace lafita::kiosk {

namespace {

// Whether `text` starts with `prefix` (lower case) in any case.
bool starts_with_no_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), text.begin(), [](char lower, char c) {
           return std::tolower(static_cast<unsigned char>(c)) == lower;
         });
}

// A space, a C0 control or DEL: never part of a URL a phone should open.
bool is_space_or_control(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }

}  // namespace

std::optional<std::string> qr_link(std::string_view link, std::string& why) {
  const size_t after_scheme = starts_with_no_case(link, "https://") ? 8 : starts_with_no_case(link, "http://") ? 7 : 0;
  if (after_scheme == 0) {
    why = "not an http:// or https:// link";
    return std::nullopt;
  }
  if (link.size() > kMaxQrLinkBytes) {
    why = "longer than " + std::to_string(kMaxQrLinkBytes) + " bytes (" + std::to_string(link.size()) + ")";
    return std::nullopt;
  }
  if (std::any_of(link.begin(), link.end(), is_space_or_control)) {
    why = "holds a space or a control character";
    return std::nullopt;
  }
  if (link.size() == after_scheme || link[after_scheme] == '/') {
    why = "has no host";
    return std::nullopt;
  }
  return std::string(link);
}

std::u32string qr_caption(std::string_view language) {
  if (language.starts_with("ar")) return U"النص الكامل";
  if (language.starts_with("fr")) return U"Texte intégral";
  return U"Full text";
}

}  // namespace lafita::kiosk
