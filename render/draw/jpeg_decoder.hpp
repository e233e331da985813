#pragma once

#include "render/draw/rgba_image.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lafita::render {

// How a JPEG is decoded: shrunk while decoding to the smallest size that still covers a
// box (libjpeg-turbo's DCT scaling, in steps of 1/8: a 1600 × 1200 photo for a 700 × 860
// box is decoded at 1200 × 900, a 4000 × 3000 one at 1/4), and within a working budget.
struct JpegDecoding {
  int cover_width = 0;   // the box the picture will be scaled to cover; 0 × 0: full size
  int cover_height = 0;
  uint32_t width = 0;    // the size its header gave when checked (check_image): a JPEG
  uint32_t height = 0;   // that says otherwise to libjpeg is refused; 0 × 0: any size
  size_t max_working_bytes = 64 << 20;  // libjpeg's own buffers: a progressive JPEG keeps
                                        // every coefficient of the picture (24 MP: 72 MB)
  int max_scans = 500;  // a progressive JPEG of thousands of tiny scans costs minutes of CPU
};

// Decodes a baseline or progressive JPEG (grey, YCbCr, RGB, CMYK or YCCK) held in memory
// to RGBA, opaque, with libjpeg-turbo. Nothing, with `why` (no file or URL: the caller
// names them), for a JPEG that is corrupt, cut short (libjpeg would fill the rest grey),
// has more scans than allowed or needs more working memory. Checks no size limit of its
// own: the caller reads the header first (check_image). Pure, any thread; libjpeg's
// messages go to `why`, never to stderr.
std::optional<RgbaImage> decode_jpeg(std::string_view bytes, const JpegDecoding& decoding, std::string& why);

}  // namespace lafita::render
