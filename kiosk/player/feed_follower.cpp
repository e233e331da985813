#include "kiosk/player/feed_follower.hpp"

#include "feeds/untrusted_text.hpp"
#include "kiosk/slides/content.hpp"

#include <algorithm>

namespace lafita::kiosk {

namespace {

bool has_alerts(const std::vector<feeds::Item>& playlist) { return !playlist.empty() && playlist.front().alert; }

}  // namespace

FeedFollower::FeedFollower(std::vector<std::string> feeds, std::chrono::seconds stale_after,
                           std::vector<feeds::Item> shown, feeds::AlertFilter alerts)
    : feeds_(std::move(feeds)), stale_after_(stale_after), alerts_(std::move(alerts)), playlist_(std::move(shown)) {}

FeedFollower::Changes FeedFollower::follow(const feeds::FeedSnapshot& snapshot, feeds::Time now) {
  Changes changes;
  std::vector<std::string> errors;
  for (const feeds::FeedState& state : snapshot.feeds) {
    const bool known = std::ranges::find(errors_, state.last_error) != errors_.end();
    // Errors and warnings quote what a feed said: one clean line each, however it was written.
    if (!state.last_error.empty() && !known) changes.log.push_back(feeds::clean_line(state.last_error, 1000));
    errors.push_back(state.last_error);
  }
  errors_ = std::move(errors);
  warnings_.resize(snapshot.feeds.size());
  for (size_t i = 0; i < snapshot.feeds.size(); ++i) {
    const feeds::FeedState& state = snapshot.feeds[i];
    if (!state.feed || state.feed->warnings == warnings_[i]) continue;
    warnings_[i] = state.feed->warnings;
    constexpr size_t kShown = 10;
    for (size_t k = 0; k < std::min(kShown, warnings_[i].size()); ++k) {
      changes.log.push_back("warning: " + feeds::clean_line(warnings_[i][k], 1000));
    }
    if (warnings_[i].size() > kShown) {
      changes.log.push_back("warning: feed '" + state.source + "': " + std::to_string(warnings_[i].size() - kShown) +
                            " more warnings (lafita fetch shows them all)");
    }
  }

  std::vector<feeds::Item> playlist = shown_items(snapshot.contents(), now, alerts_, clock_trusted_);
  if (playlist.empty()) playlist.push_back(waiting_item(feeds_));
  if (playlist != playlist_) {
    changes.urgent = has_alerts(playlist) || has_alerts(playlist_);
    if (has_alerts(playlist) != has_alerts(playlist_)) {
      changes.log.push_back(has_alerts(playlist) ? std::to_string(playlist.size()) + " alerts take the screen over"
                                                 : "no alert in force; the rotation resumes");
    }
    playlist_ = playlist;
    changes.playlist = std::move(playlist);
  }

  const auto failing = snapshot.all_failing_since();
  const auto badge = failing && now - *failing >= stale_after_ ? snapshot.content_time() : std::nullopt;
  if (badge != badge_) {
    if (badge && !badge_) {
      changes.log.push_back("every feed has failed for " + std::to_string(stale_after_.count()) +
                            " s or more; the header says when the content was last updated");
    } else if (!badge) {
      changes.log.push_back("a feed works again; the 'last updated' badge is gone");
    }
    badge_ = badge;
    changes.badge = badge;
  }
  return changes;
}

std::optional<feeds::Time> FeedFollower::badge_due(const feeds::FeedSnapshot& snapshot) const {
  const auto failing = snapshot.all_failing_since();
  // No content ever came: there is no time to show, and follow() shows no badge.
  if (badge_ || !failing || !snapshot.content_time()) return std::nullopt;
  return *failing + stale_after_;
}

std::optional<feeds::Time> FeedFollower::alert_due(const feeds::FeedSnapshot& snapshot, feeds::Time now) const {
  std::optional<feeds::Time> due;
  auto consider = [&](const std::optional<feeds::Time>& time) {
    if (time && *time > now && (!due || *time < *due)) due = time;
  };
  for (const feeds::Feed* feed : snapshot.contents()) {
    for (const feeds::Item& item : feed->items) {
      if (!item.alert) continue;
      consider(item.published);
      consider(item.expires);
    }
  }
  return due;
}

std::optional<feeds::Time> FeedFollower::due(const feeds::FeedSnapshot& snapshot, feeds::Time now) const {
  const auto badge = badge_due(snapshot);
  const auto alert = alert_due(snapshot, now);
  if (!badge || !alert) return badge ? badge : alert;
  return std::min(*badge, *alert);
}

}  // namespace lafita::kiosk
