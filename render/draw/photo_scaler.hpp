#pragma once

#include "render/draw/rgba_image.hpp"

namespace lafita::render {

// `photo` scaled to cover a `width` × `height` box and cropped to it around its centre
// (the part that sticks out on two sides is cut equally), as a photo fills its box on a
// slide. Resampled with pixman's separable convolution: a Lanczos-3 window as wide as an
// output pixel when shrinking (no aliasing: fine stripes turn grey, not into moiré), a
// cubic when enlarging; alpha premultiplied while filtering. An empty photo or box gives
// an empty image. Pure, any thread; costs about width · height · 4 bytes plus the photo's
// premultiplied copy.
RgbaImage scale_to_cover(const RgbaImage& photo, int width, int height);

// `logo` scaled, with its proportions kept, to the largest size that fits within
// `max_width` × `max_height` (nothing cut: a logo must show whole), with the same filter.
RgbaImage scale_to_fit(const RgbaImage& logo, int max_width, int max_height);

}  // namespace lafita::render
