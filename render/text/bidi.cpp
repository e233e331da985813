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
  const FriBidiLevel max_level = fribidi_get_par_embedding_levels_ex(
      out.types.data(), out.brackets.data(), length, &direction, out.levels.data());
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
