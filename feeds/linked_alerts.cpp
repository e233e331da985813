#include "feeds/linked_alerts.hpp"

#include <algorithm>

namespace lafita::feeds {

namespace {

bool is_web(std::string_view url) { return url.starts_with("http://") || url.starts_with("https://"); }

// A remote feed's links go to the web only; a local one's may also be local files.
bool may_follow(std::string_view feed_url, std::string_view link) {
  if (is_web(link)) return has_host(link);
  if (is_remote(feed_url)) return false;
  std::string why;
  return local_file(link, why).has_value();
}

}  // namespace

std::vector<std::string> keep_linked_alerts(Feed& feed, std::string_view feed_url) {
  std::vector<std::string> urls;
  size_t refused = 0, past_limit = 0;
  std::erase_if(feed.items, [&](const Item& item) {
    if (item.cap_link.empty() || std::ranges::find(urls, item.cap_link) != urls.end()) return false;
    if (!may_follow(feed_url, item.cap_link)) return ++refused, true;
    if (urls.size() == kMaxLinkedAlerts) return ++past_limit, true;
    urls.push_back(item.cap_link);
    return false;
  });
  const std::string origin = redact_url(feed_url);
  if (refused > 0) {
    feed.warnings.push_back(origin + ": " + std::to_string(refused) + " CAP links not followed: " +
                            (is_remote(feed_url) ? "a feed from the network may link only to http and https documents"
                                                 : "neither http, https nor a readable local file"));
  }
  if (past_limit > 0) {
    feed.warnings.push_back(origin + ": " + std::to_string(past_limit) + " CAP links past the first " +
                            std::to_string(kMaxLinkedAlerts) + " not followed");
  }
  return urls;
}

void attach_linked_alerts(Feed& feed, const std::function<const CachedFeed*(const std::string&)>& copy_of,
                          const ParseOptions& options, std::string_view origin) {
  std::vector<Item> kept;
  for (size_t i = 0; i < feed.items.size(); ++i) {
    Item& entry = feed.items[i];
    if (entry.cap_link.empty()) {
      kept.push_back(std::move(entry));
      continue;
    }
    const std::string place = std::string(origin) + ": item " + std::to_string(i + 1) + " links to CAP '" +
                              redact_url(entry.cap_link) + "'";
    const CachedFeed* copy = copy_of(entry.cap_link);
    if (copy == nullptr) {
      feed.warnings.push_back(place + ": no copy of it yet; not shown until it can be read");
      continue;
    }
    try {
      ParseOptions linked = options;
      linked.charset = copy->charset;
      Feed document = parse_feed(copy->body, redact_url(entry.cap_link), linked);
      if (document.items.size() != 1 || !document.items.front().alert) {
        throw FeedError("feed '" + redact_url(entry.cap_link) + "': not a CAP alert, update or cancel");
      }
      Item alert = std::move(document.items.front());
      alert.priority = entry.priority;
      alert.cap_link = entry.cap_link;
      kept.push_back(std::move(alert));
    } catch (const FeedError& e) {
      feed.warnings.push_back(place + ": " + e.what() + "; not shown");
    }
  }
  feed.items = std::move(kept);
}

}  // namespace lafita::feeds
