#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lafita::feeds {

// Everything a feed says is untrusted: these functions turn it into text that is safe to
// lay out and cannot disturb what is around it on a slide. Pure functions, any thread.

// How much of a feed reaches the screen. Lengths are in bytes of UTF-8.
struct TextLimits {
  size_t short_text = 400;  // a title, a place, a source name
  size_t body = 6000;       // an item's text (a slide template shows at most a few pages)
  size_t link = 2000;       // ids and links (kept for deduplication, not shown)
  size_t items = 200;       // items per feed
};

// How many maximal ill-formed UTF-8 subparts `text` has. When there are any, `repaired`
// becomes `text` with each replaced by U+FFFD; otherwise it is left alone (no copy).
size_t repair_utf8(std::string_view text, std::string& repaired);

// Whether `text` shows nothing: only whitespace (ASCII or no-break spaces), or empty. Cheap:
// for choosing between two fields before either is cleaned.
bool is_blank(std::string_view text);

// One line of text (a title, a place): invalid UTF-8 replaced, control characters and
// noncharacters removed, combining marks past 30 in a row (Stream-Safe) removed, any run
// of whitespace and line breaks one space, trimmed, cut at a grapheme boundary to at most
// `max_bytes` (then ending in "…"), and every bidi embedding, override or isolate it opens
// closed at its end, unmatched closers removed, so nothing in it can change the direction
// of text outside it.
std::string clean_line(std::string_view raw, size_t max_bytes);

// Paragraphs (an item's body): the same, except that line breaks (CR LF, LF, CR, NEL, LS,
// PS) become "\n" between paragraphs, blank paragraphs are dropped and bidi controls are
// balanced within each paragraph.
std::string clean_paragraphs(std::string_view raw, size_t max_bytes);

// An identifier or a link: invalid UTF-8 replaced, all controls and whitespace at its ends
// removed, cut to `max_bytes`. Never shown; compared to find duplicates.
std::string clean_token(std::string_view raw, size_t max_bytes);

}  // namespace lafita::feeds
