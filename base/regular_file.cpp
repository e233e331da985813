#include "base/regular_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lafita {

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a plain file";
}

std::string too_large(size_t size, size_t max_bytes) {
  return "has " + std::to_string(size) + " bytes, more than the limit of " + std::to_string(max_bytes);
}

// A descriptor closed when it goes out of scope.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> not_regular_file(const std::filesystem::path& path, Symlinks symlinks) {
  struct stat status {};
  const int result = symlinks == Symlinks::follow ? ::stat(path.c_str(), &status) : ::lstat(path.c_str(), &status);
  if (result != 0) return std::string(std::strerror(errno));
  if (!S_ISREG(status.st_mode)) return "is " + kind_of(status.st_mode) + ", not a regular file";
  return std::nullopt;
}

namespace {

// Appends what `fd` has to its end to `bytes`; false, and `why`, past `max_bytes` in all.
bool read_into(int fd, size_t max_bytes, std::string& bytes, std::string& why) {
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      why = std::strerror(errno);
      return false;
    }
    if (got == 0) return true;
    if (static_cast<size_t>(got) > max_bytes - bytes.size()) {
      why = "holds more than the limit of " + std::to_string(max_bytes) + " bytes";
      return false;
    }
    bytes.append(buffer, static_cast<size_t>(got));
  }
}

}  // namespace

std::optional<std::string> read_bounded(int fd, size_t max_bytes, std::string& why) {
  std::string bytes;
  if (!read_into(fd, max_bytes, bytes, why)) return std::nullopt;
  return bytes;
}

std::optional<std::string> read_regular_file(const std::filesystem::path& path, size_t max_bytes, std::string& why,
                                             Symlinks symlinks) {
  // Looked at before opening: opening a device may do something (a watchdog starts), and
  // a FIFO would wait for a writer.
  if (auto problem = not_regular_file(path, symlinks)) {
    why = *problem;
    return std::nullopt;
  }
  // O_NONBLOCK: the path may have become a FIFO since; O_NOFOLLOW: or a symbolic link.
  const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (symlinks == Symlinks::refuse ? O_NOFOLLOW : 0);
  const Descriptor file{::open(path.c_str(), flags)};
  if (file.fd < 0) {
    why = errno == ELOOP ? "is a symbolic link, not a regular file" : std::strerror(errno);
    return std::nullopt;
  }
  struct stat status {};
  if (::fstat(file.fd, &status) != 0) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  if (!S_ISREG(status.st_mode)) {
    why = "is " + kind_of(status.st_mode) + ", not a regular file";
    return std::nullopt;
  }
  if (static_cast<uintmax_t>(status.st_size) > max_bytes) {
    why = too_large(static_cast<size_t>(status.st_size), max_bytes);
    return std::nullopt;
  }
  std::string bytes;
  bytes.reserve(static_cast<size_t>(status.st_size));
  if (!read_into(file.fd, max_bytes, bytes, why)) {
    if (why.starts_with("holds more")) why = "grew past the limit of " + std::to_string(max_bytes) + " bytes while read";
    return std::nullopt;
  }
  return bytes;
}

}  // namespace lafita
