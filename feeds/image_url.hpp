#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lafita::feeds {

// The address of a picture a feed names (an item's photo, the feed's logo), made safe to
// fetch. Pure, any thread.
//
// `base` is the feed's own address: an http(s) URL, a file:// URL or a file name; empty
// when unknown. Accepted: an http or https URL with a host; a relative reference ("/a.jpg",
// "img/a.jpg", "//cdn.example/a.jpg") resolved against an http(s) `base`; and, only when
// the feed is itself a local file, a file:// URL or a file name (relative to the feed's
// folder). Returns the absolute http(s) URL or file name. Nothing, with `why` saying
// which rule it broke (never repeating the address, which may be huge), for anything else:
// another scheme (javascript:, data:, ftp:), a file from a feed fetched over the network,
// spaces or control characters, more than `max_bytes`, or a relative reference with no
// base. An empty or blank `raw` gives nothing with `why` empty: no picture was named.
std::optional<std::string> image_url(std::string_view raw, std::string_view base, size_t max_bytes, std::string& why);

}  // namespace lafita::feeds
