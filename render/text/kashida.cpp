#include "render/text/kashida.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace lafita::render {

namespace {

bool is_mark(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK; }

bool is_arabic_letter(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return u_charType(static_cast<UChar32>(c)) == U_OTHER_LETTER &&
         uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_ARABIC && U_SUCCESS(status);
}

int joining(char32_t c) { return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE); }

bool is_alef(char32_t c) { return c == U'\u0627' || c == U'\u0623' || c == U'\u0625' || c == U'\u0622'; }

// The next letter after `p` in the word, skipping marks; `end` when there is none.
uint32_t next_letter(std::u32string_view text, uint32_t p, uint32_t end) {
  uint32_t i = p + 1;
  while (i < end && is_mark(text[i])) ++i;
  return i < end && is_arabic_letter(text[i]) ? i : end;
}

}  // namespace

int kashida_rank(std::u32string_view text, uint32_t word_start, uint32_t word_end, uint32_t p) {
  if (p <= word_start || p >= word_end || p >= text.size()) return 0;
  const char32_t at = text[p];
  if (!is_arabic_letter(at) || (joining(at) != U_JT_DUAL_JOINING && joining(at) != U_JT_RIGHT_JOINING)) return 0;
  uint32_t before = p - 1;  // the letter the elongation leaves, past its marks
  while (before > word_start && is_mark(text[before])) --before;
  const char32_t letter = text[before];
  if (!is_arabic_letter(letter) || joining(letter) != U_JT_DUAL_JOINING) return 0;
  if (letter == U'\u0644' && is_alef(at)) return 0;  // inside lam-alef
  if (letter == U'\u0633' || letter == U'\u0634' || letter == U'\u0635' || letter == U'\u0636') return 1;
  const uint32_t after = next_letter(text, p, word_end);
  const bool last = after == word_end;
  if (last && (at == U'\u0629' || at == U'\u0647' || at == U'\u0649' || is_alef(at))) return 2;
  if (at == U'\u0644' && after != word_end && is_alef(text[after]) && next_letter(text, after, word_end) == word_end) return 2;
  if (at == U'\u0628' || at == U'\u062A' || at == U'\u062B' || at == U'\u0646' || at == U'\u064A' || at == U'\u0626') return 3;
  return 4;
}

}  // namespace lafita::render
