#include "feeds/untrusted_text.hpp"

#include "base/icu_handles.hpp"
#include "base/stream_safe.hpp"
#include "base/utf8.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>
#include <vector>

namespace lafita::feeds {

namespace {

constexpr std::string_view kEllipsis = "\u2026";

bool is_line_break(char32_t c) { return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029; }

bool is_bidi_control(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// Characters with no business on a sign: controls (C0, DEL, C1), noncharacters, the byte
// order mark in the middle of text, interlinear annotation marks, and object replacement.
bool is_removed(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) return true;
  return c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC);
}

// Removes what may not be shown and collapses whitespace. Line breaks become '\n' when
// `paragraphs`, else spaces; the result has no blank line and no space at a line's ends.
std::string normalise(std::string_view raw, bool paragraphs) {
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false, pending_break = false;
  bool after_cr = false;
  MarkRun marks;
  for_each_code_point(raw, [&](char32_t c, std::string_view bytes) {
    if (marks.excess(c)) return;
    const bool crlf = after_cr && c == '\n';
    after_cr = c == '\r';
    if (crlf) return;
    if (is_line_break(c)) {
      (paragraphs ? pending_break : pending_space) = true;
      return;
    }
    // Below U+1680 (OGHAM SPACE MARK) no character past ASCII is whitespace to ICU (NEL is a
    // line break above, NBSP is kept): Arabic text never reaches the table lookup.
    const bool space = c < 0x80     ? (c == ' ' || c == '\t' || c == '\v' || c == '\f')
                       : c < 0x1680 ? false
                                    : u_isWhitespace(static_cast<UChar32>(c)) != 0;
    if (space) {
      pending_space = true;
      return;
    }
    if (is_removed(c)) return;
    if (!out.empty() && pending_break) {
      out += '\n';
    } else if (!out.empty() && pending_space && out.back() != '\n') {
      out += ' ';
    }
    pending_space = pending_break = false;
    out += bytes;
  });
  return out;
}

using BreakIteratorPtr = std::unique_ptr<icu::BreakIterator>;

// The longest prefix of `text` no longer than `max_bytes` that ends at a grapheme boundary.
size_t grapheme_cut(std::string_view text, size_t max_bytes) {
  UErrorCode status = U_ZERO_ERROR;
  IcuText utext(utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
  BreakIteratorPtr graphemes(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return max_bytes;
  graphemes->setText(utext.get(), status);
  const int32_t cut = graphemes->preceding(static_cast<int32_t>(max_bytes) + 1);
  return U_FAILURE(status) || cut == icu::BreakIterator::DONE ? 0 : static_cast<size_t>(cut);
}

// Cuts `text` (valid UTF-8) to at most `max_bytes`, ending in an ellipsis when cut.
void cap(std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  if (max_bytes < kEllipsis.size()) {
    text.clear();
    return;
  }
  size_t cut = grapheme_cut(text, max_bytes - kEllipsis.size());
  while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == '\n')) --cut;
  text.resize(cut);
  text += kEllipsis;
}

// Whether `text` (valid UTF-8) has any of U+202A..U+202E, U+2066..U+2069: E2 80 AA..AE or
// E2 81 A6..A9. Most feed text has none, and needs no balancing.
bool has_bidi_control(std::string_view text) {
  for (size_t at = text.find('\xE2'); at != std::string_view::npos && at + 2 < text.size(); at = text.find('\xE2', at + 1)) {
    const auto second = static_cast<unsigned char>(text[at + 1]), third = static_cast<unsigned char>(text[at + 2]);
    if ((second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9)) return true;
  }
  return false;
}

// Within each paragraph, drops closers without an opener and openers past a sane depth
// (with their closers), and closes at the paragraph's end what is still open, following
// the matching rules of UAX #9 (X6a: a PDI closes the embeddings inside its isolate).
// Spaces that a dropped control leaves doubled or at a paragraph's ends are removed too.
std::string balance_bidi(std::string_view text) {
  if (!has_bidi_control(text)) return std::string(text);
  constexpr size_t kMaxDepth = 16;
  struct Open {
    bool isolate;
    bool kept;
  };
  std::vector<Open> open;
  std::string out;
  out.reserve(text.size());
  const auto close_all = [&] {
    if (!out.empty() && out.back() == ' ') out.pop_back();
    for (auto it = open.rbegin(); it != open.rend(); ++it) {
      if (it->kept) append_utf8(it->isolate ? U'\u2069' : U'\u202C', out);
    }
    open.clear();
  };
  for_each_code_point(text, [&](char32_t c, std::string_view bytes) {
    if (c == '\n') {
      close_all();
    } else if (c == 0x202C) {  // PDF: closes an embedding, never an isolate
      if (open.empty() || open.back().isolate) return;
      const bool kept = open.back().kept;
      open.pop_back();
      if (!kept) return;
    } else if (c == 0x2069) {  // PDI: closes the innermost isolate and what is inside it
      auto isolate = open.end();
      for (auto it = open.begin(); it != open.end(); ++it) {
        if (it->isolate) isolate = it;
      }
      if (isolate == open.end()) return;
      const bool kept = isolate->kept;
      open.erase(isolate, open.end());
      if (!kept) return;
    } else if (is_bidi_control(c)) {
      const bool kept = open.size() < kMaxDepth;
      open.push_back({c >= 0x2066, kept});
      if (!kept) return;
    } else if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) {
      return;
    }
    out += bytes;
  });
  close_all();
  return out;
}

}  // namespace

size_t repair_utf8(std::string_view text, std::string& repaired) {
  const size_t invalid = count_ill_formed_utf8(text);
  if (invalid == 0) return 0;  // most feeds: no copy
  repaired.clear();
  repaired.reserve(text.size() + 2 * invalid);
  for_each_code_point(text, [&](char32_t, std::string_view piece) { repaired += piece; });
  return invalid;
}

bool is_blank(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

std::string clean_line(std::string_view raw, size_t max_bytes) {
  std::string text = normalise(raw, false);
  cap(text, max_bytes);
  return balance_bidi(text);
}

std::string clean_paragraphs(std::string_view raw, size_t max_bytes) {
  std::string text = normalise(raw, true);
  cap(text, max_bytes);
  return balance_bidi(text);
}

std::string clean_token(std::string_view raw, size_t max_bytes) {
  std::string text;
  for_each_code_point(raw, [&](char32_t c, std::string_view bytes) {
    if (!is_removed(c) && !is_line_break(c) && !is_bidi_control(c)) text += bytes;
  });
  const size_t first = text.find_first_not_of(' ');
  text.erase(0, first == std::string::npos ? text.size() : first);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() > max_bytes) text.resize(grapheme_cut(text, max_bytes));
  return text;
}

}  // namespace lafita::feeds
