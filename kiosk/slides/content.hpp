#pragma once

#include "feeds/feed_updater.hpp"
#include "feeds/item.hpp"
#include "kiosk/config/show_options.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace lafita::kiosk {

// The whole file (a regular file of at most 8 MiB, like a feed over HTTP), or "-" for
// standard input (as much). Throws UsageError naming the file and why.
std::string read_text_file(const std::string& file);

// How feeds are parsed at `now`: calendars expanded `calendar_days` ahead, a CAP alert's
// <info> block in the screen's language.
feeds::ParseOptions parse_options(const ShowOptions& options, feeds::Time now);

// A feed fetched (URL) or read (file, "-" for standard input) once, parsed and sanitised
// with its source's settings. Throws feeds::FeedError naming the feed and why.
feeds::Feed load_feed(const feeds::FeedSource& source, const feeds::ParseOptions& parse);

// The built-in sample feed, parsed and sanitised like any other.
feeds::Feed sample_feed(feeds::Time now);

// What to show at `now` (shown_items): the alerts or the playlist of `feeds`, or the
// sample when `options.feeds` is empty. Throws feeds::FeedError for a feed that cannot be loaded;
// `warnings` gets the feeds' warnings, one line each.
std::vector<feeds::Item> load_items(const ShowOptions& options, feeds::Time now, std::vector<std::string>& warnings);

// What the screen shows of `feeds` at `now`: the active alerts when there are any (they
// take the screen over), else the playlist (merge_feeds).
std::vector<feeds::Item> shown_items(const std::vector<const feeds::Feed*>& feeds, feeds::Time now,
                                     const feeds::AlertFilter& alerts, bool clock_trusted = true);

// Where the last good copies of URL feeds are kept: --cache-dir, else systemd's
// $CACHE_DIRECTORY, else $XDG_CACHE_HOME/lafita, else ~/.cache/lafita.
std::filesystem::path cache_folder(const ShowOptions& options);

// Shown when no feed has given anything yet (first start, offline, nothing cached); the
// first content replaces it at once, not at the end of its slide.
inline constexpr const char* kWaitingItemId = "lafita-waiting-for-content";
feeds::Item waiting_item(const std::vector<std::string>& feeds);

}  // namespace lafita::kiosk
