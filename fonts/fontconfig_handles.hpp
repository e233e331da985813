#pragma once

#include "base/c_deleter.hpp"

#include <fontconfig/fontconfig.h>

#include <memory>

namespace lafita::fonts {

// fontconfig's objects, each destroyed by the function fontconfig names for it.
using FcConfigPtr = std::unique_ptr<FcConfig, CDeleter<FcConfigDestroy>>;
using FcPatternPtr = std::unique_ptr<FcPattern, CDeleter<FcPatternDestroy>>;

}  // namespace lafita::fonts
