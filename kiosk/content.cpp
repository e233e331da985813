#include "kiosk/content.hpp"

#include "feeds/json_feed.hpp"
#include "kiosk/command_line.hpp"
#include "kiosk/sample_feed.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
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

std::vector<feeds::Item> load_items(const std::string& feed_file, std::vector<std::string>& warnings) {
  if (feed_file.empty()) {
    feeds::Feed sample = feeds::parse_json_feed(sample_feed_json(), "built-in sample feed");
    warnings.insert(warnings.end(), sample.warnings.begin(), sample.warnings.end());
    return std::move(sample.items);
  }
  std::string bytes;
  try {
    bytes = read_text_file(feed_file);
  } catch (const UsageError& e) {
    throw feeds::FeedError("feed " + std::string(e.what()));  // "feed 'x.json': No such file or directory"
  }
  feeds::Feed feed = feeds::parse_json_feed(bytes, feed_file);
  warnings.insert(warnings.end(), feed.warnings.begin(), feed.warnings.end());
  return std::move(feed.items);
}

}  // namespace lafita::kiosk
