#include "render/text/itemizer.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

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
  return std::ranges::all_of(cluster, [&](char32_t c) { return font.has_glyph(c) || !needs_glyph(c); });
}

void note_missing(std::u32string_view cluster, const fonts::FontStack& fonts, std::vector<char32_t>& missing) {
  for (char32_t c : cluster) {
    if (!needs_glyph(c) || missing.size() >= kMaxMissingReported) continue;
    const bool anywhere = std::ranges::any_of(fonts.fonts(), [c](const fonts::Font* f) { return f->has_glyph(c); });
    if (!anywhere && std::ranges::find(missing, c) == missing.end()) missing.push_back(c);
  }
}


// The script of a Common character given the script before it: `current` when the
// character's Script_Extensions include it or it has none, else its first extension.
hb_script_t shared_script(char32_t c, hb_script_t current) {
  UScriptCode scripts[8];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t count = uscript_getScriptExtensions(static_cast<UChar32>(c), scripts, 8, &status);
  if (U_FAILURE(status) || count <= 0 || scripts[0] == USCRIPT_COMMON || scripts[0] == USCRIPT_INHERITED) {
    return current;
  }
  for (int32_t k = 0; k < count; ++k) {
    if (hb_script_from_string(uscript_getShortName(scripts[k]), -1) == current) return current;
  }
  return hb_script_from_string(uscript_getShortName(scripts[0]), -1);
}

}  // namespace

// The Unicode Script property, remembered for the last characters seen: a paragraph
// repeats a few dozen letters hundreds of times.
hb_script_t Itemizer::script_of(char32_t c) {
  ScriptMemo& memo = script_memo_[c % script_memo_.size()];
  if (memo.character != c) memo = {c, hb_unicode_script(hb_unicode_funcs_get_default(), c)};
  return memo.script;
}

// Scripts for HarfBuzz, one per character. Common and Inherited characters take the script
// of the text before them, except that those before any real script, or at another bidi
// level than the character before them, wait for the script of the text after them (the
// space in "IOM تعقد" belongs to the Arabic, not to "IOM"); brackets take the script around
// their opening one; punctuation shared by a few scripts keeps the current one if it is
// among them (Script_Extensions), else takes the first.
void Itemizer::resolve_scripts(std::u32string_view text, const BidiParagraph& bidi) {
  scripts_.resize(text.size());
  neutral_.resize(text.size());
  open_brackets_.clear();
  hb_script_t last = HB_SCRIPT_UNKNOWN;
  size_t waiting = 0;  // [waiting, i) wait for the next real script
  auto settle = [&](size_t i, hb_script_t script) {
    std::fill(scripts_.begin() + static_cast<ptrdiff_t>(waiting), scripts_.begin() + static_cast<ptrdiff_t>(i), script);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    hb_script_t script = script_of(text[i]);
    neutral_[i] = !is_real_script(script);
    const FriBidiBracketType bracket = bidi.brackets[i];
    if (is_real_script(script)) {
      if (waiting < i) settle(i, script);
      if (!is_real_script(last)) {
        for (const OpenBracket& open : open_brackets_) scripts_[open.at] = script;  // opened before any real script
      }
    } else if (FRIBIDI_IS_BRACKET_OPEN(bracket)) {
      settle(i, last);
      open_brackets_.push_back({FRIBIDI_BRACKET_ID(bracket), i});
      script = last;
    } else if (bracket != FRIBIDI_NO_BRACKET) {
      // A closing bracket takes its opening bracket's script and closes what it skips; the
      // text after it goes on in that script: "(IOM) والأمم" is Arabic again after ")".
      settle(i, last);
      auto match = std::find_if(open_brackets_.rbegin(), open_brackets_.rend(),
                                [&](const OpenBracket& open) { return open.id == FRIBIDI_BRACKET_ID(bracket); });
      script = match != open_brackets_.rend() ? scripts_[match->at] : last;
      if (match != open_brackets_.rend()) open_brackets_.erase(std::next(match).base(), open_brackets_.end());
    } else if (script == HB_SCRIPT_COMMON && text[i] > 0x7F && shared_script(text[i], last) != last) {
      script = shared_script(text[i], last);  // an Arabic comma after "UCLG-MEWA" is Arabic
      settle(i, script);
    } else {
      const bool level_changed = i > 0 && bidi.levels[i] != bidi.levels[i - 1];
      if (waiting < i || level_changed || !is_real_script(last)) continue;  // waits
      script = last;
    }
    scripts_[i] = script;
    if (is_real_script(script)) last = script;
    waiting = i + 1;
  }
  settle(text.size(), is_real_script(last) ? last : HB_SCRIPT_COMMON);
}

// The font for the grapheme cluster at text[at, at + cluster.size()): spaces, punctuation
// and digits stay in the font of the text before them at the same bidi level when it has
// them ("Global Compact for Safe", "GCM 2023" keep one design and one shaping run); else the
// first font that has the whole cluster; else (`complete` false) the one that has its base.
Itemizer::Choice Itemizer::font_for(std::u32string_view cluster, size_t at, const BidiParagraph& bidi,
                                    const fonts::FontStack& fonts) const {
  // The common case first: the primary font goes on, which either rule would choose.
  if (at > 0 && fonts_[at - 1] == 0 && covers(fonts[0], cluster)) return {0, true};
  if (at > 0 && bidi.levels[at] == bidi.levels[at - 1] && neutral_[at] &&
      covers(fonts[fonts_[at - 1]], cluster)) {
    return {fonts_[at - 1], true};
  }
  for (size_t f = 0; f < fonts.count(); ++f) {
    if (covers(fonts[f], cluster)) return {static_cast<uint16_t>(f), true};
  }
  for (size_t f = 0; f < fonts.count(); ++f) {
    if (fonts[f].has_glyph(cluster.front())) return {static_cast<uint16_t>(f), false};
  }
  return {0, false};
}

// Fonts are chosen per code point, which is per grapheme cluster wherever a cluster is one
// code point or its code points agree; only where the choice changes inside a cluster, or
// no font has a character, is the whole cluster looked at (ICU finds its bounds), so marks
// always follow their base.
void Itemizer::choose_fonts(std::u32string_view text, const BidiParagraph& bidi, BreakFinder& graphemes,
                            const fonts::FontStack& fonts, std::vector<char32_t>& missing) {
  fonts_.resize(text.size());
  const fonts::Font& primary = fonts[0];
  for (size_t i = 0; i < text.size();) {
    if (i > 0 && fonts_[i - 1] == 0 && primary.has_glyph(text[i])) {  // the common case, fast
      fonts_[i++] = 0;
      continue;
    }
    const Choice alone = font_for(text.substr(i, 1), i, bidi, fonts);
    const bool same_cluster_font = i == 0 || alone.font == fonts_[i - 1];
    if (alone.complete && (same_cluster_font || graphemes.is_grapheme_boundary(static_cast<uint32_t>(i)))) {
      fonts_[i++] = alone.font;
      continue;
    }
    const auto [start, end] = graphemes.grapheme_around(static_cast<uint32_t>(i));
    const std::u32string_view cluster = text.substr(start, end - start);
    const Choice choice = font_for(cluster, start, bidi, fonts);
    if (!choice.complete) note_missing(cluster, fonts, missing);
    std::fill(fonts_.begin() + start, fonts_.begin() + end, choice.font);
    i = end;
  }
}

void Itemizer::itemize(std::u32string_view text, const BidiParagraph& bidi, BreakFinder& graphemes,
                       const fonts::FontStack& fonts, std::vector<ItemizedRun>& items, std::vector<char32_t>& missing) {
  items.clear();
  if (text.empty()) return;
  resolve_scripts(text, bidi);
  choose_fonts(text, bidi, graphemes, fonts, missing);
  ItemizedRun item{0, 0, static_cast<uint8_t>(bidi.levels[0]), scripts_[0], fonts_[0]};
  for (uint32_t i = 1; i <= text.size(); ++i) {
    const bool same = i < text.size() && bidi.levels[i] == item.level && scripts_[i] == item.script &&
                      fonts_[i] == item.font;
    if (same) continue;
    item.end = i;
    items.push_back(item);
    if (i < text.size()) item = ItemizedRun{i, i, static_cast<uint8_t>(bidi.levels[i]), scripts_[i], fonts_[i]};
  }
}

}  // namespace lafita::render
