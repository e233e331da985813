#pragma once

#include <string_view>

namespace lafita::kiosk {

// The built-in sample feed (samples/sample_feed.json, a JSON Feed in Arabic with one English
// item), played when no feed is configured. Compiled into the program.
std::string_view sample_feed_json();

}  // namespace lafita::kiosk
