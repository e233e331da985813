#include "feeds/feed_updater.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

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
                         std::function<void()> changed, Clock clock, const FeedUpdater* previous)
    : sources_(std::move(sources)), cache_(std::move(cache)), parse_(options), changed_(std::move(changed)),
      clock_(std::move(clock)), due_(sources_.size(), std::chrono::steady_clock::now()), again_(sources_.size(), 0),
      last_good_(sources_.size()), photos_(cache_, PhotoFetcher::Limits{}) {
  parse_.calendar.cancelled = &stopping_;
  const auto carried = previous ? previous->snapshot() : nullptr;
  FeedSnapshot first;
  for (size_t i = 0; i < sources_.size(); ++i) {
    FeedState state;
    state.source = redact_url(sources_[i].request.url);
    const auto& others = previous ? previous->sources_ : sources_;
    const auto same = std::find_if(others.begin(), others.end(),
                                   [&](const FeedSource& other) { return other.request.url == sources_[i].request.url; });
    if (previous && same != others.end()) {
      carry_over(i, *previous, static_cast<size_t>(same - others.begin()), *carried, state);
    } else {
      load_cached(i, state);
    }
    first.feeds.push_back(std::move(state));
  }
  if (carried) first.content_generation = carried->content_generation + 1;
  snapshot_ = std::make_shared<const FeedSnapshot>(std::move(first));
}

// Feed `index` starts from what `previous` (the updater before a reload) has of it, at
// `at`: its state, its last good copy, and its backoff when it is failing.
void FeedUpdater::carry_over(size_t index, const FeedUpdater& previous, size_t at, const FeedSnapshot& carried,
                             FeedState& state) {
  state = carried.feeds[at];
  {
    const std::lock_guard lock(previous.mutex_);
    last_good_[index] = previous.last_good_[at];
    // A reload fetches every feed again, except those backing off after failures: their
    // server may have asked for time (Retry-After).
    if (state.failures_in_a_row > 0 && previous.due_[at] != std::chrono::steady_clock::time_point::max()) {
      due_[index] = std::max(due_[index], previous.due_[at]);
    }
  }
  // The same document, read with this source's settings (priority, language, item cap).
  const FeedSource& before = previous.sources_[at];
  const FeedSource& now = sources_[index];
  const bool same_settings =
      before.priority == now.priority && before.language == now.language && before.max_items == now.max_items;
  if (same_settings || !state.feed || last_good_[index].body.empty()) return;
  try {
    state.feed = std::make_shared<const Feed>(parse(last_good_[index], index));
  } catch (const std::exception& e) {
    state.last_error = std::string("reload: ") + e.what();
  }
}

void FeedUpdater::load_cached(size_t index, FeedState& state) {
  const std::string& url = sources_[index].request.url;
  if (!cache_ || !is_remote(url)) return;
  std::string error;
  if (auto copy = cache_->load(url, error)) {
    try {
      state.feed = std::make_shared<const Feed>(photos_.with_kept_photos(index, parse(*copy, index), sources_[index].request));
      state.content_fetched = state.last_success = copy->fetched;
      state.from_cache = true;
      last_good_[index] = std::move(*copy);
    } catch (const std::exception& e) {  // FeedError, or anything a library throws
      error = std::string("cached copy: ") + e.what();
    }
  }
  state.last_error = error;
}

FeedUpdater::~FeedUpdater() {
  stopping_ = true;
  fetcher_.wake();
  if (worker_.joinable()) worker_.join();
}

void FeedUpdater::start() {
  if (!worker_.joinable() && !sources_.empty()) worker_ = std::thread([this] { run(); });
}

void FeedUpdater::refresh_now() {
  {
    const std::lock_guard lock(mutex_);
    for (size_t i = 0; i < due_.size(); ++i) {
      if (due_[i] == std::chrono::steady_clock::time_point::max()) {
        again_[i] = 1;
      } else {
        due_[i] = std::chrono::steady_clock::now();
      }
    }
  }
  fetcher_.wake();
}

std::shared_ptr<const FeedSnapshot> FeedUpdater::snapshot() const {
  const std::lock_guard lock(mutex_);
  return snapshot_;
}

// The recipe of the worker: start every feed that is due, move the transfers on until one
// ends or the next feed is due, take what ended.
void FeedUpdater::run() {
  while (!stopping_) {
    for (const size_t index : take_due()) fetcher_.add(index, request_for(index));
    for (auto& [photo, request] : photos_.requests()) fetcher_.add(photo, request);  // of cached copies
    for (auto& [index, result] : fetcher_.run(next_due())) {
      if (stopping_) return;
      try {
        take(index, std::move(result), fetcher_);
      } catch (const std::exception&) {  // out of memory, most likely: try again later, keep going
        if (PhotoFetcher::is_photo(index)) continue;
        const std::lock_guard lock(mutex_);
        due_[index] = std::chrono::steady_clock::now() + sources_[index].refresh;
      }
    }
  }
}

// The feeds due now, marked as under way.
std::vector<size_t> FeedUpdater::take_due() {
  const std::lock_guard lock(mutex_);
  std::vector<size_t> due;
  const auto now = std::chrono::steady_clock::now();
  for (size_t i = 0; i < due_.size(); ++i) {
    if (due_[i] > now) continue;
    due_[i] = std::chrono::steady_clock::time_point::max();  // until finish() says when
    due.push_back(i);
  }
  return due;
}

std::chrono::steady_clock::time_point FeedUpdater::next_due() const {
  const std::lock_guard lock(mutex_);
  return due_.empty() ? std::chrono::steady_clock::time_point::max() : *std::min_element(due_.begin(), due_.end());
}

void FeedUpdater::update(std::vector<size_t> indices) {
  if (indices.empty()) {
    for (size_t i = 0; i < sources_.size(); ++i) indices.push_back(i);
  }
  Fetcher fetcher;
  for (const size_t index : indices) fetcher.add(index, request_for(index));
  for (auto& [photo, request] : photos_.requests()) fetcher.add(photo, request);
  while (fetcher.under_way() > 0) {
    for (auto& [index, result] : fetcher.run(std::chrono::steady_clock::now() + std::chrono::hours(1))) {
      take(index, std::move(result), fetcher);
    }
  }
}

Feed parse_source(const FeedSource& source, std::string_view document, ParseOptions options) {
  options.limits.items = std::min(options.limits.items, source.max_items);
  options.base = source.request.url;  // relative picture addresses are the feed's
  Feed feed = parse_feed(document, redact_url(source.request.url), options);
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

// The request for a feed, asking only for what changed since its last good copy.
FetchRequest FeedUpdater::request_for(size_t index) const {
  FetchRequest request = sources_[index].request;
  if (is_remote(request.url)) {
    const std::lock_guard lock(mutex_);
    request.etag = last_good_[index].etag;
    request.last_modified = last_good_[index].last_modified;
  }
  return request;
}

// Takes what an attempt at feed `index` brought: parses it, keeps it and publishes it, or
// keeps the last good content and says why; schedules the next attempt.
void FeedUpdater::finish(size_t index, FetchResult result) {
  const FeedSource& source = sources_[index];
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
      feed = std::make_shared<const Feed>(photos_.with_kept_photos(index, parse(copy, index), source.request));
    } catch (const FeedCancelled&) {
      return;  // stopping: nothing to publish
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
    if (store && cache_ && is_remote(source.request.url)) {
      if (auto error = cache_->store(copy)) state.last_error = *error;  // shown, but the content is good
    }
    const std::lock_guard lock(mutex_);
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
    if (std::exchange(again_[index], 0)) due_[index] = std::chrono::steady_clock::now();
  }
  FeedSnapshot next = *snapshot();
  next.feeds[index] = std::move(state);
  if (changed_content) ++next.content_generation;
  publish(std::move(next));
}

// What a transfer brought: a feed (finish), or a photo of one; then the photos that feed
// needs, on the same fetcher.
void FeedUpdater::take(size_t key, FetchResult result, Fetcher& fetcher) {
  if (PhotoFetcher::is_photo(key)) {
    photo_ended(key, std::move(result));
  } else {
    finish(key, std::move(result));
  }
  for (auto& [photo, request] : photos_.requests()) fetcher.add(photo, request);
}

// A photo kept, or failed: its feed is published again once its last photo has ended, with
// the photos kept now (a new item content for the player) and a warning for each failure.
void FeedUpdater::photo_ended(size_t key, FetchResult result) {
  const auto index = photos_.finish(key, std::move(result));
  if (!index) return;
  FeedSnapshot next = *snapshot();
  auto feed = std::make_shared<const Feed>(photos_.current(*index));
  if (next.feeds[*index].feed && *feed == *next.feeds[*index].feed) return;
  next.feeds[*index].feed = std::move(feed);
  ++next.content_generation;
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
