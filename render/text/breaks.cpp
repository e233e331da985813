#include "render/text/breaks.hpp"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <stdexcept>
#include <string>

namespace lafita::render {

namespace {

struct BreakIteratorCloser {
  void operator()(UBreakIterator* iterator) const { ubrk_close(iterator); }
};
using BreakIteratorPtr = std::unique_ptr<UBreakIterator, BreakIteratorCloser>;

BreakIteratorPtr open_iterator(UBreakIteratorType type) {
  UErrorCode status = U_ZERO_ERROR;
  BreakIteratorPtr iterator(ubrk_open(type, "", nullptr, 0, &status));
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

// ICU iterates UTF-16; the engine counts code points. `utf16` is the text in UTF-16 and
// `code_point_at[j]` the code point offset of UTF-16 offset j.
struct BreakFinder::Icu {
  BreakIteratorPtr line = open_iterator(UBRK_LINE);
  BreakIteratorPtr character = open_iterator(UBRK_CHARACTER);
  std::u16string utf16;
  std::vector<uint32_t> code_point_at;  // UTF-16 offset -> code point offset
  std::vector<int32_t> utf16_at;        // code point offset -> UTF-16 offset

  void set_text(std::u32string_view text) {
    utf16.clear();
    code_point_at.clear();
    utf16_at.clear();
    for (uint32_t i = 0; i < text.size(); ++i) {
      utf16_at.push_back(static_cast<int32_t>(utf16.size()));
      const auto c = static_cast<UChar32>(text[i]);
      if (U_IS_SUPPLEMENTARY(c) && c <= 0x10FFFF) {
        utf16.push_back(static_cast<char16_t>(U16_LEAD(c)));
        utf16.push_back(static_cast<char16_t>(U16_TRAIL(c)));
        code_point_at.push_back(i);
        code_point_at.push_back(i);
      } else {
        utf16.push_back(c <= 0xFFFF ? static_cast<char16_t>(c) : u'\uFFFD');
        code_point_at.push_back(i);
      }
    }
    code_point_at.push_back(static_cast<uint32_t>(text.size()));
    utf16_at.push_back(static_cast<int32_t>(utf16.size()));
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
    const uint32_t i = icu_->code_point_at[static_cast<size_t>(at)];
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
  return ubrk_isBoundary(icu_->character.get(), icu_->utf16_at[i]);
}

std::pair<uint32_t, uint32_t> BreakFinder::grapheme_around(uint32_t i) {
  UBreakIterator* character = icu_->character.get();
  const int32_t at = icu_->utf16_at[i];
  const int32_t start = ubrk_isBoundary(character, at) ? at : ubrk_preceding(character, at);
  const int32_t end = ubrk_following(character, at);
  return {icu_->code_point_at[static_cast<size_t>(start)], icu_->code_point_at[static_cast<size_t>(end)]};
}

}  // namespace lafita::render
