#include "render/text/text_layouter.hpp"

#include "render/text/kashida.hpp"

#include "base/stream_safe.hpp"

#include "render/text/breaks.hpp"
#include "render/text/itemizer.hpp"
#include "render/text/shaper.hpp"

#include <unicode/uchar.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <cmath>

namespace lafita::render {

namespace {

// Combining marks past the Stream-Safe limit in a row are shaped as WORD JOINER (default
// ignorable: no glyph, no attachment). HarfBuzz's mark attachment asserts with tens of
// thousands on one base; code point offsets into the paragraph stay as they were.
void hide_excess_marks(std::u32string& text) {
  MarkRun run;
  for (char32_t& c : text) {
    if (run.excess(c)) c = U'\u2060';
  }
}

// Per code point facts about the shaped paragraph, as bits.
constexpr uint8_t kClusterStart = 1;  // a glyph cluster starts here
constexpr uint8_t kUnsafe = 2;        // HarfBuzz: breaking here changes the shapes around it
constexpr uint8_t kItemStart = 4;     // an item (separately shaped run) starts here
constexpr uint8_t kTatweel = 8;       // HarfBuzz: a tatweel may be inserted before it
constexpr uint32_t kMaxTatweels = 4;  // per kashida: an elongation of about an em at most

struct LineSpan {
  uint32_t start, end, next;
  int32_t width64;  // the advance of [start, end) as it will be drawn
  bool forced;      // ends at a mandatory break (or the paragraph's end): never justified
};

// Where a line's glyphs go: shifted by `offset`, every space widened by `extra` (justify).
struct Placement {
  float offset;
  float extra;
};

// A planned kashida: where, how good a place (kashida_rank), and its tatweel glyph.
struct KashidaSpot {
  uint32_t before;
  int rank;
  uint32_t glyph;   // the font's tatweel
  int32_t unit64;   // its advance
  uint32_t count;
};

// A piece of a line: one item at one level, drawn as one GlyphRun.
struct Piece {
  uint32_t start, end;
  uint32_t item;
  uint32_t visual_position;
};

float px(int64_t units64) { return static_cast<float>(units64) / 64.0f; }

bool is_space_separator(char32_t c) { return u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR; }

// The alefs that join lam into the lam-alef ligature (Unicode's ArabicShaping: آ أ إ ا).
bool is_alef(char32_t c) { return c == U'\u0622' || c == U'\u0623' || c == U'\u0625' || c == U'\u0627'; }

}  // namespace

class TextLayouter::Engine {
 public:
  void layout(std::u32string_view paragraph, const TextStyle& style, float width, ParagraphLayout& out);

 private:
  void prepare(std::u32string_view paragraph, const TextStyle& style, float width);
  void shape_items();
  void find_lines();
  void rewrap();
  void greedy_lines(uint32_t start, size_t most, std::vector<LineSpan>& out);
  int32_t narrowest_width(uint32_t start, size_t lines);
  bool one_word(const LineSpan& span) const;
  LineSpan next_line(uint32_t start);
  LineSpan emergency_line(uint32_t start);
  void build_line(const LineSpan& span, ParagraphLayout& out);
  void collect_pieces(const LineSpan& span);
  std::span<const ShapedGlyph> piece_glyphs(const Piece& piece);
  Placement place(const LineSpan& span, int32_t kashida64, Line& line) const;
  int32_t plan_kashidas(const LineSpan& span);
  void find_kashida_spot(uint32_t word_start, uint32_t word_end);
  void place_glyphs(const Piece& piece, const Placement& placement, int32_t& pen, float& shift, ParagraphLayout& out);

  uint32_t size() const { return static_cast<uint32_t>(text_.size()); }
  uint32_t content_end(uint32_t start, uint32_t end) const;
  bool safe_to_break(uint32_t i) const;
  bool breakable_inside_word(uint32_t i);
  int32_t measure(uint32_t start, uint32_t end);
  int32_t reshaped_width(uint32_t item, uint32_t start, uint32_t end);
  ShapingProps props(const ItemizedRun& item) const;
  hb_language_t language(const std::string& tag);
  BaseDirection base_direction(const TextStyle& style);

  // This layout's inputs.
  const TextStyle* style_ = nullptr;
  int32_t max_width64_ = 0;    // the box
  int32_t break_width64_ = 0;  // the lines' limit: the box, or narrower for balance and pretty
  hb_language_t hb_language_ = HB_LANGUAGE_INVALID;

  // Kept between layouts for their capacity.
  BreakFinder breaks_;
  Itemizer itemizer_;
  Shaper shaper_;
  std::u32string text_;  // the paragraph as shaped: a tab is shaped as a space
  BidiParagraph bidi_;
  std::vector<LineBreak> line_breaks_;
  std::vector<uint32_t> next_opportunity_;  // [i]: the first break opportunity at or after i
  std::vector<ItemizedRun> items_;
  std::vector<uint32_t> item_glyph_begin_;  // per item, plus one past the last
  std::vector<ShapingRun> shaping_runs_;
  std::vector<ShapedGlyph> glyphs_;         // every item's glyphs, each item in visual order
  std::vector<int32_t> pen_;                // pen_[i]: advance of everything before code point i
  std::vector<uint8_t> flags_;
  std::vector<uint32_t> item_at_;
  std::vector<LineSpan> spans_;
  std::vector<LineSpan> trial_;   // lines tried at a narrower width
  std::vector<LineSpan> greedy_;  // the greedy lines, while rewrap() replaces them
  std::vector<FriBidiStrIndex> visual_;
  std::vector<uint32_t> visual_position_;
  std::vector<Piece> pieces_;
  std::vector<ShapedGlyph> reshaped_;
  std::vector<KashidaSpot> spots_;  // the line's kashidas, by position

  std::string language_tag_;
  bool language_is_rtl_ = false;
};

TextLayouter::TextLayouter() : engine_(std::make_unique<Engine>()) {}
TextLayouter::~TextLayouter() = default;

void TextLayouter::layout(std::u32string_view paragraph, const TextStyle& style, float width, ParagraphLayout& out) {
  engine_->layout(paragraph, style, width, out);
}

ParagraphLayout TextLayouter::layout(std::u32string_view paragraph, const TextStyle& style, float width) {
  ParagraphLayout out;
  engine_->layout(paragraph, style, width, out);
  return out;
}

void TextLayouter::Engine::layout(std::u32string_view paragraph, const TextStyle& style, float width,
                                  ParagraphLayout& out) {
  out.lines.clear();
  out.runs.clear();
  out.glyphs.clear();
  out.kashidas.clear();
  out.missing.clear();
  out.height = 0;
  out.box_width = width;

  prepare(paragraph, style, width);
  itemizer_.itemize(text_, bidi_, breaks_, *style.fonts, items_, out.missing);
  shape_items();
  find_lines();
  if (style.wrap != Wrap::greedy) rewrap();
  out.direction = bidi_.direction;
  for (const LineSpan& span : spans_) build_line(span, out);
}

// Step 1: the text as shaped, bidi levels and break opportunities.
void TextLayouter::Engine::prepare(std::u32string_view paragraph, const TextStyle& style, float width) {
  style_ = &style;
  // NaN, negative and absurd widths are clamped rather than trusted.
  const float units = std::isfinite(width) ? std::floor(width * 64.0f) : 0.0f;
  max_width64_ = units > 0.0f ? static_cast<int32_t>(std::min(units, 2.0e9f)) : 0;
  break_width64_ = max_width64_;
  hb_language_ = language(style.language);
  text_.assign(paragraph);
  std::replace(text_.begin(), text_.end(), U'\t', U' ');  // for the fonts, which have no tab glyph
  hide_excess_marks(text_);
  resolve_bidi(paragraph, base_direction(style), bidi_);
  // Breaks and grapheme clusters of the text as written: a tab is a control (it ends a
  // cluster even after a prepended mark like U+0602), a space is not.
  breaks_.set_text(paragraph);
  breaks_.line_breaks(line_breaks_);
  // So that a line is found by walking its break opportunities, not every character: a
  // word of 100,000 letters costs its lines, not its length per line.
  const auto n = static_cast<uint32_t>(line_breaks_.size());
  next_opportunity_.resize(n + 1);
  next_opportunity_[n] = n;
  for (uint32_t i = n; i-- > 0;) next_opportunity_[i] = line_breaks_[i] == LineBreak::prohibited ? next_opportunity_[i + 1] : i;
}

// Step 2: shape every item once, in logical order, and sum advances per code point.
void TextLayouter::Engine::shape_items() {
  const uint32_t n = size();
  glyphs_.clear();
  pen_.assign(n + 1, 0);
  flags_.assign(n + 1, 0);
  item_at_.resize(n);
  shaping_runs_.clear();
  for (uint32_t k = 0; k < items_.size(); ++k) {
    const ItemizedRun& item = items_[k];
    shaping_runs_.push_back({item.start, item.end, props(item)});
    flags_[item.start] = kItemStart;
    std::fill(item_at_.begin() + item.start, item_at_.begin() + item.end, k);
  }
  flags_[n] = kItemStart;
  shaper_.shape_paragraph(text_, shaping_runs_, glyphs_, item_glyph_begin_);
  for (const ShapedGlyph& glyph : glyphs_) {
    pen_[glyph.cluster] += glyph.advance;
    flags_[glyph.cluster] |= kClusterStart | (glyph.unsafe_to_break ? kUnsafe : 0) | (glyph.tatweel_ok ? kTatweel : 0);
  }
  int32_t running = 0;
  for (uint32_t i = 0; i <= n; ++i) running += std::exchange(pen_[i], running);
}

// Step 3: greedy first-fit lines.
void TextLayouter::Engine::find_lines() {
  spans_.clear();
  if (text_.empty()) {
    spans_.push_back({0, 0, 0, 0, true});
    return;
  }
  for (uint32_t start = 0; start < size();) {
    spans_.push_back(next_line(start));
    start = spans_.back().next;
  }
}

// Step 3b: balance or pretty, each stretch of lines up to a forced break on its own.
// balance: the stretch broken again at the narrowest width that gives it no more lines than
// greedy did. pretty: a last line of one word takes the last word of the line before (that
// line broken just short of its width), if the two still take two lines.
void TextLayouter::Engine::rewrap() {
  std::vector<LineSpan>& greedy = greedy_;
  greedy.swap(spans_);
  spans_.clear();
  for (size_t first = 0; first < greedy.size();) {
    size_t last = first;
    while (!greedy[last].forced && last + 1 < greedy.size()) ++last;
    const auto keep = [&](size_t from, size_t to) {  // greedy's lines [from, to)
      spans_.insert(spans_.end(), greedy.begin() + static_cast<ptrdiff_t>(from), greedy.begin() + static_cast<ptrdiff_t>(to));
    };
    if (style_->wrap == Wrap::balance && last > first) {
      break_width64_ = narrowest_width(greedy[first].start, last - first + 1);
      greedy_lines(greedy[first].start, last - first + 1, trial_);
      spans_.insert(spans_.end(), trial_.begin(), trial_.end());
    } else if (style_->wrap == Wrap::pretty && last > first && one_word(greedy[last]) && !one_word(greedy[last - 1])) {
      keep(first, last - 1);
      break_width64_ = greedy[last - 1].width64 - 1;
      greedy_lines(greedy[last - 1].start, 2, trial_);
      if (trial_.size() == 2) spans_.insert(spans_.end(), trial_.begin(), trial_.end());
      else keep(last - 1, last + 1);
    } else {
      keep(first, last + 1);
    }
    break_width64_ = max_width64_;
    first = last + 1;
  }
}

// Greedy lines at break_width64_ from `start` to the next forced break, into `out`; stops
// after `most` + 1 lines (enough to know there are too many).
void TextLayouter::Engine::greedy_lines(uint32_t start, size_t most, std::vector<LineSpan>& out) {
  out.clear();
  while (start < size() && out.size() <= most) {
    out.push_back(next_line(start));
    start = out.back().next;
    if (out.back().forced) break;
  }
}

// The narrowest limit at which the stretch from `start` takes at most `lines` lines (the
// box's width does; fewer lines never come from a narrower one), to 1/64 px.
int32_t TextLayouter::Engine::narrowest_width(uint32_t start, size_t lines) {
  int32_t low = 0, high = max_width64_;
  while (low < high) {
    break_width64_ = low + (high - low) / 2;
    greedy_lines(start, lines, trial_);
    if (trial_.size() <= lines) high = break_width64_;
    else low = break_width64_ + 1;
  }
  return high;
}

// A line without a break opportunity inside: one word (or one unbreakable run).
bool TextLayouter::Engine::one_word(const LineSpan& span) const {
  for (uint32_t i = span.start + 1; i < span.end; ++i) {
    if (line_breaks_[i] != LineBreak::prohibited) return false;
  }
  return true;
}

// The longest line from `start` that ends at a UAX #14 opportunity and fits, measured on
// the shaped advances; a line edge HarfBuzz flags unsafe to break is measured re-shaped.
LineSpan TextLayouter::Engine::next_line(uint32_t start) {
  uint32_t fit = 0;
  for (uint32_t b = next_opportunity_[start + 1]; b <= size(); b = next_opportunity_[b + 1]) {
    if (pen_[content_end(start, b)] - pen_[start] > break_width64_) break;
    fit = b;
    if (line_breaks_[b] == LineBreak::mandatory) break;
  }
  for (; fit > start; --fit) {
    if (line_breaks_[fit] == LineBreak::prohibited) continue;
    const uint32_t end = content_end(start, fit);
    const int32_t width = measure(start, end);
    if (width <= break_width64_) return {start, end, fit, width, line_breaks_[fit] == LineBreak::mandatory};
  }
  return emergency_line(start);
}

// The first word from `start` is wider than the line: break it between grapheme clusters
// (never inside a ligature, never before closing punctuation). At least one cluster goes
// on the line, even if it overflows.
LineSpan TextLayouter::Engine::emergency_line(uint32_t start) {
  // Walk the word only as far as the line reaches, so that a word of any length costs
  // its lines, not its length per line.
  uint32_t fit = start;
  uint32_t first = 0;  // the first place the word may be cut
  uint32_t g = start + 1;
  for (; g < size() && line_breaks_[g] == LineBreak::prohibited; ++g) {
    if (!breakable_inside_word(g)) continue;
    if (first == 0) first = g;
    if (pen_[g] - pen_[start] > break_width64_) break;
    fit = g;
  }
  if (first == 0) first = g;  // the word cannot be cut: all of it goes on the line
  for (; fit > start; --fit) {
    if (!breakable_inside_word(fit)) continue;
    const int32_t width = measure(start, fit);
    if (width <= break_width64_) return {start, fit, fit, width, false};
  }
  const uint32_t end = content_end(start, first);
  return {start, end, first, measure(start, end), line_breaks_[first] == LineBreak::mandatory};
}

uint32_t TextLayouter::Engine::content_end(uint32_t start, uint32_t end) const {
  while (end > start && is_trailing_whitespace(bidi_.types[end - 1])) --end;
  return end;
}

bool TextLayouter::Engine::safe_to_break(uint32_t i) const {
  return (flags_[i] & kItemStart) || (flags_[i] & (kClusterStart | kUnsafe)) == kClusterStart;
}

// Where a word too wide for the line may be cut: between grapheme clusters, never inside a
// glyph cluster (a ligature), never before punctuation that closes, and never inside
// lam-alef, a mandatory ligature whatever the font makes of it (Noto Naskh Arabic draws it
// as a lam glyph and a zero-width alef glyph, two clusters).
bool TextLayouter::Engine::breakable_inside_word(uint32_t i) {
  if (never_starts_line(text_[i]) || !breaks_.is_grapheme_boundary(i)) return false;
  if (!(flags_[i] & (kClusterStart | kItemStart))) return false;
  return !(text_[i - 1] == U'\u0644' && is_alef(text_[i]));
}

// The exact advance of [start, end) as it will be drawn: the shaped advances, except
// that a first or last piece cut where HarfBuzz flags the cut unsafe is re-shaped.
int32_t TextLayouter::Engine::measure(uint32_t start, uint32_t end) {
  if (end <= start) return 0;
  int32_t width = pen_[end] - pen_[start];
  const uint32_t first = item_at_[start];
  const uint32_t last = item_at_[end - 1];
  if (first == last) {
    if (!safe_to_break(start) || !safe_to_break(end)) width = reshaped_width(first, start, end);
    return width;
  }
  if (!safe_to_break(start)) {
    const uint32_t cut = items_[first].end;
    width += reshaped_width(first, start, cut) - (pen_[cut] - pen_[start]);
  }
  if (!safe_to_break(end)) {
    const uint32_t cut = items_[last].start;
    width += reshaped_width(last, cut, end) - (pen_[end] - pen_[cut]);
  }
  return width;
}

int32_t TextLayouter::Engine::reshaped_width(uint32_t item, uint32_t start, uint32_t end) {
  reshaped_.clear();
  return shaper_.shape(text_, start, end, props(items_[item]), reshaped_);
}

ShapingProps TextLayouter::Engine::props(const ItemizedRun& item) const {
  return {&(*style_->fonts)[item.font], (item.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR, item.script,
          hb_language_};
}

// Step 4: one line in visual order, aligned, appended to `out`.
void TextLayouter::Engine::build_line(const LineSpan& span, ParagraphLayout& out) {
  collect_pieces(span);
  const fonts::FontStack& fonts = *style_->fonts;
  Line line{};
  line.start = span.start;
  line.end = span.end;
  line.next = span.next;
  line.run_begin = static_cast<uint32_t>(out.runs.size());
  const int32_t kashida64 = plan_kashidas(span);
  const Placement placement = place(span, kashida64, line);
  float shift = placement.offset;
  int32_t ascent = fonts.primary().ascent64();
  int32_t descent = fonts.primary().descent64();
  int32_t pen = 0;
  for (const Piece& piece : pieces_) {
    const fonts::Font& font = fonts[items_[piece.item].font];
    ascent = std::max(ascent, font.ascent64());
    descent = std::max(descent, font.descent64());
    place_glyphs(piece, placement, pen, shift, out);
  }
  line.kashida_begin = static_cast<uint32_t>(out.kashidas.size());
  for (const KashidaSpot& spot : spots_) out.kashidas.push_back({spot.before, spot.count, px(int64_t{spot.unit64} * spot.count)});
  line.kashida_end = static_cast<uint32_t>(out.kashidas.size());
  line.run_end = static_cast<uint32_t>(out.runs.size());

  const int32_t content = ascent + descent;
  const auto strut = static_cast<int32_t>(std::lround(style_->line_height * fonts.size() * 64.0f));
  const int32_t height = std::max(strut, content);
  line.ascent = px(ascent);
  line.descent = px(descent);
  line.top = out.height;
  line.baseline = out.height + px((height - content) / 2 + ascent);
  line.height = px(height);
  out.height += line.height;
  out.lines.push_back(line);
}

// The line's pieces (maximal ranges of one item and one level after rule L1), sorted
// left to right.
void TextLayouter::Engine::collect_pieces(const LineSpan& span) {
  pieces_.clear();
  if (span.end == span.start) return;
  reorder_line(bidi_, span.start, span.next, visual_);
  visual_position_.resize(size());
  for (uint32_t k = span.start; k < span.next; ++k) visual_position_[static_cast<uint32_t>(visual_[k])] = k;
  for (uint32_t i = span.start; i < span.end;) {
    const uint32_t item = item_at_[i];
    const FriBidiLevel level = bidi_.levels[i];
    uint32_t j = i + 1;
    while (j < span.end && item_at_[j] == item && bidi_.levels[j] == level) ++j;
    pieces_.push_back({i, j, item, visual_position_[i]});
    i = j;
  }
  std::ranges::sort(pieces_, {}, &Piece::visual_position);
}

// A piece's glyphs: cut from its item's shaping where both cuts are safe, else re-shaped.
std::span<const ShapedGlyph> TextLayouter::Engine::piece_glyphs(const Piece& piece) {
  if (!safe_to_break(piece.start) || !safe_to_break(piece.end)) {
    reshaped_.clear();
    shaper_.shape(text_, piece.start, piece.end, props(items_[piece.item]), reshaped_);
    return reshaped_;
  }
  const auto item_glyphs = std::span(glyphs_).subspan(
      item_glyph_begin_[piece.item], item_glyph_begin_[piece.item + 1] - item_glyph_begin_[piece.item]);
  return glyphs_in(item_glyphs, piece.start, piece.end, items_[piece.item].level & 1);
}

// A piece's glyphs placed after the pen, spaces widened by the placement's extra, and the
// planned kashidas' tatweels inserted: in a right-to-left piece, glyphs go left to right
// from the logical end, so the tatweels before a letter come once its glyphs are placed.
void TextLayouter::Engine::place_glyphs(const Piece& piece, const Placement& placement, int32_t& pen, float& shift,
                                        ParagraphLayout& out) {
  const ItemizedRun& item = items_[piece.item];
  GlyphRun run{&(*style_->fonts)[item.font], static_cast<uint8_t>(bidi_.levels[piece.start]),
               hb_script_to_iso15924_tag(item.script), piece.start, piece.end, static_cast<uint32_t>(out.glyphs.size()), 0};
  auto spot = std::find_if(spots_.rbegin(), spots_.rend(), [&](const KashidaSpot& s) { return s.before < piece.end; });
  const auto tatweels_before = [&](uint32_t cluster) {  // those of spots after `cluster`, inside the piece
    for (; spot != spots_.rend() && spot->before > piece.start && spot->before > cluster; ++spot) {
      for (uint32_t k = 0; k < spot->count; ++k, pen += spot->unit64) {
        out.glyphs.push_back({spot->glyph, spot->before, px(pen) + shift, 0.0f, px(spot->unit64)});
      }
    }
  };
  const bool rtl = run.level & 1;
  for (const ShapedGlyph& g : piece_glyphs(piece)) {
    if (rtl) tatweels_before(g.cluster);
    const float widen = placement.extra > 0 && is_space_separator(text_[g.cluster]) ? placement.extra : 0.0f;
    out.glyphs.push_back({g.id, g.cluster, px(pen + g.x_offset) + shift, px(-g.y_offset), px(g.advance) + widen});
    pen += g.advance;
    shift += widen;
  }
  run.glyph_end = static_cast<uint32_t>(out.glyphs.size());
  out.runs.push_back(run);
}

// Kashidas for a justified Arabic line: one place per word (kashida_rank, where HarfBuzz
// allows a tatweel, inside one piece), then whole tatweels handed out a round at a time,
// best places first and later words first, from the slack spaces would not take gently
// (a quarter of their width). Spaces take what is left. Returns the tatweels' width.
int32_t TextLayouter::Engine::plan_kashidas(const LineSpan& span) {
  spots_.clear();
  if (!style_->kashida || style_->align != Align::justify || span.forced || span.width64 >= max_width64_) return 0;
  int32_t spaces64 = 0;
  for (uint32_t i = span.start, word = span.start; i <= span.end; ++i) {
    if (i < span.end && !is_space_separator(text_[i])) continue;
    if (i > word) find_kashida_spot(word, i);
    if (i < span.end) spaces64 += pen_[i + 1] - pen_[i];
    word = i + 1;
  }
  int32_t budget = max_width64_ - span.width64 - std::min(max_width64_ - span.width64, spaces64 / 4);
  std::ranges::sort(spots_, [](const KashidaSpot& a, const KashidaSpot& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.before > b.before;
  });
  int32_t total = 0;
  for (uint32_t round = 0; round < kMaxTatweels; ++round) {
    for (KashidaSpot& spot : spots_) {
      if (spot.unit64 > budget) continue;
      ++spot.count;
      budget -= spot.unit64;
      total += spot.unit64;
    }
  }
  std::erase_if(spots_, [](const KashidaSpot& spot) { return spot.count == 0; });
  std::ranges::sort(spots_, {}, &KashidaSpot::before);
  return total;
}

// The best place for a kashida in the word text_[word_start, word_end), if it has one.
void TextLayouter::Engine::find_kashida_spot(uint32_t word_start, uint32_t word_end) {
  KashidaSpot best{0, 0, 0, 0, 0};
  for (uint32_t p = word_start + 1; p < word_end; ++p) {
    if (!(flags_[p] & kTatweel) || item_at_[p] != item_at_[p - 1] || !(bidi_.levels[p] & 1) ||
        bidi_.levels[p] != bidi_.levels[p - 1]) {
      continue;
    }
    const int rank = kashida_rank(text_, word_start, word_end, p);
    if (rank > 0 && (best.rank == 0 || rank <= best.rank)) best = {p, rank, 0, 0, 0};
  }
  if (best.rank == 0) return;
  hb_font_t* font = (*style_->fonts)[items_[item_at_[best.before]].font].hb_font();
  if (!hb_font_get_nominal_glyph(font, 0x0640, &best.glyph)) return;  // the font has no tatweel
  best.unit64 = hb_font_get_glyph_h_advance(font, best.glyph);
  if (best.unit64 > 0) spots_.push_back(best);
}

// Places the line in the box: the offset for start/end/center, or the space added to
// every inter-word space for justify. Only spaces widen: never a gap inside a word.
Placement TextLayouter::Engine::place(const LineSpan& span, int32_t kashida64, Line& line) const {
  const bool rtl = bidi_.direction == Direction::rtl;
  const int32_t slack = max_width64_ - span.width64 - kashida64;
  size_t spaces = 0;
  if (style_->align == Align::justify && !span.forced && slack > 0) {
    spaces = static_cast<size_t>(std::count_if(text_.begin() + span.start, text_.begin() + span.end, is_space_separator));
  }
  int32_t offset = 0;
  switch (style_->align) {
    case Align::justify:
    case Align::start: offset = rtl ? slack : 0; break;
    case Align::end: offset = rtl ? 0 : slack; break;
    case Align::left: offset = 0; break;
    case Align::right: offset = slack; break;
    case Align::center: offset = slack / 2; break;
  }
  if (spaces > 0) offset = 0;
  line.x = px(offset);
  line.width = px(spaces > 0 ? max_width64_ : span.width64 + kashida64);
  return {px(offset), spaces > 0 ? px(slack) / static_cast<float>(spaces) : 0.0f};
}

hb_language_t TextLayouter::Engine::language(const std::string& tag) {
  if (tag != language_tag_ || hb_language_ == HB_LANGUAGE_INVALID) {
    language_tag_ = tag;
    language_is_rtl_ = !tag.empty() && uloc_isRightToLeft(tag.c_str());
    hb_language_ = tag.empty() ? HB_LANGUAGE_INVALID : hb_language_from_string(tag.c_str(), -1);
  }
  return hb_language_;
}

BaseDirection TextLayouter::Engine::base_direction(const TextStyle& style) {
  if (style.direction == BaseDirection::automatic && language_is_rtl_) return BaseDirection::rtl;
  return style.direction;
}

}  // namespace lafita::render
