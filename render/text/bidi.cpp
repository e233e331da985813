#include "render/text/bidi.hpp"

#include <algorithm>
#include <numeric>

namespace lafita::render {

namespace {

FriBidiParType fribidi_base(BaseDirection base) {
  switch (base) {
    case BaseDirection::ltr: return FRIBIDI_PAR_LTR;
    case BaseDirection::rtl: return FRIBIDI_PAR_RTL;
    case BaseDirection::automatic: break;
  }
  return FRIBIDI_PAR_ON;
}

bool is_strong(FriBidiCharType type) {
  return type == FRIBIDI_TYPE_LTR || type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL;
}

// FriBidi allocates one node per run of equal character types, and Arabic prose changes
// type at every space and every haraka. But a mark after a strong character takes its type
// (UAX #9 W1), and whitespace between two characters of one strong type takes that type
// (N1, the characters being adjacent and so in one isolating run sequence), so giving them
// that type beforehand changes no level and turns a sentence into a few runs. The real types
// stay in `types`: rule L1 must still see the whitespace at the end of a line.
void merge_runs(const std::vector<FriBidiCharType>& types, std::vector<FriBidiCharType>& merged) {
  const size_t n = types.size();
  merged.resize(n);
  size_t spaces = 0;  // whitespace since here, waiting to see what follows it
  for (size_t i = 0; i < n; ++i) {
    FriBidiCharType type = types[i];
    if (type == FRIBIDI_TYPE_WS) {
      if (i == 0 || types[i - 1] != FRIBIDI_TYPE_WS) spaces = i;
      merged[i] = type;
      continue;
    }
    if (type == FRIBIDI_TYPE_NSM && i > 0 && is_strong(merged[i - 1])) type = merged[i - 1];
    if (spaces > 0 && i > 0 && types[i - 1] == FRIBIDI_TYPE_WS && is_strong(type) && merged[spaces - 1] == type) {
      std::fill(merged.begin() + static_cast<ptrdiff_t>(spaces), merged.begin() + static_cast<ptrdiff_t>(i), type);
    }
    merged[i] = type;
  }
}

}  // namespace

void resolve_bidi(std::u32string_view text, BaseDirection base, BidiParagraph& out, Direction fallback) {
  const auto length = static_cast<FriBidiStrIndex>(text.size());
  const auto* chars = reinterpret_cast<const FriBidiChar*>(text.data());
  out.types.resize(text.size());
  out.brackets.resize(text.size());
  out.levels.resize(text.size());

  FriBidiParType direction = fribidi_base(base);
  if (base == BaseDirection::automatic) {
    // P2–P3 with a caller-chosen answer for text without strong characters.
    direction = fallback == Direction::rtl ? FRIBIDI_PAR_WRTL : FRIBIDI_PAR_WLTR;
  }
  fribidi_get_bidi_types(chars, length, out.types.data());
  fribidi_get_bracket_types(chars, length, out.types.data(), out.brackets.data());
  merge_runs(out.types, out.merged);
  const FriBidiLevel max_level = fribidi_get_par_embedding_levels_ex(
      out.merged.data(), out.brackets.data(), length, &direction, out.levels.data());
  if (max_level == 0 && length > 0) {
    // FriBidi could not allocate its working memory: show the text in base order
    // rather than not at all.
    const FriBidiLevel level = FRIBIDI_DIR_TO_LEVEL(direction);
    std::fill(out.levels.begin(), out.levels.end(), level);
  }
  out.direction = FRIBIDI_IS_RTL(direction) ? Direction::rtl : Direction::ltr;
}

void reorder_line(BidiParagraph& paragraph, uint32_t start, uint32_t end,
                  std::vector<FriBidiStrIndex>& visual_to_logical) {
  visual_to_logical.resize(paragraph.levels.size());
  std::iota(visual_to_logical.begin() + start, visual_to_logical.begin() + end, static_cast<FriBidiStrIndex>(start));
  const FriBidiParType direction = paragraph.direction == Direction::rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
  const FriBidiLevel max_level =
      fribidi_reorder_line(0, paragraph.types.data(), static_cast<FriBidiStrIndex>(end - start),
                           static_cast<FriBidiStrIndex>(start), direction, paragraph.levels.data(), nullptr,
                           visual_to_logical.data());
  if (max_level == 0 && end > start) {
    // FriBidi could not allocate: show the line in base order rather than not at all.
    std::iota(visual_to_logical.begin() + start, visual_to_logical.begin() + end, static_cast<FriBidiStrIndex>(start));
    if (paragraph.direction == Direction::rtl) {
      std::reverse(visual_to_logical.begin() + start, visual_to_logical.begin() + end);
    }
  }
}

}  // namespace lafita::render
