#pragma once

#include <stdexcept>

namespace lafita::fonts {

// A font that cannot be used: a missing or unreadable file, data that is not a font, a
// family that no installed font provides. what() is one line that names the font and why.
class FontError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace lafita::fonts
