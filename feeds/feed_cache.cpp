#include "feeds/feed_cache.hpp"

#include "base/regular_file.hpp"
#include "feeds/feed_url.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <vector>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace lafita::feeds {

namespace {

constexpr std::string_view kMagic = "LAFITA-FEED-CACHE 2\n";
constexpr std::string_view kFirstMagic = "LAFITA-FEED-CACHE 1\n";  // held the URL itself
constexpr size_t kMaxHeaderBytes = 64 << 10;
// A copy holds a feed or a photo (PhotoFetcher), each as large as it may be fetched.
constexpr size_t kMaxCopyBytes = std::max(kMaxFeedBytes, kMaxPhotoBytes) + kMaxHeaderBytes;

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

// SHA-256 of `text` in hexadecimal: what names a URL on disk without showing it.
std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("feed cache: SHA-256 failed");  // only without memory
  }
  std::string hex;
  for (unsigned i = 0; i < length; ++i) {
    static constexpr char kDigits[] = "0123456789abcdef";
    hex += kDigits[digest[i] >> 4];
    hex += kDigits[digest[i] & 15];
  }
  return hex;
}

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
  // The URL only redacted: the file may be read by someone who must not learn its token.
  const nlohmann::json header = {{"source", redact_url(feed.url)},
                                 {"key", sha256_hex(feed.url)},
                                 {"etag", feed.etag},
                                 {"last_modified", feed.last_modified},
                                 {"charset", feed.charset},
                                 {"fetched", feed.fetched.time_since_epoch().count()},
                                 {"size", feed.body.size()},
                                 {"crc32", crc32_of(feed.body)}};
  return std::string(kMagic) + header.dump(-1, ' ', true) + "\n";
}

// Reads a cache file's contents into a CachedFeed, or says why it cannot. The URL field
// holds the key (a hash) for the current format, the URL itself for the first.
std::optional<CachedFeed> parse_file(const std::string& contents, std::string& why) {
  const bool first_format = contents.compare(0, kFirstMagic.size(), kFirstMagic) == 0;
  if (contents.compare(0, kMagic.size(), kMagic) != 0 && !first_format) {
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
    feed.url = header.at(first_format ? "url" : "key").get<std::string>();  // load() puts the URL
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

// The folders of `directory` not there yet, outermost first.
std::vector<std::filesystem::path> missing_folders(const std::filesystem::path& directory) {
  std::filesystem::path folder = directory.lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();  // "a/b/" is "a/b"
  std::vector<std::filesystem::path> missing;
  std::error_code ec;
  for (; !folder.empty() && !std::filesystem::exists(folder, ec); folder = folder.parent_path()) {
    missing.insert(missing.begin(), folder);
  }
  return missing;
}

}  // namespace

FeedCache::FeedCache(std::filesystem::path directory, Sync sync)
    : directory_(std::move(directory)), sync_(sync ? std::move(sync) : Sync(::fsync)) {
  const std::vector<std::filesystem::path> missing = missing_folders(directory_);
  std::error_code ec;
  const bool created = std::filesystem::create_directories(directory_, ec);
  if (ec) throw std::runtime_error("feed cache '" + directory_.string() + "': failed to create: " + ec.message());
  // Copies are Lafita's user's alone; a folder someone else made (under systemd, with
  // CacheDirectoryMode) keeps its mode.
  if (created) std::filesystem::permissions(directory_, std::filesystem::perms::owner_all, ec);
  // A new folder, and the copies stored in it, survive a power cut only once its entry in
  // its parent is on disk.
  for (const auto& folder : missing) {
    const std::filesystem::path parent = folder.has_parent_path() ? folder.parent_path() : ".";
    if (!sync_folder(parent)) {
      throw std::runtime_error("feed cache '" + directory_.string() + "': failed to sync the folder '" + parent.string() +
                               "': " + errno_text());
    }
  }
  const std::string ours = ".feed.tmp-" + std::to_string(::getpid()) + "-";
  std::vector<std::filesystem::path> entries;  // listed first: migrating writes new files
  for (const auto& entry : std::filesystem::directory_iterator(directory_, ec)) entries.push_back(entry.path());
  for (const auto& path : entries) {
    const std::string name = path.filename().string();
    // Temporary files left by a write that never finished (a power cut) are of no use, but
    // this process's own may be being written (the updater of a reload's old configuration).
    const bool left_over = name.find(".feed.tmp-") != std::string::npos && name.find(ours) == std::string::npos;
    const bool first_format = name.ends_with(".feed") && name.size() >= 14 && name[name.size() - 14] == '-';
    if (first_format) migrate(path);
    if (left_over || first_format) std::filesystem::remove(path, ec);
  }
}

// A copy of the first format, whose header named the URL, token and all: written again in
// this one (a screen upgraded while offline keeps its content), then removed by the caller.
void FeedCache::migrate(const std::filesystem::path& file) const {
  std::string why;
  const auto contents = read_regular_file(file, kMaxCopyBytes, why, Symlinks::refuse);
  if (!contents || contents->compare(0, kFirstMagic.size(), kFirstMagic) != 0) return;
  if (const auto feed = parse_file(*contents, why)) store(*feed);
}

std::filesystem::path FeedCache::file_for(const std::string& url) const {
  // The host, for a person looking at the folder; the hash of the whole URL, for Lafita.
  std::string name;
  const size_t scheme = url.find("://");
  const std::string_view rest = std::string_view(url).substr(scheme == std::string::npos ? 0 : scheme + 3);
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (const size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  for (char c : host.substr(0, 60)) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    name += plain ? c : '_';
  }
  return directory_ / (name + "-" + sha256_hex(url).substr(0, 32) + ".feed");
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
    // Only Lafita's user reads its copies: a feed may be private to the screens.
    FileDescriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (file.get() < 0) return fail("create a temporary file");
    if (!write_all(file.get(), header_of(feed)) || !write_all(file.get(), feed.body)) return fail("write");
    if (sync_(file.get()) != 0) return fail("sync");
    if (!file.close()) return fail("close");
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) return fail("rename");
  // The rename is durable only once the folder's entry is on disk.
  if (!sync_folder(directory_)) return fail("sync the folder");
  return std::nullopt;
}

bool FeedCache::sync_folder(const std::filesystem::path& folder) const {
  int error = 0;
  {
    const FileDescriptor descriptor(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (descriptor.get() >= 0 && sync_(descriptor.get()) == 0) return true;
    error = errno;
  }
  errno = error;  // as open or the sync left it, not as close did
  return false;
}

std::optional<CachedFeed> FeedCache::load(const std::string& url, std::string& error) const {
  const std::filesystem::path file = file_for(url);
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return std::nullopt;
  std::string why;
  // Never through a symbolic link, never a FIFO or device, never more than a copy can hold.
  auto contents = read_regular_file(file, kMaxCopyBytes, why, Symlinks::refuse);
  std::optional<CachedFeed> feed;
  if (contents) feed = parse_file(*contents, why);
  if (feed && feed->url != sha256_hex(url)) why = "it holds the copy of another feed";
  if (!why.empty()) {
    error = "feed cache '" + file.string() + "': " + why + "; ignored";
    return std::nullopt;
  }
  feed->url = url;
  return feed;
}

}  // namespace lafita::feeds
