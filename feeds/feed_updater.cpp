#include "feeds/feed_updater.hpp"

#include "feeds/linked_alerts.hpp"

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
      last_good_(sources_.size()), next_link_key_(sources_.size()), photos_(cache_, PhotoFetcher::Limits{}) {
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
    for (auto& [key, result] : fetcher_.run(next_due())) {
      if (stopping_) return;
      dispatch(fetcher_, key, std::move(result));
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
    for (auto& [key, result] : fetcher.run(std::chrono::steady_clock::now() + std::chrono::hours(1))) {
      dispatch(fetcher, key, std::move(result));
    }
  }
}

// A transfer that ended: a feed's (keys below the number of feeds), a photo's or a linked
// CAP document's; then the photos that feed needs, on the same fetcher.
void FeedUpdater::dispatch(Fetcher& fetcher, size_t key, FetchResult result) {
  try {
    if (PhotoFetcher::is_photo(key)) {
      photo_ended(key, std::move(result));
    } else if (key < sources_.size()) {
      finish(fetcher, key, std::move(result));
    } else {
      finish_link(key, std::move(result));
    }
    for (auto& [photo, request] : photos_.requests()) fetcher.add(photo, request);
  } catch (const std::exception&) {  // out of memory, most likely: try again later, keep going
    if (PhotoFetcher::is_photo(key)) return;
    const size_t index = key < sources_.size() ? key : link_keys_.count(key) ? link_keys_[key].first : sources_.size();
    link_keys_.erase(key);
    if (index == sources_.size()) return;
    waiting_.erase(index);
    const std::lock_guard lock(mutex_);
    due_[index] = std::chrono::steady_clock::now() + sources_[index].refresh;
  }
}

Feed parse_source(const FeedSource& source, std::string_view document, ParseOptions options) {
  options.limits.items = std::min(options.limits.items, source.max_items);
  options.base = source.request.url;  // relative picture addresses are the feed's
  const std::string origin = redact_url(source.request.url);
  Feed feed = parse_feed(document, origin, options);
  for (Item& item : feed.items) {
    item.priority += source.priority;
    if (item.language.empty()) item.language = source.language;
    if (source.alert && !item.alert) item.alert.emplace().sent = item.published;
  }
  if (!source.alert) {
    const auto alerts = std::erase_if(feed.items, [](const Item& item) { return item.alert.has_value(); });
    if (alerts > 0) {
      feed.warnings.push_back(origin + ": " + std::to_string(alerts) +
                              " alerts left out: only a feed with alert = true in its [feeds.NAME] table shows alerts");
    }
  }
  return feed;
}

Feed FeedUpdater::parse(const CachedFeed& copy, size_t index, bool attach) {
  ParseOptions options = parse_;
  options.charset = copy.charset;
  options.calendar.now = clock_();
  Feed feed = parse_source(sources_[index], copy.body, options);
  if (!sources_[index].alert) return feed;
  keep_linked_alerts(feed, sources_[index].request.url);
  if (attach) {
    attach_linked_alerts(feed, [this](const std::string& url) { return linked_copy(url); }, options,
                         redact_url(sources_[index].request.url));
  }
  return feed;
}

// The last good copy of a linked CAP document: the one fetched, else the one on disk.
const CachedFeed* FeedUpdater::linked_copy(const std::string& url) {
  if (auto found = linked_.find(url); found != linked_.end()) return &found->second;
  std::string error;
  if (!cache_ || !is_remote(url)) return nullptr;
  auto copy = cache_->load(url, error);
  return copy ? &linked_.emplace(url, std::move(*copy)).first->second : nullptr;
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
// keeps the last good content and says why; schedules the next attempt. An alert hub's
// content waits for the CAP documents its entries link to.
void FeedUpdater::finish(Fetcher& fetcher, size_t index, FetchResult result) {
  Attempt attempt;
  if (!read(index, std::move(result), attempt)) return;  // stopping
  if (attempt.feed && sources_[index].alert && follow_links(fetcher, index, attempt)) return;
  conclude(index, std::move(attempt));
}

// The attempt's copy parsed; false when the program is stopping.
bool FeedUpdater::read(size_t index, FetchResult result, Attempt& attempt) {
  const FeedSource& source = sources_[index];
  const Time now = clock_();
  attempt.copy = last_good_[index];
  if (result.outcome == FetchResult::Outcome::fetched) {
    attempt.copy = CachedFeed{source.request.url, std::move(result.body), result.etag, result.last_modified, result.charset, now};
    attempt.store = true;
  } else if (result.outcome == FetchResult::Outcome::not_modified) {
    attempt.copy.fetched = now;
  }
  if (result.outcome != FetchResult::Outcome::failed) {
    try {
      attempt.feed = parse(attempt.copy, index, !source.alert);
    } catch (const FeedCancelled&) {
      return false;
    } catch (const FeedError& e) {
      result.outcome = FetchResult::Outcome::failed;
      result.error = e.what();
    } catch (const std::exception& e) {  // out of memory, a library's surprise: never the thread's end
      result.outcome = FetchResult::Outcome::failed;
      result.error = "feed '" + redact_url(source.request.url) + "': failed to read: " + e.what();
    }
  }
  attempt.result = std::move(result);
  return true;
}

// Starts fetching the CAP documents an alert hub's entries link to, with the feed's own
// settings (TLS, timeouts, token); false when there are none.
bool FeedUpdater::follow_links(Fetcher& fetcher, size_t index, Attempt& attempt) {
  std::vector<std::string> urls;
  for (const Item& item : attempt.feed->items) {
    if (!item.cap_link.empty() && std::ranges::find(urls, item.cap_link) == urls.end()) urls.push_back(item.cap_link);
  }
  if (urls.empty()) return false;
  for (const std::string& url : urls) {
    FetchRequest request = sources_[index].request;
    request.url = url;
    request.max_bytes = kMaxLinkedBytes;
    // The feed's token is for the feed's server: a hub may link to anyone's.
    if (!same_origin(url, sources_[index].request.url)) request.token_file.clear();
    // One slow document holds the hub's other alerts back: it gets less time than a feed.
    request.total_timeout = std::min<std::chrono::milliseconds>(request.total_timeout, std::chrono::seconds(15));
    request.connect_timeout = std::min(request.connect_timeout, request.total_timeout);
    request.low_speed_bytes = 1000;
    request.low_speed_time = std::chrono::seconds(5);
    if (const auto known = linked_.find(url); known != linked_.end()) {
      request.etag = known->second.etag;
      request.last_modified = known->second.last_modified;
    }
    const size_t key = next_link_key_++;
    link_keys_[key] = {index, url};
    fetcher.add(key, request);
  }
  waiting_[index] = Waiting{std::move(attempt), urls.size()};
  return true;
}

// A linked CAP document's transfer ended: kept when new, its failure noted; the feed is
// concluded when it was the last one it waited for.
void FeedUpdater::finish_link(size_t key, FetchResult result) {
  const auto [index, url] = link_keys_.at(key);
  link_keys_.erase(key);
  Waiting& waiting = waiting_.at(index);
  if (result.outcome == FetchResult::Outcome::fetched) {
    CachedFeed copy{url, std::move(result.body), result.etag, result.last_modified, result.charset, clock_()};
    if (cache_ && is_remote(url)) cache_->store(copy);  // a failure here costs only the next start's copy
    linked_[url] = std::move(copy);
  } else if (result.outcome == FetchResult::Outcome::not_modified) {
    if (auto known = linked_.find(url); known != linked_.end()) known->second.fetched = clock_();
  } else {
    waiting.attempt.feed->warnings.push_back(result.error + "; its last good copy is used, if any");
  }
  if (--waiting.outstanding > 0) return;
  Attempt attempt = std::move(waiting.attempt);
  waiting_.erase(index);
  ParseOptions options = parse_;
  options.calendar.now = clock_();
  attach_linked_alerts(*attempt.feed, [this](const std::string& linked) { return linked_copy(linked); }, options,
                       redact_url(sources_[index].request.url));
  conclude(index, std::move(attempt));
}

// Publishes what an attempt gave, and schedules the next.
void FeedUpdater::conclude(size_t index, Attempt attempt) {
  const FeedSource& source = sources_[index];
  FetchResult& result = attempt.result;
  const Time now = clock_();
  FeedState state = snapshot()->feeds[index];
  std::shared_ptr<const Feed> feed =
      attempt.feed ? std::make_shared<const Feed>(photos_.with_kept_photos(index, *attempt.feed, source.request)) : nullptr;
  const bool changed_content = feed && (!state.feed || *feed != *state.feed);
  if (feed) {
    state.feed = std::move(feed);
    state.content_fetched = attempt.copy.fetched;
    state.last_success = now;
    state.last_error.clear();
    state.failures_in_a_row = 0;
    state.from_cache = false;
    if (attempt.store && cache_ && is_remote(source.request.url)) {
      if (auto error = cache_->store(attempt.copy)) state.last_error = *error;  // shown, but the content is good
    }
    const std::lock_guard lock(mutex_);
    last_good_[index] = std::move(attempt.copy);
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
