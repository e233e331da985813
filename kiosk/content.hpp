#pragma once

#include "feeds/item.hpp"

#include <string>
#include <vector>

namespace lafita::kiosk {

// The whole file, or "-" for standard input. Throws UsageError naming the file and why.
std::string read_text_file(const std::string& file);

// What to show: the items of the JSON Feed in `feed_file`, or of the built-in sample feed
// when it is empty. Throws UsageError for a file that cannot be read and feeds::FeedError
// for one that is not a feed; `warnings` gets the feed's warnings, one line each.
std::vector<feeds::Item> load_items(const std::string& feed_file, std::vector<std::string>& warnings);

}  // namespace lafita::kiosk
