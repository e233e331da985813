#include "kiosk/content.hpp"

#include "feeds/playlist.hpp"
#include "kiosk/command_line.hpp"
#include "kiosk/sample_feed.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace lafita::kiosk {

std::string read_text_file(const std::string& file) {
  if (file == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw UsageError("'" + file + "': is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError("'" + file + "': " + std::strerror(errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

feeds::ParseOptions parse_options(feeds::Time now, std::chrono::days calendar_days) {
  feeds::ParseOptions options;
  options.calendar.now = now;
  options.calendar.ahead = calendar_days;
  return options;
}

feeds::Feed load_feed(const feeds::FeedSource& source, const feeds::ParseOptions& parse) {
  feeds::ParseOptions options = parse;
  const std::string& name = source.request.url;
  if (feeds::is_url(name)) {
    const feeds::FetchResult result = feeds::fetch(source.request);
    if (result.outcome != feeds::FetchResult::Outcome::fetched) throw feeds::FeedError(result.error);
    options.charset = result.charset;
    return feeds::parse_source(source, result.body, options);
  }
  std::string bytes;
  try {
    bytes = read_text_file(name);
  } catch (const UsageError& e) {
    throw feeds::FeedError("feed " + std::string(e.what()));  // "feed 'x.json': No such file or directory"
  }
  return feeds::parse_source(source, bytes, options);
}

feeds::Feed sample_feed(feeds::Time now) {
  return feeds::parse_feed(sample_feed_json(), "built-in sample feed", parse_options(now, std::chrono::days(31)));
}

std::vector<feeds::Item> load_items(const ShowOptions& options, feeds::Time now, std::vector<std::string>& warnings) {
  std::vector<feeds::Feed> loaded;
  if (options.feeds.empty()) loaded.push_back(sample_feed(now));
  for (const feeds::FeedSource& feed : options.feeds) {
    loaded.push_back(load_feed(feed, parse_options(now, options.calendar_days)));
  }
  std::vector<const feeds::Feed*> contents;
  for (const feeds::Feed& feed : loaded) {
    warnings.insert(warnings.end(), feed.warnings.begin(), feed.warnings.end());
    contents.push_back(&feed);
  }
  return feeds::merge_feeds(contents, now);
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
  item.id = "lafita-waiting-for-content";
  item.title = "Waiting for content";
  item.language = "en";
  item.body = "No feed has given anything to show yet. Lafita keeps trying:";
  for (const std::string& feed : feeds) item.body += "\n" + feed;
  return item;
}

}  // namespace lafita::kiosk
