// Rewrites one feed's cached copy for ever, alternating between two bodies, and writes a
// byte to stdout after each store: the crash-safety test kills it with SIGKILL at random
// moments. Usage: lafita_cache_writer DIR URL
#include "feeds/feed_cache.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const lafita::feeds::FeedCache cache(argv[1]);
  lafita::feeds::CachedFeed feed;
  feed.url = argv[2];
  for (unsigned n = 0;; ++n) {
    // Large enough that a kill often lands inside a write: A... and B... of 1 MiB.
    feed.body.assign(1 << 20, n % 2 == 0 ? 'A' : 'B');
    feed.etag = n % 2 == 0 ? "\"a\"" : "\"b\"";
    if (auto error = cache.store(feed)) {
      std::fprintf(stderr, "%s\n", error->c_str());
      return 1;
    }
    if (::write(STDOUT_FILENO, "+", 1) != 1) return 1;
  }
}
