#pragma once

#include "feeds/item.hpp"

#include <atomic>
#include <chrono>
#include <string_view>

namespace lafita::feeds {

// Which occurrences of a calendar's events become items (those not over at `now` that
// begin before `now + ahead`), and how much work a calendar may cost.
struct CalendarOptions {
  Time now;
  std::chrono::days ahead{31};
  size_t max_occurrences = 200;  // per calendar: an RRULE can describe millions
  // libical's recurrence iterator takes one step per hour of an HOURLY rule, per day of a
  // DAILY or WEEKLY one, per month or year of the others, whether the step yields an
  // occurrence or not (about 3 us each on a PC, 10 to 15 on a Pi). A calendar may cost this
  // many (counted ahead of each rule, so that no single call of libical runs away) ...
  size_t step_budget = 100'000;
  // ... and this much time, checked between libical's calls.
  std::chrono::milliseconds time_budget{2'000};
  // When set and true, the parse ends at once with FeedCancelled (the program stopping).
  const std::atomic<bool>* cancelled = nullptr;
};

// Parses an iCalendar document (RFC 5545) with libical: each VEVENT occurrence in the
// window becomes an item (SUMMARY, DESCRIPTION, LOCATION, URL, PRIORITY). Times with a
// TZID use the calendar's VTIMEZONE or the system's zone of that name; floating times are
// the screen's (ICU's default zone); all-day events are dates (midnight UTC, all_day).
// RRULE and RDATE are expanded, EXDATE and cancelled events and occurrences are left out,
// an occurrence changed by a RECURRENCE-ID event is replaced by it. Each item expires when
// its occurrence ends. Fields are raw: sanitise them with sanitise_feed().
// Throws FeedError naming the line when the document is not an iCalendar object or its
// BEGIN/END lines do not match.
Feed parse_ical_feed(std::string_view document, std::string_view origin, const CalendarOptions& window);

}  // namespace lafita::feeds
