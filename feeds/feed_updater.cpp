#include "feeds/feed_updater.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

namespace lafita::feeds {

using std::chrono::milliseconds;
using std::chrono::seconds;

milliseconds retry_delay(int failures_in_a_row, seconds refresh, std::optional<seconds> retry_after, double unit_random,
                         seconds max_backoff) {
  milliseconds delay = refresh;
  if (failures_in_a_row > 0) {
    const double base = static_cast<double>(std::min<milliseconds>(refresh, std::chrono::seconds(30)).count());
    const double backoff = base * std::pow(2.0, std::min(failures_in_a_row - 1, 20));
    const double capped = std::min(backoff, static_cast<double>(milliseconds(max_backoff).count()));
    delay = milliseconds(static_cast<int64_t>(capped * (0.5 + 0.5 * unit_random)));
  }
  if (retry_after) delay = std::max<milliseconds>(delay, std::min<seconds>(*retry_after, std::chrono::hours(24)));
  return delay;
}

std::vector<const Feed*> FeedSnapshot::contents() const {
  std::vector<const Feed*> contents;
  for (const FeedState& state : feeds) {
    if (state.feed) contents.push_back(state.feed.get());
  }
  return contents;
}

std::optional<Time> FeedSnapshot::all_failing_since() const {
  std::optional<Time> since;
  for (const FeedState& state : feeds) {
    if (state.failures_in_a_row == 0 || !state.last_failure) return std::nullopt;
    // This feed has failed since just after its last success (or since its first failure).
    const Time failing = state.last_success.value_or(*state.last_failure);
    since = since ? std::max(*since, failing) : failing;
  }
  return since;
}

std::optional<Time> FeedSnapshot::content_time() const {
  std::optional<Time> newest;
  for (const FeedState& state : feeds) {
    if (state.content_fetched && (!newest || *state.content_fetched > *newest)) newest = state.content_fetched;
  }
  return newest;
}

FeedUpdater::FeedUpdater(std::vector<FeedSource> sources, std::shared_ptr<const FeedCache> cache, ParseOptions options,
                         std::function<void()> changed, Clock clock)
    : sources_(std::move(sources)), cache_(std::move(cache)), parse_(options), changed_(std::move(changed)),
      clock_(std::move(clock)), due_(sources_.size(), std::chrono::steady_clock::now()), last_good_(sources_.size()) {
  FeedSnapshot first;
  for (size_t i = 0; i < sources_.size(); ++i) {
    FeedState state;
    state.source = sources_[i].request.url;
    std::string error;
    if (cache_ && is_url(state.source)) {
      if (auto copy = cache_->load(state.source, error)) {
        try {
          state.feed = std::make_shared<const Feed>(parse(*copy, i));
          state.content_fetched = state.last_success = copy->fetched;
          state.from_cache = true;
          last_good_[i] = std::move(*copy);
        } catch (const std::exception& e) {  // FeedError, or anything a library throws
          error = std::string("cached copy: ") + e.what();
        }
      }
    }
    state.last_error = error;
    first.feeds.push_back(std::move(state));
  }
  snapshot_ = std::make_shared<const FeedSnapshot>(std::move(first));
}

FeedUpdater::~FeedUpdater() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void FeedUpdater::start() {
  if (!worker_.joinable() && !sources_.empty()) worker_ = std::thread([this] { run(); });
}

void FeedUpdater::refresh_now() {
  {
    const std::lock_guard lock(mutex_);
    std::fill(due_.begin(), due_.end(), std::chrono::steady_clock::now());
  }
  wake_.notify_all();
}

std::shared_ptr<const FeedSnapshot> FeedUpdater::snapshot() const {
  const std::lock_guard lock(mutex_);
  return snapshot_;
}

void FeedUpdater::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const auto next = std::min_element(due_.begin(), due_.end());
    if (wake_.wait_until(lock, *next, [&] { return stopping_ || std::chrono::steady_clock::now() >= *next; })) {
      if (stopping_) break;
      const auto index = static_cast<size_t>(next - due_.begin());
      *next = std::chrono::steady_clock::time_point::max();  // not due again until update() says
      lock.unlock();
      try {
        update(index);
      } catch (const std::exception&) {  // out of memory, most likely: try again later, keep going
        lock.lock();
        due_[index] = std::chrono::steady_clock::now() + sources_[index].refresh;
        continue;
      }
      lock.lock();
    }
  }
}

Feed parse_source(const FeedSource& source, std::string_view document, ParseOptions options) {
  options.limits.items = std::min(options.limits.items, source.max_items);
  Feed feed = parse_feed(document, source.request.url, options);
  for (Item& item : feed.items) {
    item.priority += source.priority;
    if (item.language.empty()) item.language = source.language;
  }
  return feed;
}

Feed FeedUpdater::parse(const CachedFeed& copy, size_t index) const {
  ParseOptions options = parse_;
  options.charset = copy.charset;
  options.calendar.now = clock_();
  return parse_source(sources_[index], copy.body, options);
}

FetchResult FeedUpdater::get(size_t index) const {
  FetchRequest request = sources_[index].request;
  if (is_url(request.url)) {
    request.etag = last_good_[index].etag;
    request.last_modified = last_good_[index].last_modified;
    return fetch(request);
  }
  FetchResult result;
  std::ifstream in(request.url, std::ios::binary);
  if (!in) {
    result.error = "feed '" + request.url + "': " + std::strerror(errno);
    return result;
  }
  std::ostringstream body;
  body << in.rdbuf();
  result.body = std::move(body).str();
  result.outcome = FetchResult::Outcome::fetched;
  return result;
}

void FeedUpdater::update(size_t index) {
  const FeedSource& source = sources_[index];
  FetchResult result = get(index);
  const Time now = clock_();
  FeedState state = snapshot()->feeds[index];
  CachedFeed copy = last_good_[index];
  bool store = false;
  if (result.outcome == FetchResult::Outcome::fetched) {
    copy = CachedFeed{source.request.url, std::move(result.body), result.etag, result.last_modified, result.charset, now};
    store = true;
  } else if (result.outcome == FetchResult::Outcome::not_modified) {
    copy.fetched = now;
  }
  std::shared_ptr<const Feed> feed;
  if (result.outcome != FetchResult::Outcome::failed) {
    try {
      feed = std::make_shared<const Feed>(parse(copy, index));
    } catch (const FeedError& e) {
      result.outcome = FetchResult::Outcome::failed;
      result.error = e.what();
    } catch (const std::exception& e) {  // out of memory, a library's surprise: never the thread's end
      result.outcome = FetchResult::Outcome::failed;
      result.error = "feed '" + state.source + "': failed to read: " + e.what();
    }
  }
  const bool changed_content = feed && (!state.feed || *feed != *state.feed);
  if (feed) {
    state.feed = std::move(feed);
    state.content_fetched = copy.fetched;
    state.last_success = now;
    state.last_error.clear();
    state.failures_in_a_row = 0;
    state.from_cache = false;
    if (store && cache_ && is_url(state.source)) {
      if (auto error = cache_->store(copy)) state.last_error = *error;  // shown, but the content is good
    }
    last_good_[index] = std::move(copy);
  } else {
    state.last_failure = now;
    state.last_error = result.error;
    ++state.failures_in_a_row;
  }
  {
    const std::lock_guard lock(mutex_);
    const double unit = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
    due_[index] = std::chrono::steady_clock::now() +
                  retry_delay(state.failures_in_a_row, source.refresh, result.retry_after, unit);
  }
  FeedSnapshot next = *snapshot();
  next.feeds[index] = std::move(state);
  if (changed_content) ++next.content_generation;
  publish(std::move(next));
}

void FeedUpdater::publish(FeedSnapshot next) {
  {
    const std::lock_guard lock(mutex_);
    snapshot_ = std::make_shared<const FeedSnapshot>(std::move(next));
  }
  if (changed_) changed_();
}

}  // namespace lafita::feeds
