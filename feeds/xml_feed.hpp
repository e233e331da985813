#pragma once

#include "feeds/item.hpp"

#include <string_view>

namespace lafita::feeds {

// Parses an RSS 2.0 (or 1.0) or Atom 1.0 document with libxml2, with network access, DTD
// loading and entity expansion off. The document's encoding comes from `charset` (an HTTP
// Content-Type's) when given, else from its XML declaration, so windows-1256 and
// ISO-8859-6 feeds decode correctly; invalid UTF-8 in a UTF-8 document is replaced.
// An item's text is its content (content:encoded, Atom content: html, xhtml or text)
// reduced to text, else its summary (RSS description, Atom summary): the publisher's own
// words, where a CMS's summary is often a cut-off excerpt with "Read more" and "The post
// ... appeared first on ..." around it. Slides paginate and cut long text. Fields are raw: sanitise
// them with sanitise_feed(). `origin` (a file or URL) prefixes every message.
// Characters XML does not allow (a raw ESC, &#x1B;) are replaced first; a document that is
// still not well-formed is read in libxml2's recovery mode, keeping its readable items with
// a warning that names the line and column. Throws FeedError naming the line and column
// when not even a root element can be read, and when the document is neither RSS nor Atom.
// At most `max_items` items (entries) are read; the rest are counted in Feed::unread_items.
// A CAP 1.2 (or 1.1) <alert> document gives one item with its `alert` set (cap_alert.hpp);
// its <info> block is the one in `language` when there are several.
Feed parse_xml_feed(std::string_view document, std::string_view origin, std::string_view charset = {},
                   size_t max_items = 800, std::string_view language = {});

}  // namespace lafita::feeds
