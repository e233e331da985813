#include "feeds/feed_cache.hpp"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace lafita::feeds {

namespace {

constexpr std::string_view kMagic = "LAFITA-FEED-CACHE 1\n";

uint32_t crc32_of(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  for (size_t done = 0; done < bytes.size();) {  // zlib takes uInt lengths
    const auto chunk = static_cast<uInt>(std::min<size_t>(bytes.size() - done, 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + done), chunk);
    done += chunk;
  }
  return static_cast<uint32_t>(crc);
}

std::string errno_text() { return std::strerror(errno); }

// A file descriptor closed when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error close() may give (data not yet written out).
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

std::string header_of(const CachedFeed& feed) {
  const nlohmann::json header = {{"url", feed.url},
                                 {"etag", feed.etag},
                                 {"last_modified", feed.last_modified},
                                 {"charset", feed.charset},
                                 {"fetched", feed.fetched.time_since_epoch().count()},
                                 {"size", feed.body.size()},
                                 {"crc32", crc32_of(feed.body)}};
  return std::string(kMagic) + header.dump(-1, ' ', true) + "\n";
}

// Reads a cache file's contents into a CachedFeed, or says why it cannot.
std::optional<CachedFeed> parse_file(const std::string& contents, std::string& why) {
  if (contents.compare(0, kMagic.size(), kMagic) != 0) {
    why = "not a Lafita feed cache file";
    return std::nullopt;
  }
  const size_t header_end = contents.find('\n', kMagic.size());
  if (header_end == std::string::npos) {
    why = "its header is cut off";
    return std::nullopt;
  }
  const auto header = nlohmann::json::parse(contents.begin() + static_cast<ptrdiff_t>(kMagic.size()),
                                            contents.begin() + static_cast<ptrdiff_t>(header_end), nullptr, false);
  if (header.is_discarded() || !header.is_object()) {
    why = "its header is not JSON";
    return std::nullopt;
  }
  try {
    CachedFeed feed;
    feed.url = header.at("url").get<std::string>();
    feed.etag = header.at("etag").get<std::string>();
    feed.last_modified = header.at("last_modified").get<std::string>();
    feed.charset = header.at("charset").get<std::string>();
    feed.fetched = Time(std::chrono::seconds(header.at("fetched").get<int64_t>()));
    feed.body = contents.substr(header_end + 1);
    if (feed.body.size() != header.at("size").get<size_t>()) {
      why = "its body has " + std::to_string(feed.body.size()) + " bytes, not " + header.at("size").dump();
      return std::nullopt;
    }
    if (crc32_of(feed.body) != header.at("crc32").get<uint32_t>()) {
      why = "its body does not match its CRC-32";
      return std::nullopt;
    }
    return feed;
  } catch (const nlohmann::json::exception& e) {
    why = std::string("its header is incomplete: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace

FeedCache::FeedCache(std::filesystem::path directory) : directory_(std::move(directory)) {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec) throw std::runtime_error("feed cache '" + directory_.string() + "': failed to create: " + ec.message());
  // Temporary files left by a write that never finished (a power cut) are of no use.
  for (const auto& entry : std::filesystem::directory_iterator(directory_, ec)) {
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) std::filesystem::remove(entry.path(), ec);
  }
}

std::filesystem::path FeedCache::file_for(const std::string& url) const {
  std::string name;
  const size_t scheme = url.find("://");
  for (char c : url.substr(scheme == std::string::npos ? 0 : scheme + 3)) {
    if (name.size() == 60) break;
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    name += plain ? c : '_';
  }
  char crc[9];
  std::snprintf(crc, sizeof crc, "%08x", crc32_of(url));
  return directory_ / (name + "-" + crc + ".feed");
}

std::optional<std::string> FeedCache::store(const CachedFeed& feed) const {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path target = file_for(feed.url);
  const std::filesystem::path temporary =
      target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const auto fail = [&](const std::string& verb) {
    const std::string why = "feed cache '" + target.string() + "': failed to " + verb + ": " + errno_text();
    ::unlink(temporary.c_str());
    return why;
  };
  {
    FileDescriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (file.get() < 0) return fail("create a temporary file");
    if (!write_all(file.get(), header_of(feed)) || !write_all(file.get(), feed.body)) return fail("write");
    if (::fsync(file.get()) != 0) return fail("sync");
    if (!file.close()) return fail("close");
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) return fail("rename");
  // The rename is durable only once the folder's entry is on disk.
  FileDescriptor folder(::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder.get() < 0 || ::fsync(folder.get()) != 0) return fail("sync the folder");
  return std::nullopt;
}

std::optional<CachedFeed> FeedCache::load(const std::string& url, std::string& error) const {
  const std::filesystem::path file = file_for(url);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    if (errno != ENOENT) error = "feed cache '" + file.string() + "': failed to read: " + errno_text();
    return std::nullopt;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  std::string why;
  auto feed = parse_file(std::move(contents).str(), why);
  if (feed && feed->url != url) why = "it holds '" + feed->url + "', not this feed";
  if (!why.empty()) {
    error = "feed cache '" + file.string() + "': " + why + "; ignored";
    return std::nullopt;
  }
  return feed;
}

}  // namespace lafita::feeds
