// The on-disk copies: round trip, damage detected, and the promise that a power cut at
// any moment leaves the old copy or the new one. A killed process loses nothing the kernel
// holds, so killing a writer 200 times checks the order of the steps; what a power cut
// loses is whatever was never synced, so the syncs are watched through the cache's Sync:
// each one, what it synced and what the copy's name held at that moment.
#include "feeds/feed_cache.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fstream>
#include <random>

namespace lafita::feeds {
namespace {

std::filesystem::path fresh_folder(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("lafita-cache-test-" + name);
  std::filesystem::remove_all(folder);
  return folder;
}

CachedFeed sample(std::string url) {
  CachedFeed feed;
  feed.url = std::move(url);
  feed.body = "<rss>\n\0binary\xFF</rss>";
  feed.body.push_back('\0');
  feed.etag = "\"v1\"";
  feed.last_modified = "Tue, 14 Mar 2023 10:00:00 GMT";
  feed.charset = "windows-1256";
  feed.fetched = Time(std::chrono::seconds(1678788000));
  return feed;
}

// One call of the cache's Sync, as seen at that moment.
struct SyncCall {
  bool folder = false;    // a directory, else a regular file
  ino_t inode = 0;        // of what was synced
  off_t size = 0;         // its size
  ino_t watched = 0;      // of what the watched path named then; 0: nothing
};

ino_t inode_of(const std::filesystem::path& path) {
  struct stat status {};
  return ::stat(path.c_str(), &status) == 0 ? status.st_ino : 0;
}

// A Sync that records each call in `calls`, with what `watched` names at that moment, then
// syncs as fsync(2) does; a file's sync fails with EIO when `fail_files`, a folder's when
// `fail_folders` (the call is recorded all the same).
struct SyncRecorder {
  std::vector<SyncCall> calls;
  std::filesystem::path watched;
  bool fail_files = false, fail_folders = false;

  FeedCache::Sync sync() {
    return [this](int fd) {
      struct stat status {};
      REQUIRE(::fstat(fd, &status) == 0);
      const bool folder = S_ISDIR(status.st_mode);
      calls.push_back({folder, status.st_ino, status.st_size, watched.empty() ? 0 : inode_of(watched)});
      if (folder ? fail_folders : fail_files) {
        errno = EIO;
        return -1;
      }
      return ::fsync(fd);
    };
  }
};

TEST_SUITE("cache") {
  TEST_CASE("a stored copy loads back byte for byte, one file per URL") {
    const FeedCache cache(fresh_folder("round-trip"));
    const CachedFeed a = sample("https://a.example/feed?x=1"), b = sample("https://b.example/feed");
    REQUIRE_FALSE(cache.store(a));
    REQUIRE_FALSE(cache.store(b));
    std::string error;
    const auto loaded = cache.load(a.url, error);
    REQUIRE(loaded);
    CHECK(error.empty());
    CHECK(loaded->body == a.body);
    CHECK(loaded->etag == a.etag);
    CHECK(loaded->last_modified == a.last_modified);
    CHECK(loaded->charset == a.charset);
    CHECK(loaded->fetched == a.fetched);
    CHECK(cache.file_for(a.url) != cache.file_for(b.url));
    // The host for a person, a hash for the rest: "a.example-<32 hex digits>.feed".
    const std::string name = cache.file_for(a.url).filename().string();
    CHECK(name.starts_with("a.example-"));
    CHECK(name.size() == std::string("a.example-").size() + 32 + std::string(".feed").size());
    CHECK_FALSE(cache.load("https://never.example/", error));
    CHECK(error.empty());  // no copy is not an error
  }

  TEST_CASE("a damaged copy is detected, named and ignored") {
    const FeedCache cache(fresh_folder("damaged"));
    const CachedFeed feed = sample("https://a.example/feed");
    REQUIRE_FALSE(cache.store(feed));
    const auto file = cache.file_for(feed.url);
    std::string contents;
    {
      std::ifstream in(file, std::ios::binary);
      contents.assign(std::istreambuf_iterator<char>(in), {});
    }
    const auto damage = [&](const std::string& bytes) {
      std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
      std::string error;
      CHECK_FALSE(cache.load(feed.url, error));
      return error;
    };
    CHECK(damage(contents.substr(0, contents.size() - 3)).find("its body has") != std::string::npos);
    std::string flipped = contents;
    flipped[flipped.size() - 5] ^= 0x20;
    CHECK(damage(flipped).find("does not match its CRC-32") != std::string::npos);
    CHECK(damage("garbage").find("not a Lafita feed cache file") != std::string::npos);
    CHECK(damage("").find(file.string()) != std::string::npos);
  }

  TEST_CASE("killed at 200 random moments while rewriting, the copy always loads, old or new") {
    const auto folder = fresh_folder("crash");
    const std::string url = "https://crash.example/feed";
    {
      const FeedCache cache(folder);
      CachedFeed first;
      first.url = url;
      first.body.assign(1 << 20, 'A');
      REQUIRE_FALSE(cache.store(first));
    }
    std::mt19937 random(20261129);
    int loads_of_a = 0, loads_of_b = 0;
    for (int round = 0; round < 200; ++round) {
      int pipe_fds[2];
      REQUIRE(::pipe(pipe_fds) == 0);
      const pid_t child = ::fork();
      REQUIRE(child >= 0);
      if (child == 0) {
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        ::close(pipe_fds[0]);
        const std::string emulator = LAFITA_EMULATOR;  // qemu, in a cross build
        if (emulator.empty()) {
          ::execl(LAFITA_CACHE_WRITER, LAFITA_CACHE_WRITER, folder.c_str(), url.c_str(), static_cast<char*>(nullptr));
        } else {
          ::execl(emulator.c_str(), emulator.c_str(), LAFITA_CACHE_WRITER, folder.c_str(), url.c_str(),
                  static_cast<char*>(nullptr));
        }
        ::_exit(127);
      }
      ::close(pipe_fds[1]);
      // Wait for 0 to 3 finished stores, then kill it somewhere in the next ones: after a
      // random number of microseconds up to about the time one store takes.
      const int stores = std::uniform_int_distribution<int>(0, 3)(random);
      char byte;
      for (int i = 0; i < stores; ++i) REQUIRE(::read(pipe_fds[0], &byte, 1) == 1);
      timespec pause{0, std::uniform_int_distribution<long>(0, 3'000'000)(random)};
      ::nanosleep(&pause, nullptr);
      ::kill(child, SIGKILL);
      int status = 0;
      ::waitpid(child, &status, 0);
      ::close(pipe_fds[0]);
      REQUIRE(WIFSIGNALED(status));

      const FeedCache cache(folder);  // as the player does at the next start
      std::string error;
      const auto loaded = cache.load(url, error);
      INFO("round " << round << ": " << error);
      REQUIRE(loaded);
      REQUIRE(loaded->body.size() == (1u << 20));
      const char first = loaded->body.front();
      REQUIRE((first == 'A' || first == 'B'));
      REQUIRE(loaded->body.find_first_not_of(first) == std::string::npos);
      (first == 'A' ? loads_of_a : loads_of_b)++;
    }
    // Both copies were seen, so kills did land on both sides of a rename.
    CHECK(loads_of_a > 0);
    CHECK(loads_of_b > 0);
    // Temporary files of killed writers are cleaned up at the next start.
    size_t leftovers = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      leftovers += entry.path().string().find(".tmp-") != std::string::npos;
    }
    CHECK(leftovers == 0);
  }

  TEST_CASE("for a power cut: the new copy is synced whole before its rename, the folder after it") {
    const auto folder = fresh_folder("sync");
    SyncRecorder recorder;
    const FeedCache cache(folder, recorder.sync());
    CachedFeed feed = sample("https://a.example/feed");
    REQUIRE_FALSE(cache.store(feed));  // an old copy, for the new one to replace
    recorder.watched = cache.file_for(feed.url);
    const ino_t old_copy = inode_of(recorder.watched);
    REQUIRE(old_copy != 0);
    recorder.calls.clear();
    feed.body.assign(100'000, 'B');
    REQUIRE_FALSE(cache.store(feed));
    const ino_t new_copy = inode_of(recorder.watched);
    REQUIRE(recorder.calls.size() == 2);
    // The new copy's file, all of it written, while the name still held the old copy: a
    // power cut after the rename cannot leave the name on a file whose data never reached
    // the disk.
    const SyncCall& file = recorder.calls[0];
    CHECK_FALSE(file.folder);
    CHECK(file.inode == new_copy);
    CHECK(file.size == static_cast<off_t>(std::filesystem::file_size(recorder.watched)));
    CHECK(file.watched == old_copy);
    // The folder, once the name held the new copy: the rename itself is on disk when
    // store() says the copy is stored.
    const SyncCall& entry = recorder.calls[1];
    CHECK(entry.folder);
    CHECK(entry.inode == inode_of(folder));
    CHECK(entry.watched == new_copy);
  }

  TEST_CASE("for a power cut: each folder the cache creates is synced into its parent once made") {
    const auto base = fresh_folder("sync-create");
    std::filesystem::create_directories(base);
    SyncRecorder recorder;
    recorder.watched = base / "one" / "two";
    const FeedCache cache(base / "one" / "two", recorder.sync());
    REQUIRE(recorder.calls.size() == 2);
    CHECK(recorder.calls[0].folder);
    CHECK(recorder.calls[0].inode == inode_of(base));  // holds "one"
    CHECK(recorder.calls[0].watched != 0);             // both made by then
    CHECK(recorder.calls[1].folder);
    CHECK(recorder.calls[1].inode == inode_of(base / "one"));  // holds "two"
    CHECK(recorder.calls[1].watched != 0);
    SyncRecorder again;
    const FeedCache existing(base / "one" / "two", again.sync());
    CHECK(again.calls.empty());  // nothing made, nothing to sync
  }

  TEST_CASE("a sync that fails is an error naming the copy; a failed file sync keeps the old copy") {
    const auto folder = fresh_folder("sync-fails");
    SyncRecorder recorder;
    const FeedCache cache(folder, recorder.sync());
    CachedFeed feed = sample("https://a.example/feed");
    REQUIRE_FALSE(cache.store(feed));
    const std::string old_body = feed.body;
    const std::string file = cache.file_for(feed.url).string();
    recorder.fail_files = true;
    feed.body = "new";
    CHECK(cache.store(feed) == "feed cache '" + file + "': failed to sync: " + std::strerror(EIO));
    std::string error;
    const auto kept = cache.load(feed.url, error);
    REQUIRE(kept);
    CHECK(kept->body == old_body);  // never renamed over it
    recorder.fail_files = false;
    recorder.fail_folders = true;
    CHECK(cache.store(feed) == "feed cache '" + file + "': failed to sync the folder: " + std::strerror(EIO));
    const auto renamed = cache.load(feed.url, error);  // in place, but perhaps not after a power cut
    REQUIRE(renamed);
    CHECK(renamed->body == "new");
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      CHECK(entry.path().string().find(".tmp-") == std::string::npos);  // no temporary file left
    }
    const auto path = fresh_folder("sync-fails-create") / "new";
    std::filesystem::create_directories(path.parent_path());
    CHECK_THROWS_WITH_AS(FeedCache(path, recorder.sync()),
                         ("feed cache '" + path.string() + "': failed to sync the folder '" + path.parent_path().string() +
                          "': " + std::strerror(EIO)).c_str(),
                         std::runtime_error);
  }

  TEST_CASE("at start, temporary files of earlier processes go; this process's own, being written, stay") {
    const auto folder = fresh_folder("temporaries");
    std::filesystem::create_directories(folder);
    const std::string ours = "x.feed.tmp-" + std::to_string(::getpid()) + "-7";
    const std::string theirs = "x.feed.tmp-1-7";
    std::ofstream(folder / ours) << "a reload's old updater is writing this";
    std::ofstream(folder / theirs) << "a power cut left this";
    const FeedCache cache(folder);
    CHECK(std::filesystem::exists(folder / ours));
    CHECK_FALSE(std::filesystem::exists(folder / theirs));
  }

  TEST_CASE("a copy of the first format, which named the URL, is written again without it and kept for the feed") {
    const auto folder = fresh_folder("first-format");
    std::filesystem::create_directories(folder);
    const std::string url = "https://screens:hunter2@a.example/feed?token=abc123";
    const std::string body = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
    // As the first version wrote it: the URL in the header and in the file's name.
    const nlohmann::json header = {{"url", url},   {"etag", "\"e\""}, {"last_modified", ""}, {"charset", ""},
                                   {"fetched", 1700000000}, {"size", body.size()}, {"crc32", crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))}};
    const auto old_file = folder / "screens_hunter2_a.example_feed_token_abc123-1a2b3c4d.feed";
    std::ofstream(old_file, std::ios::binary) << "LAFITA-FEED-CACHE 1\n" << header.dump() << "\n" << body;
    const FeedCache cache(folder);
    CHECK_FALSE(std::filesystem::exists(old_file));
    std::string error;
    const auto copy = cache.load(url, error);
    REQUIRE(copy);
    CHECK(copy->body == body);
    CHECK(copy->etag == "\"e\"");
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string contents((std::istreambuf_iterator<char>(in)), {});
      CHECK((entry.path().filename().string() + contents).find("hunter2") == std::string::npos);
      CHECK(contents.find("abc123") == std::string::npos);
    }
  }
}

}  // namespace
}  // namespace lafita::feeds
