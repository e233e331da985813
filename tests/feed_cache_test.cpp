// The on-disk copies: round trip, damage detected, and the promise that a power cut at
// any moment leaves the old copy or the new one, checked by killing a writer 200 times.
#include "feeds/feed_cache.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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
