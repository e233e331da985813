#pragma once

#include <cstdint>
#include <string_view>

namespace lafita::render {

// Where a kashida (an elongated letter join) may go in an Arabic word, and how good a place
// it is, by the traditional priorities (W3C "Arabic & Persian Layout Requirements",
// justification; Microsoft's and LibreOffice's kashida rules), for an elongation inserted
// before the letter at `p` of the word text[word_start, word_end):
//   1  after seen, sheen, sad or dad (ســـت)
//   2  before the word's last letter when it is taa marbuta, heh, alef or alef maksura, or
//      before the lam of a final lam-alef
//   3  before beh, teh, theh, noon, yeh or yeh with hamza
//   4  any other join
// 0 when it is no place for one: not between two Arabic letters that join (the one before
// dual-joining, the one at `p` joining), inside lam-alef, or before a mark (a letter keeps
// its harakat). Whether the font's shaping allows it is HarfBuzz's to say, not this.
int kashida_rank(std::u32string_view text, uint32_t word_start, uint32_t word_end, uint32_t p);

}  // namespace lafita::render
