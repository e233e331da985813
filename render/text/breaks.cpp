#include "render/text/breaks.hpp"

#include "base/icu_handles.hpp"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <stdexcept>
#include <string>

namespace lafita::render {

namespace {

IcuBreakIterator open_iterator(UBreakIteratorType type) {
  UErrorCode status = U_ZERO_ERROR;
  IcuBreakIterator iterator(ubrk_open(type, "", nullptr, 0, &status));
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU: failed to open a break iterator: ") + u_errorName(status));
  }
  return iterator;
}

bool is_capital_or_digit(char32_t c) {
  const auto category = u_charType(static_cast<UChar32>(c));
  return category == U_UPPERCASE_LETTER || category == U_DECIMAL_DIGIT_NUMBER;
}

// "UCLG-|MEWA": the hyphen of an acronym compound, between a capital or digit and a capital.
bool inside_acronym_compound(std::u32string_view text, size_t i) {
  return i >= 2 && i < text.size() && (text[i - 1] == U'-' || text[i - 1] == U'\u2010') &&
         is_capital_or_digit(text[i - 2]) && u_charType(static_cast<UChar32>(text[i])) == U_UPPERCASE_LETTER;
}

int32_t cluster_break(char32_t c) { return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_GRAPHEME_CLUSTER_BREAK); }

// A sufficient condition for a grapheme cluster boundary between two characters, from
// their Grapheme_Cluster_Break values alone (UAX #29): a character that is Other or Control
// after one that is Other, Control, CR or LF starts a cluster, since no rule but GB999
// applies to such a pair (the rules that join, GB3 and GB6 to GB9c, need Extend, ZWJ,
// SpacingMark, Prepend, Hangul or regional indicators on one side). Anything else is
// ICU's to answer; this only spares it the common case.
bool surely_separate_clusters(char32_t before, char32_t after) {
  const int32_t a = cluster_break(before), b = cluster_break(after);
  const bool a_plain = a == U_GCB_OTHER || a == U_GCB_CONTROL || a == U_GCB_CR || a == U_GCB_LF;
  return a_plain && (b == U_GCB_OTHER || b == U_GCB_CONTROL);
}

}  // namespace

bool never_starts_line(char32_t c) {
  switch (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_LINE_BREAK)) {
    case U_LB_CLOSE_PUNCTUATION:
    case U_LB_CLOSE_PARENTHESIS:
    case U_LB_EXCLAMATION:
    case U_LB_INFIX_NUMERIC:
      return true;
    default:
      return false;
  }
}

// ICU iterates UTF-16; the engine counts code points.
struct BreakFinder::Icu {
  IcuBreakIterator line = open_iterator(UBRK_LINE);
  IcuBreakIterator character = open_iterator(UBRK_CHARACTER);
  std::u16string utf16;
  // Offset maps, filled only when the text has characters beyond the BMP; otherwise a
  // code point offset and a UTF-16 offset are the same.
  std::vector<uint32_t> code_point_at;  // UTF-16 offset -> code point offset
  std::vector<int32_t> utf16_at;        // code point offset -> UTF-16 offset

  void set_text(std::u32string_view text) {
    utf16.clear();
    code_point_at.clear();
    utf16_at.clear();
    bool supplementary = false;
    for (char32_t c : text) {
      supplementary |= c > 0xFFFF;
      utf16.push_back(c <= 0xFFFF && !U_IS_SURROGATE(c) ? static_cast<char16_t>(c) : u'\uFFFD');
    }
    if (!supplementary) return;
    utf16.clear();
    for (uint32_t i = 0; i < text.size(); ++i) {
      utf16_at.push_back(static_cast<int32_t>(utf16.size()));
      const auto c = static_cast<UChar32>(text[i]);
      if (U_IS_SUPPLEMENTARY(c) && c <= 0x10FFFF) {
        utf16.push_back(static_cast<char16_t>(U16_LEAD(c)));
        utf16.push_back(static_cast<char16_t>(U16_TRAIL(c)));
        code_point_at.push_back(i);
        code_point_at.push_back(i);
      } else {
        utf16.push_back(c <= 0xFFFF && !U_IS_SURROGATE(c) ? static_cast<char16_t>(c) : u'\uFFFD');
        code_point_at.push_back(i);
      }
    }
    code_point_at.push_back(static_cast<uint32_t>(text.size()));
    utf16_at.push_back(static_cast<int32_t>(utf16.size()));
  }

  uint32_t code_point(int32_t utf16_offset) const {
    return code_point_at.empty() ? static_cast<uint32_t>(utf16_offset) : code_point_at[static_cast<size_t>(utf16_offset)];
  }
  int32_t utf16_offset(uint32_t code_point) const {
    return utf16_at.empty() ? static_cast<int32_t>(code_point) : utf16_at[code_point];
  }

  void attach(UBreakIterator* iterator) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(iterator, reinterpret_cast<const UChar*>(utf16.data()), static_cast<int32_t>(utf16.size()), &status);
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("ICU: failed to set break iterator text: ") + u_errorName(status));
    }
  }
};

BreakFinder::BreakFinder() : icu_(std::make_unique<Icu>()) {}
BreakFinder::~BreakFinder() = default;

void BreakFinder::set_text(std::u32string_view text) {
  text_ = text;
  icu_->set_text(text);
  icu_->attach(icu_->character.get());
}

void BreakFinder::line_breaks(std::vector<LineBreak>& breaks) {
  breaks.assign(text_.size() + 1, LineBreak::prohibited);
  breaks[text_.size()] = LineBreak::mandatory;
  if (text_.empty()) return;
  UBreakIterator* line = icu_->line.get();
  icu_->attach(line);
  for (int32_t at = ubrk_next(line); at != UBRK_DONE; at = ubrk_next(line)) {
    const bool hard = ubrk_getRuleStatus(line) >= UBRK_LINE_HARD;
    const uint32_t i = icu_->code_point(at);
    if (hard) {
      breaks[i] = LineBreak::mandatory;
    } else if (!inside_acronym_compound(text_, i)) {
      breaks[i] = LineBreak::allowed;
    }
  }
  breaks[text_.size()] = LineBreak::mandatory;
}

bool BreakFinder::is_grapheme_boundary(uint32_t i) {
  if (i == 0 || i >= text_.size()) return true;
  if (surely_separate_clusters(text_[i - 1], text_[i])) return true;
  return ubrk_isBoundary(icu_->character.get(), icu_->utf16_offset(i));
}

std::pair<uint32_t, uint32_t> BreakFinder::grapheme_around(uint32_t i) {
  UBreakIterator* character = icu_->character.get();
  const int32_t at = icu_->utf16_offset(i);
  const int32_t start = ubrk_isBoundary(character, at) ? at : ubrk_preceding(character, at);
  const int32_t end = ubrk_following(character, at);
  return {icu_->code_point(start), icu_->code_point(end)};
}

}  // namespace lafita::render
