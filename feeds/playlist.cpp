#include "feeds/playlist.hpp"

#include <algorithm>
#include <unordered_set>

namespace lafita::feeds {

namespace {

bool is_current(const Item& item, Time now) {
  if (item.expires && *item.expires <= now) return false;
  return !(item.published && *item.published > now);
}

// Whether `a` plays before `b`; see merge_feeds.
bool plays_before(const Item& a, const Item& b) {
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.start.has_value() != b.start.has_value()) return a.start.has_value();
  if (a.start) return *a.start < *b.start;
  if (a.published.has_value() != b.published.has_value()) return a.published.has_value();
  return a.published && *a.published > *b.published;
}

}  // namespace

std::vector<Item> merge_feeds(const std::vector<const Feed*>& feeds, Time now) {
  std::vector<Item> playlist;
  std::unordered_set<std::string> seen_ids, seen_links;
  for (const Feed* feed : feeds) {
    for (const Item& item : feed->items) {
      if (item.alert || !is_current(item, now)) continue;  // alerts show apart: active_alerts()
      if (!item.id.empty() && !seen_ids.insert(item.id).second) continue;
      if (!item.link.empty() && !seen_links.insert(item.link).second) continue;
      playlist.push_back(item);
    }
  }
  std::stable_sort(playlist.begin(), playlist.end(), plays_before);
  return playlist;
}

}  // namespace lafita::feeds
