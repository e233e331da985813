#pragma once

#include "feeds/item.hpp"

#include <vector>

namespace lafita::feeds {

// Several feeds' items as one playlist at `now`:
// - left out: alerts (they take over the screen instead: alerts.hpp), items that expired (expires <= now) and items not published yet
//   (published > now);
// - duplicates (the same id, or the same link) appear once, as the first feed gives them;
// - ordered by priority, highest first; then items with a start time, soonest first (an
//   event under way before one to come); then the rest, newest published first; ties keep
//   the order of the feeds and of the items in them.
// Pure function: copies what it keeps.
std::vector<Item> merge_feeds(const std::vector<const Feed*>& feeds, Time now);

}  // namespace lafita::feeds
