#pragma once

#include "feeds/alerts.hpp"
#include "feeds/feed_updater.hpp"
#include "feeds/item.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace lafita::kiosk {

// What the player makes of the feed updater's snapshots, as plain decisions: when the
// playlist changes (new, changed or expired items; alerts that take the screen over), when the "last updated" badge shows or
// goes, and which lines to log (each feed error once, when it first appears; a feed's
// warnings when they change, at most 10 of them). No SDL, no
// threads: the main loop calls it on each snapshot and each minute.
class FeedFollower {
 public:
  // `shown`: the playlist on screen at start; `feeds` name the feeds for the waiting item;
  // `alerts` says which alerts show.
  FeedFollower(std::vector<std::string> feeds, std::chrono::seconds stale_after, std::vector<feeds::Item> shown,
               feeds::AlertFilter alerts = {});

  struct Changes {
    std::optional<std::vector<feeds::Item>> playlist;  // a new playlist to show: the alerts while there are any
    bool urgent = false;  // alerts begin, change or end: the playlist replaces the slide on screen at once
    std::optional<std::optional<feeds::Time>> badge;   // the badge changed: its time, or gone
    std::vector<std::string> log;                      // lines for the log, without "lafita: "
  };

  // The changes since the last call, at `now`. An empty playlist becomes the waiting item.
  Changes follow(const feeds::FeedSnapshot& snapshot, feeds::Time now);

  // Whether the clock is synchronised (active_alerts believes it only then); the next
  // follow() takes it.
  void set_clock_trusted(bool trusted) { clock_trusted_ = trusted; }

  // The badge's time while it shows.
  const std::optional<feeds::Time>& badge() const { return badge_; }

  // When follow() should be called again although no snapshot came: the moment the badge
  // is due, while every feed fails and it does not show yet.
  std::optional<feeds::Time> badge_due(const feeds::FeedSnapshot& snapshot) const;

  // When an alert begins or ends by the clock alone (takes effect or expires) after `now`,
  // so that the screen follows on the second and not at the next minute.
  std::optional<feeds::Time> alert_due(const feeds::FeedSnapshot& snapshot, feeds::Time now) const;

  // The sooner of the two: when follow() should be called again though no snapshot came.
  std::optional<feeds::Time> due(const feeds::FeedSnapshot& snapshot, feeds::Time now) const;

 private:
  std::vector<std::string> feeds_;
  std::chrono::seconds stale_after_;
  feeds::AlertFilter alerts_;
  bool clock_trusted_ = true;
  std::vector<feeds::Item> playlist_;
  std::optional<feeds::Time> badge_;
  std::vector<std::string> errors_;  // each feed's error at the last call
  std::vector<std::vector<std::string>> warnings_;  // each feed's warnings, as last logged
};

}  // namespace lafita::kiosk
