#pragma once

#include "feeds/item.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace lafita::feeds {

// The last good copy of a feed, as it came from the server.
struct CachedFeed {
  std::string url;
  std::string body;
  std::string etag, last_modified, charset;
  Time fetched{};  // when it was fetched (or last confirmed by a 304)
};

// Last good copies on disk, one file per feed URL, so that a screen that starts without a
// network shows content at once. A copy is replaced atomically (written to a temporary
// file, fsync'ed, renamed over the old one, the folder fsync'ed): after a power cut at any
// moment a load finds the old copy or the new one, never a mix. Each file carries a length
// and a CRC-32 of its body, so a copy damaged some other way is detected and ignored.
// Methods may be called from any one thread at a time; two processes must not share a
// folder.
class FeedCache {
 public:
  // What makes written data durable, called as fsync(2) is (0, or -1 with errno set): with
  // the temporary file before it is renamed, with the folder after, and with the parent of
  // each folder the constructor creates. Empty: fsync(2) itself. Tests pass one that
  // records each call and then syncs.
  using Sync = std::function<int(int fd)>;

  // Creates `directory` when missing (each new folder's entry synced), for its owner only.
  // Removes what a write cut off left, and writes copies of the first format (which named
  // the URL) again in this one. Throws std::runtime_error naming the folder when it cannot
  // be made.
  explicit FeedCache(std::filesystem::path directory, Sync sync = {});

  // Stores `feed`, replacing the copy of its URL. Returns why it failed (naming the file),
  // or nothing when stored.
  std::optional<std::string> store(const CachedFeed& feed) const;

  // The copy of `url`; nothing when there is none. A damaged or unreadable file gives
  // nothing and `error` saying which file and why; so does anything but a regular file
  // (a symbolic link, a FIFO, a device) and a file larger than a copy can be.
  std::optional<CachedFeed> load(const std::string& url, std::string& error) const;

  // The file that holds `url`'s copy: the URL's host and its SHA-256, so that neither its
  // path nor a token in it shows. Copies are written for their owner only (0600), and
  // their header names the URL redacted.
  std::filesystem::path file_for(const std::string& url) const;

  const std::filesystem::path& directory() const { return directory_; }

 private:
  void migrate(const std::filesystem::path& file) const;
  // Syncs `folder`'s entries to disk; false, with errno set, when it cannot.
  bool sync_folder(const std::filesystem::path& folder) const;

  std::filesystem::path directory_;
  Sync sync_;
};

}  // namespace lafita::feeds
