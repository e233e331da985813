#pragma once
// Alert hubs: Atom and RSS feeds whose entries link to CAP documents, as national alert
// hubs publish them. The feed updater fetches the linked documents (linked_alert_urls) and
// puts each in its entry's place (attach_linked_alerts).
#include "feeds/feed_cache.hpp"
#include "feeds/feed_parser.hpp"
#include "feeds/feed_url.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lafita::feeds {

// At most this many linked documents are fetched per feed, each at most kMaxLinkedBytes.
inline constexpr size_t kMaxLinkedAlerts = 20;
inline constexpr size_t kMaxLinkedBytes = 1 << 20;

// Keeps the entries of `feed` whose CAP links may be followed, at most kMaxLinkedAlerts
// documents: a feed fetched over the network may link only to http and https documents
// (never to a file on the screen's disk), a local feed to those and to local files. The
// other linking entries are left out (an entry of a hub says nothing checked), with one
// warning in `feed.warnings`. Returns each document once, in entry order.
std::vector<std::string> keep_linked_alerts(Feed& feed, std::string_view feed_url);

// Puts in each linking entry's place the CAP message its link gives (`copy_of(url)`: the
// document fetched, or its last good copy; null when there is none), parsed with
// `options` (the screen's language) and sanitised. An entry whose document cannot be had
// or read is left out with a warning naming the entry and the document: a hub's entry is
// not the alert (a Test, a Cancel, another region's warning would show as real).
void attach_linked_alerts(Feed& feed, const std::function<const CachedFeed*(const std::string&)>& copy_of,
                          const ParseOptions& options, std::string_view origin);

}  // namespace lafita::feeds
