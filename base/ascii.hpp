#pragma once
// ASCII case for protocol words (URL schemes and hosts, charsets, CAP keywords, HTML tag
// names): never for text a reader sees, which ICU folds.
#include <algorithm>
#include <string>
#include <string_view>

namespace lafita {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
  return lower;
}

inline bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

}  // namespace lafita
