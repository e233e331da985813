#include "feeds/photo_fetcher.hpp"

#include "feeds/feed_url.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace lafita::feeds {

namespace {

// The request for a photo named by the feed fetched with `feed`: the same trust and
// patience; the feed's token only to the feed's own server, never to a photo's host.
FetchRequest photo_request(const std::string& url, const FetchRequest& feed, size_t max_bytes) {
  FetchRequest request;
  request.url = url;
  request.connect_timeout = feed.connect_timeout;
  request.total_timeout = feed.total_timeout;
  request.low_speed_bytes = feed.low_speed_bytes;
  request.low_speed_time = feed.low_speed_time;
  request.max_bytes = max_bytes;
  request.ca_file = feed.ca_file;
  if (same_origin(url, feed.url)) request.token_file = feed.token_file;
  return request;
}

// Whether `body` begins like a PNG, a JPEG or a WebP: an HTML error page served with a 200
// is not kept (the decoder reads the whole header later; this only keeps junk off disk).
bool looks_like_picture(std::string_view body) {
  return body.starts_with("\x89PNG") || body.starts_with("\xFF\xD8\xFF") ||
         (body.starts_with("RIFF") && body.substr(8, 4) == "WEBP");
}

// Why a transfer failed, without the fetcher's "feed 'URL': " (the warning names the photo).
std::string reason_of(const FetchResult& result) {
  const size_t colon = result.error.find("': ");
  return colon == std::string::npos ? result.error : result.error.substr(colon + 3);
}

}  // namespace

PhotoFetcher::PhotoFetcher(std::shared_ptr<const FeedCache> cache, Limits limits)
    : cache_(std::move(cache)), limits_(limits) {}

bool PhotoFetcher::kept(const std::string& url) const {
  std::error_code ec;
  return cache_ && std::filesystem::is_regular_file(cache_->file_for(url), ec);
}

bool PhotoFetcher::pending(const std::string& url) const {
  return std::any_of(under_way_.begin(), under_way_.end(), [&](const auto& entry) { return entry.second.url == url; });
}

Feed PhotoFetcher::with_kept_photos(size_t index, const Feed& parsed, const FetchRequest& request) {
  const auto before = parsed_.find(index);
  if (before == parsed_.end() || before->second != parsed) {  // new content: failed photos may work now
    for (const Item& item : parsed.items) failed_.erase(item.image);
    failed_.erase(parsed.logo);
    problems_[index].clear();
  }
  parsed_[index] = parsed;
  queue(index, parsed.logo, "", request);
  size_t eligible = 0;
  for (const Item& item : parsed.items) {
    if (is_remote(item.image) && eligible++ < limits_.per_feed) queue(index, item.image, item.id, request);
  }
  return current(index);
}

void PhotoFetcher::queue(size_t index, const std::string& url, const std::string& item, const FetchRequest& request) {
  if (!cache_ || !is_remote(url) || kept(url) || failed_.contains(url) || pending(url)) return;
  under_way_[next_key_] = Pending{index, url, item, redact_url(request.url)};
  queued_.emplace_back(next_key_++, photo_request(url, request, limits_.max_bytes));
}

std::vector<std::pair<size_t, FetchRequest>> PhotoFetcher::requests() { return std::exchange(queued_, {}); }

std::optional<size_t> PhotoFetcher::finish(size_t key, FetchResult result) {
  const auto found = under_way_.find(key);
  if (found == under_way_.end()) return std::nullopt;
  const Pending photo = std::move(found->second);
  under_way_.erase(found);
  std::string why;
  if (result.outcome != FetchResult::Outcome::fetched) {
    why = result.outcome == FetchResult::Outcome::failed ? reason_of(result) : "not fetched";
  } else if (!looks_like_picture(result.body)) {
    why = "not a PNG, JPEG or WebP picture (" + std::to_string(result.body.size()) + " bytes)";
  } else {
    const Time now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (auto error = cache_->store(CachedFeed{photo.url, std::move(result.body), result.etag, result.last_modified, {}, now})) {
      why = "not kept: " + *error;
    }
  }
  if (!why.empty()) {
    failed_.insert(photo.url);
    const std::string what = photo.origin + (photo.item.empty() ? ": logo '" : ": item '" + photo.item + "': photo '");
    problems_[photo.feed].push_back(what + redact_url(photo.url) + "': " + why + "; shown without it");
  }
  const bool last = std::none_of(under_way_.begin(), under_way_.end(),
                                 [&](const auto& entry) { return entry.second.feed == photo.feed; });
  if (!last || !parsed_.contains(photo.feed)) return std::nullopt;
  return photo.feed;
}

Feed PhotoFetcher::current(size_t index) const {
  Feed feed = parsed_.at(index);
  if (is_remote(feed.logo) && !kept(feed.logo)) feed.logo.clear();
  size_t eligible = 0;
  for (Item& item : feed.items) {
    item.source_logo = feed.logo;
    if (!is_remote(item.image)) continue;
    if (eligible++ >= limits_.per_feed || !kept(item.image)) item.image.clear();
  }
  if (const auto problems = problems_.find(index); problems != problems_.end()) {
    feed.warnings.insert(feed.warnings.end(), problems->second.begin(), problems->second.end());
  }
  return feed;
}

}  // namespace lafita::feeds
