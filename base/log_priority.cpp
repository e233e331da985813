#include "base/log_priority.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ostream>

namespace lafita {

bool stderr_is_journal() {
  static const bool journal = [] {
    const char* stream = std::getenv("JOURNAL_STREAM");  // "DEVICE:INODE" of the stream systemd connected
    unsigned long long device = 0, inode = 0;
    struct stat status {};
    if (stream == nullptr || std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
    if (::fstat(STDERR_FILENO, &status) != 0) return false;
    return status.st_dev == device && status.st_ino == inode;
  }();
  return journal;
}

std::ostream& error_priority(std::ostream& out) { return stderr_is_journal() ? out << "<3>" : out; }
std::ostream& warning_priority(std::ostream& out) { return stderr_is_journal() ? out << "<4>" : out; }

}  // namespace lafita
