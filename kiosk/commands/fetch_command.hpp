#pragma once

#include "feeds/item.hpp"

#include <iosfwd>
#include <span>
#include <string>

namespace lafita::kiosk {

// `lafita fetch [options] URL|FILE`: fetches (or reads) one feed once, parses and sanitises
// it, and prints its normalised items as JSON; warnings go to `err`. Exit 0 when it could
// be read, 1 when fetching or parsing failed (the one-line reason on `err`), 2 for a bad
// command line.
int run_fetch_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

// A feed as `lafita fetch` prints it: {"title", "language", "items": [{"id", "title",
// "text", "start", "end", "all_day", "place", "source", "link", "language", "priority",
// "published", "expires"}]}; times as RFC 3339 UTC, absent fields left out.
std::string feed_json(const feeds::Feed& feed);

}  // namespace lafita::kiosk
