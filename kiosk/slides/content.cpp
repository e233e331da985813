#include "kiosk/slides/content.hpp"

#include "base/regular_file.hpp"
#include "feeds/alerts.hpp"
#include "feeds/playlist.hpp"
#include "kiosk/config/command_line.hpp"
#include "kiosk/slides/sample_feed.hpp"

#include <unistd.h>

#include <cstdlib>

namespace lafita::kiosk {

std::string read_text_file(const std::string& file) {
  std::string why;
  auto bytes = file == "-" ? read_bounded(STDIN_FILENO, kMaxFeedBytes, why) : read_regular_file(file, kMaxFeedBytes, why);
  if (!bytes) throw UsageError("'" + (file == "-" ? std::string("standard input") : file) + "': " + why);
  return std::move(*bytes);
}

feeds::ParseOptions parse_options(const ShowOptions& show, feeds::Time now) {
  feeds::ParseOptions options;
  options.calendar.now = now;
  options.calendar.ahead = show.calendar_days;
  options.language = show.language;
  return options;
}

feeds::Feed load_feed(const feeds::FeedSource& source, const feeds::ParseOptions& parse) {
  feeds::ParseOptions options = parse;
  if (source.request.url == "-") {
    try {
      return feeds::parse_source(source, read_text_file("-"), options);
    } catch (const UsageError& e) {
      throw feeds::FeedError("feed " + std::string(e.what()));
    }
  }
  feeds::FetchResult result = feeds::fetch(source.request);  // a URL, or a file read at once
  if (result.outcome != feeds::FetchResult::Outcome::fetched) throw feeds::FeedError(result.error);
  options.charset = result.charset;
  return feeds::parse_source(source, result.body, options);
}

feeds::Feed sample_feed(feeds::Time now) {
  return feeds::parse_feed(sample_feed_json(), "built-in sample feed", parse_options(ShowOptions{}, now));
}

std::vector<feeds::Item> load_items(const ShowOptions& options, feeds::Time now, std::vector<std::string>& warnings) {
  std::vector<feeds::Feed> loaded;
  if (options.feeds.empty()) loaded.push_back(sample_feed(now));
  for (const feeds::FeedSource& feed : options.feeds) {
    loaded.push_back(load_feed(feed, parse_options(options, now)));
  }
  std::vector<const feeds::Feed*> contents;
  for (const feeds::Feed& feed : loaded) {
    warnings.insert(warnings.end(), feed.warnings.begin(), feed.warnings.end());
    contents.push_back(&feed);
  }
  return shown_items(contents, now, options.alerts);
}

std::vector<feeds::Item> shown_items(const std::vector<const feeds::Feed*>& feeds, feeds::Time now,
                                     const feeds::AlertFilter& alerts, bool clock_trusted) {
  std::vector<feeds::Item> shown = feeds::active_alerts(feeds, now, alerts, clock_trusted);
  return shown.empty() ? feeds::merge_feeds(feeds, now) : shown;
}

std::filesystem::path cache_folder(const ShowOptions& options) {
  if (!options.cache_dir.empty()) return options.cache_dir;
  if (const char* systemd = std::getenv("CACHE_DIRECTORY"); systemd && *systemd) {
    const std::string first(systemd);  // a list separated by ':' when the unit names several
    return first.substr(0, first.find(':'));
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "lafita";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "lafita";
  return std::filesystem::temp_directory_path() / "lafita-cache";
}

feeds::Item waiting_item(const std::vector<std::string>& feeds) {
  feeds::Item item;
  item.id = kWaitingItemId;
  item.title = "Waiting for content";
  item.language = "en";
  item.body = "No feed has given anything to show yet. Lafita keeps trying:";
  for (const std::string& feed : feeds) item.body += "\n" + feed;
  return item;
}

}  // namespace lafita::kiosk
