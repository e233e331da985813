#pragma once

#include "feeds/item.hpp"

#include <string_view>

namespace lafita::feeds {

// Parses a JSON Feed (https://jsonfeed.org/version/1.1) with Lafita's `_lafita` extension
// per item: {"start", "end" (RFC 3339 date-times or dates), "place", "priority", "expires"}.
// The text is content_text, else summary, else content_html reduced to text; invalid UTF-8
// is replaced first. Fields are raw: sanitise them with sanitise_feed().
// Items take the feed's language and its title as their source unless they give their own.
// An item without title and text, or a field of the wrong type, is left out with a
// warning naming it; `origin` (a file or URL) prefixes every message.
// Throws FeedError when the document is not JSON or not a JSON Feed.
// Reads at most `max_items` items; the rest are counted in Feed::unread_items, not kept.
Feed parse_json_feed(std::string_view document, std::string_view origin, size_t max_items = 800);

}  // namespace lafita::feeds
