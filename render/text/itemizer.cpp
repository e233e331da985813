#include "render/text/itemizer.hpp"

#include <unicode/uchar.h>

#include <algorithm>

namespace lafita::render {

namespace {

constexpr size_t kMaxMissingReported = 16;

bool is_real_script(hb_script_t script) {
  return script != HB_SCRIPT_COMMON && script != HB_SCRIPT_INHERITED && script != HB_SCRIPT_UNKNOWN;
}

bool needs_glyph(char32_t c) {
  return !u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

bool covers(const fonts::Font& font, std::u32string_view cluster) {
  return std::ranges::all_of(cluster, [&](char32_t c) { return !needs_glyph(c) || font.has_glyph(c); });
}

void note_missing(std::u32string_view cluster, const fonts::FontStack& fonts, std::vector<char32_t>& missing) {
  for (char32_t c : cluster) {
    if (!needs_glyph(c) || missing.size() >= kMaxMissingReported) continue;
    const bool anywhere = std::ranges::any_of(fonts.fonts(), [c](const fonts::Font* f) { return f->has_glyph(c); });
    if (!anywhere && std::ranges::find(missing, c) == missing.end()) missing.push_back(c);
  }
}

}  // namespace

void Itemizer::resolve_scripts(std::u32string_view text, const BidiParagraph& bidi) {
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  scripts_.resize(text.size());
  open_brackets_.clear();
  hb_script_t last = HB_SCRIPT_UNKNOWN;
  size_t first_real = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    hb_script_t script = hb_unicode_script(unicode, text[i]);
    const FriBidiBracketType bracket = bidi.brackets[i];
    if (is_real_script(script)) {
      if (first_real == text.size()) first_real = i;
      // Brackets opened before the first real script learn it now.
      for (const OpenBracket& open : open_brackets_) {
        if (!is_real_script(scripts_[open.at])) scripts_[open.at] = script;
      }
      last = script;
    } else if (FRIBIDI_IS_BRACKET_OPEN(bracket)) {
      open_brackets_.push_back({FRIBIDI_BRACKET_ID(bracket), i});
      script = last;
    } else if (bracket != FRIBIDI_NO_BRACKET) {
      // A closing bracket takes its opening bracket's script, and closes what it skips.
      auto match = std::find_if(open_brackets_.rbegin(), open_brackets_.rend(),
                                [&](const OpenBracket& open) { return open.id == FRIBIDI_BRACKET_ID(bracket); });
      script = match != open_brackets_.rend() ? scripts_[match->at] : last;
      if (match != open_brackets_.rend()) open_brackets_.erase(std::next(match).base(), open_brackets_.end());
    } else {
      script = last;
    }
    scripts_[i] = script;
  }
  // Text before the first real script takes that script; text with none stays Common.
  const hb_script_t leading = first_real < text.size() ? scripts_[first_real] : HB_SCRIPT_COMMON;
  for (size_t i = 0; i < text.size() && !is_real_script(scripts_[i]); ++i) scripts_[i] = leading;
}

void Itemizer::choose_fonts(std::u32string_view text, std::span<const uint8_t> grapheme_starts,
                            const fonts::FontStack& fonts, std::vector<char32_t>& missing) {
  fonts_.resize(text.size());
  for (size_t start = 0; start < text.size();) {
    size_t end = start + 1;
    while (!grapheme_starts[end]) ++end;
    const std::u32string_view cluster = text.substr(start, end - start);
    size_t chosen = fonts.count();
    for (size_t f = 0; f < fonts.count() && chosen == fonts.count(); ++f) {
      if (covers(fonts[f], cluster)) chosen = f;
    }
    if (chosen == fonts.count()) {
      // No font has the whole cluster: keep it together in the font that has its base.
      chosen = 0;
      for (size_t f = 0; f < fonts.count(); ++f) {
        if (fonts[f].has_glyph(cluster.front())) {
          chosen = f;
          break;
        }
      }
      note_missing(cluster, fonts, missing);
    }
    std::fill(fonts_.begin() + static_cast<ptrdiff_t>(start), fonts_.begin() + static_cast<ptrdiff_t>(end),
              static_cast<uint16_t>(chosen));
    start = end;
  }
}

void Itemizer::itemize(std::u32string_view text, const BidiParagraph& bidi, std::span<const uint8_t> grapheme_starts,
                       const fonts::FontStack& fonts, std::vector<Item>& items, std::vector<char32_t>& missing) {
  items.clear();
  if (text.empty()) return;
  resolve_scripts(text, bidi);
  choose_fonts(text, grapheme_starts, fonts, missing);
  Item item{0, 0, static_cast<uint8_t>(bidi.levels[0]), scripts_[0], fonts_[0]};
  for (uint32_t i = 1; i <= text.size(); ++i) {
    const bool same = i < text.size() && bidi.levels[i] == item.level && scripts_[i] == item.script &&
                      fonts_[i] == item.font;
    if (same) continue;
    item.end = i;
    items.push_back(item);
    if (i < text.size()) item = Item{i, i, static_cast<uint8_t>(bidi.levels[i]), scripts_[i], fonts_[i]};
  }
}

}  // namespace lafita::render
