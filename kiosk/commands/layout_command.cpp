#include "kiosk/commands/layout_command.hpp"

#include "base/utf8.hpp"
#include "fonts/font_error.hpp"
#include "fonts/font_library.hpp"
#include "kiosk/commands/layout_json.hpp"
#include "kiosk/commands/program.hpp"
#include "kiosk/config/command_line.hpp"
#include "kiosk/slides/content.hpp"
#include "render/draw/canvas.hpp"
#include "render/draw/png_writer.hpp"
#include "render/text/text_layouter.hpp"
#include "render/text/unicode_text.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace lafita::kiosk {

namespace {

constexpr const char* kLayoutUsage =
    "usage: lafita layout --font FILE|FAMILY [--font FALLBACK ...] --size PX --width PX\n"
    "                     [--line-height K] [--align start|end|left|right|center|justify]\n"
    "                     [--kashida] [--wrap greedy|balance|pretty] [--dir auto|rtl|ltr]\n"
    "                     [--lang TAG]\n"
    "                     [--png OUT.png] FILE\n"
    "\n"
    "Lays out each line of FILE (- for standard input) as a paragraph and prints JSON.\n"
    "  --font         a font file or an installed family; repeat for fallbacks, in order\n"
    "  --size         font size in px\n"
    "  --width        box width in px\n"
    "  --line-height  line box height as a multiple of the size (default 1.6); a line\n"
    "                 grows to fit the tallest font on it\n"
    "  --align        start (default) and end follow the paragraph direction\n"
    "  --kashida      with --align justify, Arabic lines are also justified by elongating\n"
    "                 letter joins (one tatweel place per word); each line's \"kashidas\"\n"
    "                 lists them: before which code point, how many tatweels, how wide\n"
    "  --wrap         greedy (default): each line takes what fits; balance: as few lines,\n"
    "                 as equal as they can be (CSS text-wrap: balance); pretty: no last\n"
    "                 line of one word, without adding a line (CSS text-wrap: pretty)\n"
    "  --dir          paragraph direction; auto (default) takes the first strong letter,\n"
    "                 or rtl when --lang is a right-to-left language\n"
    "  --lang         content language (BCP 47), e.g. ar\n"
    "  --png          also draw the laid-out block into this PNG file\n";

constexpr std::array kOptions{
    OptionSpec{"--font", true, true},        OptionSpec{"--size", true, false},
    OptionSpec{"--width", true, false},      OptionSpec{"--line-height", true, false},
    OptionSpec{"--align", true, false},      OptionSpec{"--dir", true, false},
    OptionSpec{"--lang", true, false},       OptionSpec{"--png", true, false},
    OptionSpec{"--wrap", true, false},       OptionSpec{"--kashida", false, false},
    OptionSpec{"--help", false, false},
};

struct LayoutRequest {
  std::vector<std::string> fonts;
  float size = 0;
  float width = 0;
  float line_height = 1.6f;
  render::Align align = render::Align::start;
  render::Wrap wrap = render::Wrap::greedy;
  bool kashida = false;
  render::BaseDirection direction = render::BaseDirection::automatic;
  std::string language;
  std::string png;
  std::string file;
};

render::Align parse_align(std::string_view text) {
  static constexpr std::array<std::string_view, 6> names{"start", "end", "left", "right", "center", "justify"};
  const std::string name = parse_choice("--align", text, names);
  return static_cast<render::Align>(std::ranges::find(names, name) - names.begin());
}

render::Wrap parse_wrap(std::string_view text) {
  static constexpr std::array<std::string_view, 3> names{"greedy", "balance", "pretty"};
  const std::string name = parse_choice("--wrap", text, names);
  return static_cast<render::Wrap>(std::ranges::find(names, name) - names.begin());
}

render::BaseDirection parse_direction(std::string_view text) {
  static constexpr std::array<std::string_view, 3> names{"auto", "ltr", "rtl"};
  const std::string name = parse_choice("--dir", text, names);
  return static_cast<render::BaseDirection>(std::ranges::find(names, name) - names.begin());
}

LayoutRequest parse_request(const CommandLine& line) {
  LayoutRequest request;
  request.fonts = line.values("--font");
  if (request.fonts.empty()) throw UsageError("--font: at least one font file or family is required");
  if (!line.has("--size")) throw UsageError("--size: required (font size in px)");
  if (!line.has("--width")) throw UsageError("--width: required (box width in px)");
  // Bounds far past any screen, well below what overflows FreeType's 26.6 sizes or memory.
  const auto within = [&](const char* option, float value, float max, const char* unit) {
    if (value > max) {
      throw UsageError(std::string(option) + ": at most " + std::to_string(static_cast<int>(max)) + " " + unit + ", got '" +
                       line.value(option) + "'");
    }
    return value;
  };
  request.size = within("--size", parse_positive("--size", line.value("--size"), "pixels"), 2000, "pixels");
  request.width = within("--width", parse_positive("--width", line.value("--width"), "pixels"), 20000, "pixels");
  if (line.has("--line-height")) {
    request.line_height =
        within("--line-height", parse_positive("--line-height", line.value("--line-height"), "times the size"), 10, "times the size");
  }
  request.align = parse_align(line.value("--align", "start"));
  request.wrap = parse_wrap(line.value("--wrap", "greedy"));
  request.kashida = line.has("--kashida");
  if (request.kashida && request.align != render::Align::justify) throw UsageError("--kashida: needs --align justify");
  request.direction = parse_direction(line.value("--dir", "auto"));
  request.language = line.value("--lang");
  request.png = line.value("--png");
  if (line.positional().size() != 1) {
    throw UsageError("expected exactly one text FILE, got " + std::to_string(line.positional().size()));
  }
  request.file = line.positional().front();
  return request;
}

std::string describe_missing(const std::vector<char32_t>& missing) {
  std::string list;
  for (char32_t c : missing) {
    char name[16];
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
    list += (list.empty() ? "" : ", ") + std::string(name);
  }
  return list;
}

// The laid-out paragraphs stacked in a box with a margin, black on white, the box edges
// in light grey so that alignment can be judged.
std::string draw_png(const LayoutRequest& request, const std::vector<render::ParagraphLayout>& layouts) {
  constexpr int kMargin = 16;
  float height = 0;
  for (const auto& layout : layouts) height += layout.height;
  const int box_width = static_cast<int>(std::ceil(request.width));
  const int box_height = std::max(1, static_cast<int>(std::ceil(std::min(height, 1e6f))));
  constexpr int64_t kMaxPixels = 64 << 20;
  const int64_t pixels = int64_t{box_width + 2 * kMargin} * (box_height + 2 * kMargin);
  if (pixels > kMaxPixels) {
    throw UsageError("--png: the picture would be " + std::to_string(box_width + 2 * kMargin) + "x" +
                     std::to_string(box_height + 2 * kMargin) + " px, more than the limit of 64 megapixels");
  }
  render::Canvas canvas(box_width + 2 * kMargin, box_height + 2 * kMargin, {255, 255, 255});
  const render::Color edge{200, 200, 200};
  canvas.fill_rect(kMargin - 1, kMargin - 1, box_width + 2, 1, edge);
  canvas.fill_rect(kMargin - 1, kMargin + box_height, box_width + 2, 1, edge);
  canvas.fill_rect(kMargin - 1, kMargin - 1, 1, box_height + 2, edge);
  canvas.fill_rect(kMargin + box_width, kMargin - 1, 1, box_height + 2, edge);
  render::GlyphRasterizer rasterizer;
  float y = kMargin;
  for (const auto& layout : layouts) {
    render::draw_paragraph(canvas, rasterizer, layout, kMargin, y, {20, 20, 20});
    y += layout.height;
  }
  return render::write_png(canvas, request.png);
}

int layout_file(const LayoutRequest& request, std::ostream& out, std::ostream& err) {
  fonts::FontLibrary library;
  const fonts::FontStack stack = library.stack(request.fonts, request.size);
  const std::u32string text = lafita::decode_utf8(read_text_file(request.file));
  const render::TextStyle style{&stack, request.line_height, request.align, request.direction, request.language,
                                  request.wrap, request.kashida};

  render::TextLayouter layouter;
  std::vector<render::ParagraphLayout> layouts;
  nlohmann::json paragraphs = nlohmann::json::array();
  std::vector<char32_t> missing;
  for (std::u32string_view paragraph : render::split_paragraphs(text)) {
    layouts.push_back(layouter.layout(paragraph, style, request.width));
    nlohmann::json json = paragraph_json(layouts.back(), paragraph);
    json["index"] = paragraphs.size();
    paragraphs.push_back(std::move(json));
    for (char32_t c : layouts.back().missing) {
      if (std::ranges::find(missing, c) == missing.end()) missing.push_back(c);
    }
  }
  if (!missing.empty()) {
    err << "lafita layout: warning: '" << request.file << "': no font of the stack has " << describe_missing(missing)
        << " (drawn as .notdef)\n";
  }

  nlohmann::json fonts = nlohmann::json::array();
  for (const fonts::Font* font : stack.fonts()) fonts.push_back(font->face().path().string());
  nlohmann::json document{{"params",
                           {{"fonts", std::move(fonts)},
                            {"font_size_px", std::round(double{request.size} * 1000) / 1000},
                            {"box_width_px", std::round(double{request.width} * 1000) / 1000},
                            {"line_height", std::round(double{request.line_height} * 1000) / 1000},
                            {"text_file", request.file}}},
                          {"paragraphs", std::move(paragraphs)}};
  out << document.dump(1) << "\n";

  if (!request.png.empty()) {
    if (std::string error = draw_png(request, layouts); !error.empty()) {
      err << "lafita layout: " << error << "\n";
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace

int run_layout_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  LayoutRequest request;
  try {
    const CommandLine line(args, kOptions);
    if (line.has("--help")) {
      out << kLayoutUsage;
      return kExitOk;
    }
    request = parse_request(line);
    return layout_file(request, out, err);
  } catch (...) {
    return report_error("lafita layout", "lafita layout --help lists the options", err);
  }
}

}  // namespace lafita::kiosk
