#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lafita::feeds {

using Time = std::chrono::sys_seconds;

// How bad an alert is (CAP 1.2 <severity>), in increasing order.
enum class Severity { unknown, minor, moderate, severe, extreme };

// What makes an item an emergency alert: a CAP 1.2 message (or a JSON Feed item's
// `_lafita.alert`). Alerts come only from feeds marked `alert = true`; they are shown
// instead of the rotation (see active_alerts in alerts.hpp).
struct Alert {
  std::string status = "Actual";        // CAP <status>: Actual, Exercise, System, Test, Draft
  std::string message_type = "Alert";   // CAP <msgType>: Alert, Update, Cancel (Ack and Error are not shown)
  std::vector<std::string> references;  // "sender,identifier,sent" of the messages this one updates or cancels
  Severity severity = Severity::unknown;
  std::string event;        // what it is about: "Flood", "Evacuation"
  std::string instruction;  // what to do; paragraphs separated by newlines
  std::optional<Time> sent;                 // when it was issued
  std::vector<std::string> areas;           // <areaDesc> of each <area>
  std::vector<std::string> geocodes;        // "valueName=value" of each <geocode>

  bool operator==(const Alert&) const = default;
};

// One thing to show: a meeting highlight, an event, a notice. Text is UTF-8; the body's
// paragraphs are separated by newlines.
struct Item {
  std::string id;
  std::string title;
  std::string body;
  std::optional<Time> start;  // when it happens
  std::optional<Time> end;
  bool all_day = false;       // start and end are dates, not times
  std::string place;
  std::string source;         // who published it: the feed's title unless the item says
  std::string link;
  std::string language;       // BCP 47, "ar", "en"; empty when unknown
  int priority = 0;           // higher first
  std::optional<Time> published;  // when the publisher released it; not shown before then
  std::optional<Time> expires;    // not shown from then on
  std::optional<Alert> alert;     // an emergency alert, not an item of the rotation
  std::string cap_link;           // a CAP document the entry links to (an alert feed's hub entry)
  std::string image;              // its photo: an http(s) URL, or a file name from a feed that is a file
  std::string source_logo;        // its feed's logo (Feed::logo), for the header band

  bool operator==(const Item&) const = default;
};

// A parsed feed: its items in the order given, and what was wrong but not fatal.
struct Feed {
  std::string title;
  std::string language;
  std::string logo;  // the publisher's logo, an address like Item::image; empty when none
  std::vector<Item> items;
  std::vector<std::string> warnings;  // one line each, naming the item and the field
  size_t unread_items = 0;            // items past what the parser would read: counted, not read

  bool operator==(const Feed&) const = default;
};

// A feed that cannot be read at all; what() names the feed, where (line and column, or
// the JSON path) and why.
class FeedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A parse given up because the program is stopping; not a fault of the feed.
class FeedCancelled : public FeedError {
 public:
  using FeedError::FeedError;
};

}  // namespace lafita::feeds
