#pragma once

#include "base/c_deleter.hpp"

#include <pixman.h>

#include <cstdlib>
#include <memory>

namespace lafita::render {

// pixman's handles, each freed by the function pixman names for it.
using PixmanImage = std::unique_ptr<pixman_image_t, CDeleter<pixman_image_unref>>;
using PixmanParams = std::unique_ptr<pixman_fixed_t, CDeleter<std::free>>;  // filter parameters pixman malloc'ed

}  // namespace lafita::render
