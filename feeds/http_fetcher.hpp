#pragma once

#include "feeds/feed_url.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lafita::feeds {

// One feed request: where, how long to wait, and what the last good copy was.
struct FetchRequest {
  std::string url;  // http:// or https://; or a file: a file:// URL or a file name
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};  // the whole transfer, body included
  // A transfer slower than `low_speed_bytes` a second for `low_speed_time` is given up
  // before the total timeout: a server that trickles a byte now and then.
  size_t low_speed_bytes = 100;
  std::chrono::seconds low_speed_time{20};
  size_t max_bytes = 8 << 20;     // of the body after decompression (or of the file); more fails
  std::string ca_file;            // PEM bundle to verify the server with; empty: the system's
  std::string token_file;         // holds a bearer token to send; read at each fetch
  std::string etag;               // of the last good copy: asks for 304 Not Modified
  std::string last_modified;
};

struct FetchResult {
  enum class Outcome { fetched, not_modified, failed };
  Outcome outcome = Outcome::failed;
  long status = 0;                // HTTP status; 0 for files and when nothing came back
  std::string body;               // when fetched
  std::string etag, last_modified;
  std::string charset;            // from Content-Type, lowercased; empty when none
  std::optional<std::chrono::seconds> retry_after;  // what the server asked for, if anything
  std::string error;              // when failed: "feed 'URL': failed to fetch: why" (URL redacted)
};

// Fetches several feeds at once on one thread (libcurl's multi interface): a slow server
// holds up only its own feed. HTTP(S) only through libcurl; files (file:// URLs and file
// names) are read at once, bounded like a body and never blocking on a special file. TLS
// certificates are always verified; at most 5 redirects, only to http and https; every
// encoding libcurl decodes; the User-Agent names Lafita's version. Nothing the network or
// a server does throws. One thread uses a Fetcher, except wake(), which any thread may call.
class Fetcher {
 public:
  Fetcher();
  ~Fetcher();  // gives up every transfer under way at once, without waiting for any server
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Starts fetching `request` under `key` (a key not under way). A file is read here and
  // now; its result comes with the next run().
  void add(size_t key, const FetchRequest& request);
  bool busy(size_t key) const;
  size_t under_way() const;

  // Moves the transfers on until some end, `deadline` passes or wake() is called, and
  // returns the results of those that ended (perhaps none).
  std::vector<std::pair<size_t, FetchResult>> run(std::chrono::steady_clock::time_point deadline);

  // Makes a run() under way, or the next, return at once. Any thread.
  void wake();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Fetches one feed (a URL or a file) on the calling thread and returns what happened.
FetchResult fetch(const FetchRequest& request);

}  // namespace lafita::feeds
