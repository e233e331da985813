#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace lafita {

// How much of each kind of file Lafita reads at most: enough for any honest file of the
// kind, little enough that a wrong path (/dev/zero, a 2 GB log) costs nothing.
inline constexpr size_t kMaxConfigBytes = size_t{1} << 20;      // lafita.toml
inline constexpr size_t kMaxFeedBytes = size_t{8} << 20;        // a feed document, as over HTTP
inline constexpr size_t kMaxPhotoBytes = size_t{10} << 20;      // a photo a feed names (a JPEG, PNG, WebP)
inline constexpr size_t kMaxTokenBytes = size_t{4} << 10;       // a bearer token
inline constexpr size_t kMaxCertificateBytes = size_t{4} << 20; // a PEM CA bundle (Debian's is 0.2 MB)
inline constexpr size_t kMaxFontBytes = size_t{256} << 20;      // a font file or collection

enum class Symlinks { follow, refuse };

// Why `path` cannot be read as a regular file, without opening it (opening a device can
// have effects, and a FIFO blocks): "No such file or directory", "is a FIFO, not a regular
// file", ...;
// nothing when it is a regular file. Follows symbolic links unless told to refuse them.
std::optional<std::string> not_regular_file(const std::filesystem::path& path, Symlinks symlinks = Symlinks::follow);

// The whole of the regular file `path`, read only when it holds at most `max_bytes`.
// Never blocks on a special file and never reads past the cap, whatever the file is: a
// FIFO, a device, a directory, a symbolic link when `symlinks` is refuse, a file that grows
// while read. On failure returns nothing and sets `why` to one phrase without the path
// ("is a directory, not a regular file", "has 9437184 bytes, more than the limit of
// 8388608", or the system's reason); the caller names the file and its kind.
// Thread-safe.
std::optional<std::string> read_regular_file(const std::filesystem::path& path, size_t max_bytes, std::string& why,
                                             Symlinks symlinks = Symlinks::follow);

// At most `max_bytes` from an open descriptor (standard input), to its end. Nothing, and
// `why`, when there is more or reading fails.
std::optional<std::string> read_bounded(int fd, size_t max_bytes, std::string& why);

}  // namespace lafita
