#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace lafita::feeds {

// One feed request: where, how long to wait, and what the last good copy was.
struct FetchRequest {
  std::string url;  // http://, https:// or file://; anything else fails before connecting
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};  // the whole transfer, body included
  size_t max_bytes = 8 << 20;     // of the body after decompression; more fails the fetch
  std::string ca_file;            // PEM bundle to verify the server with; empty: the system's
  std::string token_file;         // holds a bearer token to send; read at each fetch
  std::string etag;               // of the last good copy: asks for 304 Not Modified
  std::string last_modified;
};

struct FetchResult {
  enum class Outcome { fetched, not_modified, failed };
  Outcome outcome = Outcome::failed;
  long status = 0;                // HTTP status; 0 for file:// and when nothing came back
  std::string body;               // when fetched
  std::string etag, last_modified;
  std::string charset;            // from Content-Type, lowercased; empty when none
  std::optional<std::chrono::seconds> retry_after;  // what the server asked for, if anything
  std::string error;              // when failed: "feed 'URL': failed to fetch: why"
};

// Fetches `request.url` once with libcurl on the calling thread and returns what happened;
// never throws for anything the network or the server does. TLS certificates are always
// verified; at most 5 redirects, only to http and https; gzip and deflate accepted; the
// User-Agent names Lafita's version. Thread-safe: each call has its own handle.
FetchResult fetch(const FetchRequest& request);

// Whether `source` is a URL ("scheme://...") rather than a file name. fetch() takes only
// http, https and file URLs and says so for any other.
bool is_url(std::string_view source);

}  // namespace lafita::feeds
