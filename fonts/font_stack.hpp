#pragma once

#include "fonts/font.hpp"

#include <span>
#include <vector>

namespace lafita::fonts {

// The fonts of one text style at one size, in fallback order: the first font whose cmap
// covers a grapheme cluster draws it. The fonts are owned by a FontLibrary, which must
// outlive the stack. Never empty.
class FontStack {
 public:
  explicit FontStack(std::vector<const Font*> fonts) : fonts_(std::move(fonts)) {}

  std::span<const Font* const> fonts() const { return fonts_; }
  const Font& operator[](size_t i) const { return *fonts_[i]; }
  size_t count() const { return fonts_.size(); }
  const Font& primary() const { return *fonts_.front(); }
  float size() const { return fonts_.front()->size(); }

 private:
  std::vector<const Font*> fonts_;
};

}  // namespace lafita::fonts
