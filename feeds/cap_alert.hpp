#pragma once
// OASIS Common Alerting Protocol documents (CAP 1.2, and 1.1, which reads alike), from
// the tree libxml2 built of them (xml_feed.cpp parses them as safely as RSS).
#include "feeds/item.hpp"
#include "feeds/xml_handles.hpp"

#include <string_view>

namespace lafita::feeds {

// Whether `root` is a CAP <alert>.
bool is_cap_alert(const xmlNode* root);

// Reads one CAP message into `feed` as one item whose `alert` is set: its id is the
// message's "sender,identifier,sent" (what other messages' <references> name); its title,
// text and language come from the <info> block in `language` (its primary subtag, "ar"
// for "ar-TN"), else from the first; the areas and geocodes of every block are kept for
// the area filter. An Ack or Error message gives no item. Missing or malformed fields
// are warnings naming the message and the field; only a message without an identifier,
// sender and sent time is refused (FeedError), since nothing could update or cancel it.
void read_cap(const xmlNode* root, Feed& feed, std::string_view origin, std::string_view language);

}  // namespace lafita::feeds
