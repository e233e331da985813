#pragma once
// What every parsed feed must satisfy, whatever the bytes were: the promises of
// feeds/untrusted_text.hpp. A broken promise aborts, so libFuzzer reports it.

#include "feeds/item.hpp"
#include "feeds/untrusted_text.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace lafita::fuzz {

inline void require(bool holds, const char* what, std::string_view text) {
  if (holds) return;
  std::fprintf(stderr, "broken invariant: %s in \"%.*s\"\n", what, static_cast<int>(text.size()), text.data());
  std::abort();
}

// Valid UTF-8, no control character but '\n' (and none in a line), bidi openers and
// closers matched within each paragraph, within its limit (closers may add a few bytes).
inline void check_text(std::string_view text, bool paragraphs, size_t limit) {
  require(text.size() <= limit + 64, "longer than its limit", text);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int depth = 0;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    require(c >= 0, "invalid UTF-8", text);
    require(c >= 0x20 || (paragraphs && c == '\n'), "a control character", text);
    require(!(c >= 0x7F && c <= 0x9F), "a C1 control", text);
    if (c == '\n') require(depth == 0, "an open bidi control at a paragraph's end", text);
    if ((c >= 0x202A && c <= 0x202B) || (c >= 0x202D && c <= 0x202E) || (c >= 0x2066 && c <= 0x2068)) ++depth;
    if (c == 0x202C || c == 0x2069) require(--depth >= 0, "a bidi closer without an opener", text);
  }
  require(depth == 0, "an open bidi control at the end", text);
  require(text.empty() || (text.front() != ' ' && text.back() != ' '), "a space at an end", text);
}

// A picture's address after sanitising (the fuzzers' feeds come from an https URL): none,
// or an http(s) URL within the limit, with no space or control character.
inline void check_picture(const std::string& url, size_t max_bytes) {
  if (url.empty()) return;
  require(url.size() <= max_bytes, "a picture address past the limit", url);
  require(url.starts_with("http://") || url.starts_with("https://"), "a picture address not http(s)", url);
  require(std::none_of(url.begin(), url.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; }),
          "a picture address with a space or control character", url);
}

inline void check_feed(const feeds::Feed& feed) {
  const feeds::TextLimits limits;
  require(feed.items.size() <= limits.items, "more items than the limit", feed.title);
  check_text(feed.title, false, limits.short_text);
  check_picture(feed.logo, limits.link);
  for (const feeds::Item& item : feed.items) {
    check_picture(item.image, limits.link);
    const bool cancel = item.alert && item.alert->message_type == "Cancel";  // ends others, shows nothing
    require(!item.title.empty() || !item.body.empty() || cancel, "an item without title and text", item.id);
    check_text(item.title, false, limits.short_text);
    check_text(item.body, true, limits.body);
    check_text(item.place, false, limits.short_text);
    check_text(item.source, false, limits.short_text);
    if (!item.alert) continue;
    check_text(item.alert->event, false, limits.short_text);
    check_text(item.alert->instruction, true, limits.body);
    require(item.alert->areas.size() <= 100 && item.alert->references.size() <= 100, "too many areas or references", item.id);
    for (const std::string& area : item.alert->areas) check_text(area, false, limits.short_text);
  }
}

}  // namespace lafita::fuzz
