#include "render/draw/jpeg_decoder.hpp"

#include <csetjmp>
#include <cstdio>  // jpeglib.h uses FILE without including it

#include <jerror.h>
#include <jpeglib.h>

namespace lafita::render {

namespace {

// libjpeg reports a fatal error through error_exit, which must not return: it jumps back
// to the step that called into libjpeg (start, read_rows). Those steps hold only plain
// values, and the frames jumped over are libjpeg's, so nothing is skipped that needed its
// destructor run.
struct Errors {
  jpeg_error_mgr manager;  // first: libjpeg's pointer to it is a pointer to the whole
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  bool damaged;  // a warning that means missing or garbled pixels, which libjpeg fills grey
};

struct Progress {
  jpeg_progress_mgr manager;  // first, as above
  int max_scans;
};

// One decompression: libjpeg keeps pointers into it, so it never moves.
struct Decoder {
  jpeg_decompress_struct info{};
  Errors errors{};
  Progress progress{};
  Decoder() = default;
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;
  ~Decoder() { jpeg_destroy_decompress(&info); }  // also after a failed create: it checks
};

// libjpeg hands back the pointers it was given, typed as their first member: they point at
// the whole struct, so its alignment holds (through void*: -Wcast-align cannot know).
template <typename Whole, typename Part>
Whole* whole_of(Part* part) {
  return static_cast<Whole*>(static_cast<void*>(part));
}

Errors& errors_of(j_common_ptr info) { return *whole_of<Errors>(info->err); }

[[noreturn]] void on_error(j_common_ptr info) {
  Errors& errors = errors_of(info);
  info->err->format_message(info, errors.message);
  std::longjmp(errors.jump, 1);
}

// Warnings (level -1) are kept, not printed; the first that means damaged pixels is the
// reason the picture is refused. Extraneous bytes before a marker and the like are
// harmless and common in photos from cameras and editors.
void on_message(j_common_ptr info, int level) {
  if (level != -1) return;  // trace messages
  Errors& errors = errors_of(info);
  switch (info->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_MUST_RESYNC:
      if (!errors.damaged) info->err->format_message(info, errors.message);
      errors.damaged = true;
      break;
    default: break;
  }
}

// Called while a progressive JPEG's scans are read, each a pass over the whole picture.
void on_progress(j_common_ptr info) {
  const auto* decompress = whole_of<jpeg_decompress_struct>(info);  // only decompressors are made here
  const auto* progress = whole_of<const Progress>(info->progress);
  if (decompress->input_scan_number <= progress->max_scans) return;
  Errors& errors = errors_of(info);
  std::snprintf(errors.message, sizeof errors.message, "more than %d scans", progress->max_scans);
  std::longjmp(errors.jump, 1);
}

bool four_components(const jpeg_decompress_struct& info) {
  return info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
}

// The smallest n/8 (DCT scaling) at which the picture still covers the box; full size
// without a box, or for a box larger than the picture.
void choose_scale(jpeg_decompress_struct& info, const JpegDecoding& decoding) {
  info.scale_denom = 8;
  const bool box = decoding.cover_width > 0 || decoding.cover_height > 0;
  for (unsigned n = box ? 1 : 8; n <= 8; ++n) {
    info.scale_num = n;
    jpeg_calc_output_dimensions(&info);
    if (info.output_width >= JDIMENSION(decoding.cover_width) && info.output_height >= JDIMENSION(decoding.cover_height)) {
      return;
    }
  }
}

// Reads the header and starts decompressing (for a progressive JPEG, reads every scan).
bool start(Decoder& decoder, std::string_view bytes, const JpegDecoding& decoding) {
  jpeg_decompress_struct& info = decoder.info;
  info.err = jpeg_std_error(&decoder.errors.manager);
  decoder.errors.manager.error_exit = on_error;
  decoder.errors.manager.emit_message = on_message;
  if (setjmp(decoder.errors.jump)) return false;
  jpeg_create_decompress(&info);
  info.mem->max_memory_to_use = long(decoding.max_working_bytes);  // past it: "backing store not supported"
  decoder.progress.manager.progress_monitor = on_progress;
  decoder.progress.max_scans = decoding.max_scans;
  info.progress = &decoder.progress.manager;
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  if (decoding.width && (info.image_width != decoding.width || info.image_height != decoding.height)) {
    std::snprintf(decoder.errors.message, sizeof decoder.errors.message, "its frame is %u x %u, its header said %u x %u",
                  info.image_width, info.image_height, decoding.width, decoding.height);
    return false;
  }
  // CMYK comes out as it is (four bytes, like RGBA) and is converted in place.
  info.out_color_space = four_components(info) ? JCS_CMYK : JCS_EXT_RGBA;
  info.dct_method = JDCT_ISLOW;
  choose_scale(info, decoding);
  jpeg_start_decompress(&info);
  return true;
}

bool read_rows(Decoder& decoder, uint8_t* pixels, size_t row_bytes) {
  jpeg_decompress_struct& info = decoder.info;
  if (setjmp(decoder.errors.jump)) return false;
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = pixels + size_t(info.output_scanline) * row_bytes;
    jpeg_read_scanlines(&info, &row, 1);
  }
  return true;
}

// CMYK to RGB, naively (no colour profile). Photoshop's JPEGs, marked by an Adobe
// segment, store CMYK inverted.
void cmyk_to_rgba(std::vector<uint8_t>& pixels, bool inverted) {
  for (size_t i = 0; i + 3 < pixels.size(); i += 4) {
    unsigned k = pixels[i + 3];
    if (!inverted) k = 255 - k;
    for (size_t c = 0; c < 3; ++c) {
      const unsigned ink = inverted ? pixels[i + c] : 255u - pixels[i + c];
      pixels[i + c] = uint8_t((ink * k + 127) / 255);
    }
    pixels[i + 3] = 255;
  }
}

}  // namespace

std::optional<RgbaImage> decode_jpeg(std::string_view bytes, const JpegDecoding& decoding, std::string& why) {
  Decoder decoder;
  if (!start(decoder, bytes, decoding)) {
    why = std::string("a JPEG that cannot be decoded: ") + decoder.errors.message;
    return std::nullopt;
  }
  const jpeg_decompress_struct& info = decoder.info;
  RgbaImage image{int(info.output_width), int(info.output_height),
                  std::vector<uint8_t>(size_t(info.output_width) * size_t(info.output_height) * 4)};
  if (!read_rows(decoder, image.pixels.data(), size_t(info.output_width) * 4)) {
    why = std::string("a JPEG that cannot be decoded: ") + decoder.errors.message;
    return std::nullopt;
  }
  if (decoder.errors.damaged) {
    why = std::string("a JPEG that is damaged or cut short: ") + decoder.errors.message;
    return std::nullopt;
  }
  if (info.out_color_space == JCS_CMYK) cmyk_to_rgba(image.pixels, info.saw_Adobe_marker);
  return image;
}

}  // namespace lafita::render
