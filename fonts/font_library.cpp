#include "fonts/font_library.hpp"

#include "fonts/font_error.hpp"
#include "fonts/fontconfig_handles.hpp"

#include <algorithm>
#include <cctype>

namespace lafita::fonts {

namespace {

bool same_name(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

// fontconfig's generic aliases, which never name a family of their own.
bool is_generic_family(std::string_view family) {
  for (std::string_view generic : {"sans-serif", "sans", "serif", "monospace", "mono", "emoji"}) {
    if (same_name(family, generic)) return true;
  }
  return false;
}

// The Debian package that installs a family, for the families Lafita's defaults name.
std::string debian_package_of(std::string_view family) {
  auto starts = [&](std::string_view prefix) { return family.size() >= prefix.size() && same_name(family.substr(0, prefix.size()), prefix); };
  if (starts("Noto Color Emoji")) return "fonts-noto-color-emoji";
  if (starts("Noto Sans CJK") || starts("Noto Serif CJK")) return "fonts-noto-cjk";
  if (starts("Noto ")) return "fonts-noto-core";
  if (starts("DejaVu ")) return "fonts-dejavu-core";
  return {};
}

bool looks_like_file(std::string_view spec) {
  if (spec.find('/') != std::string_view::npos) return true;
  for (std::string_view ext : {".ttf", ".otf", ".ttc"}) {
    if (spec.size() > ext.size() && same_name(spec.substr(spec.size() - ext.size()), ext)) return true;
  }
  return false;
}

}  // namespace

struct FontLibrary::FontconfigState {
  FcConfigPtr config{FcInitLoadConfigAndFonts()};
};

FontLibrary::FontLibrary() = default;
FontLibrary::~FontLibrary() = default;

const Face& FontLibrary::face_from_file(const std::filesystem::path& file, unsigned index) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(file, ec);
  auto key = std::make_pair(ec ? file.string() : canonical.string(), index);
  auto found = faces_.find(key);
  if (found != faces_.end()) return *found->second;
  auto face = std::make_unique<Face>(file, index);
  return *faces_.emplace(std::move(key), std::move(face)).first->second;
}

const Face& FontLibrary::face_from_family(std::string_view spec) {
  if (!fontconfig_) fontconfig_ = std::make_unique<FontconfigState>();
  FcConfig* config = fontconfig_->config.get();
  if (!config) throw FontError("font family '" + std::string(spec) + "': fontconfig failed to load its configuration");

  constexpr std::string_view kBold = ":bold";
  const bool bold = spec.size() > kBold.size() && same_name(spec.substr(spec.size() - kBold.size()), kBold);
  const std::string name(bold ? spec.substr(0, spec.size() - kBold.size()) : spec);
  FcPatternPtr pattern(FcPatternCreate());
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(name.c_str()));
  if (bold) FcPatternAddInteger(pattern.get(), FC_WEIGHT, FC_WEIGHT_BOLD);
  FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());
  FcResult result = FcResultNoMatch;
  FcPatternPtr match(FcFontMatch(config, pattern.get(), &result));
  if (!match) throw FontError("font family '" + name + "': fontconfig found no fonts at all");

  bool has_family = is_generic_family(name);
  FcChar8* matched_family = nullptr;
  for (int i = 0; !has_family && FcPatternGetString(match.get(), FC_FAMILY, i, &matched_family) == FcResultMatch; ++i) {
    has_family = same_name(reinterpret_cast<const char*>(matched_family), name);
  }
  if (!has_family) {
    const std::string package = debian_package_of(name);
    std::string hint;
    if (!package.empty()) {
      hint = "; it comes with the Debian package " + package;
    } else if (FcPatternGetString(match.get(), FC_FAMILY, 0, &matched_family) == FcResultMatch) {
      hint = std::string(" (the closest installed family is '") + reinterpret_cast<const char*>(matched_family) + "')";
    }
    throw FontError("font family '" + name + "': not installed" + hint);
  }
  int weight = FC_WEIGHT_REGULAR;
  FcPatternGetInteger(match.get(), FC_WEIGHT, 0, &weight);
  if (bold && weight < FC_WEIGHT_DEMIBOLD) throw FontError("font family '" + name + "': has no bold face installed");
  FcChar8* file = nullptr;
  int index = 0;
  if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch) {
    throw FontError("font family '" + name + "': fontconfig gave no file for it");
  }
  FcPatternGetInteger(match.get(), FC_INDEX, 0, &index);
  return face_from_file(reinterpret_cast<const char*>(file), static_cast<unsigned>(index));
}

const Face& FontLibrary::face(std::string_view spec) {
  if (looks_like_file(spec)) return face_from_file(std::filesystem::path(spec));
  return face_from_family(spec);
}

const Font& FontLibrary::font(const Face& face, float size_px) {
  auto key = std::make_pair(&face, size_px);
  auto found = fonts_.find(key);
  if (found != fonts_.end()) return *found->second;
  return *fonts_.emplace(key, std::make_unique<Font>(face, size_px)).first->second;
}

FontStack FontLibrary::stack(std::span<const std::string> specs, float size_px) {
  if (specs.empty()) throw FontError("font stack: no font given");
  std::vector<const Font*> fonts;
  fonts.reserve(specs.size());
  for (const std::string& spec : specs) fonts.push_back(&font(face(spec), size_px));
  return FontStack(std::move(fonts));
}

}  // namespace lafita::fonts
