#pragma once

#include "feeds/ical_feed.hpp"
#include "feeds/item.hpp"
#include "feeds/untrusted_text.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lafita::feeds {

enum class FeedFormat { json_feed, rss_or_atom, icalendar };

// What a document is, from its first bytes (after a byte order mark and whitespace):
// "{" JSON Feed, "<" RSS or Atom, "BEGIN:VCALENDAR" iCalendar. Nothing for anything else.
std::optional<FeedFormat> sniff_format(std::string_view document);

struct ParseOptions {
  std::string_view charset;  // from an HTTP Content-Type; empty when unknown
  CalendarOptions calendar;   // which calendar occurrences to keep
  TextLimits limits;
  std::string language;      // the screen's: which <info> block of a CAP alert is read; empty: the first
  // The feed's own address (its URL or file name), against which relative picture
  // addresses are resolved (image_url.hpp); empty: relative ones are left out.
  std::string_view base;
};

// Parses a feed in any of Lafita's formats and sanitises everything in it (see
// sanitise_feed). Of a JSON Feed, RSS or Atom document at most four times the item limit
// is read (the rest counted), so that memory and time follow the limit, not the document. `origin` (a file or URL) prefixes every message. Throws FeedError naming
// the feed, where (line and column, or JSON path) and why when it cannot be read at all.
Feed parse_feed(std::string_view document, std::string_view origin, const ParseOptions& options);

// Makes a parsed feed safe to show: every field cleaned (untrusted_text.hpp), picture
// addresses checked and resolved against `base` (image_url.hpp), items left with neither
// title nor text dropped, items past `limits.items` dropped; each with a warning in
// `feed.warnings`.
void sanitise_feed(Feed& feed, const TextLimits& limits, std::string_view origin, std::string_view base = {});

}  // namespace lafita::feeds
