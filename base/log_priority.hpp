#pragma once

#include <iosfwd>

namespace lafita {

// Syslog priorities for log lines, as systemd reads them from a service's stderr
// (sd-daemon(3): a line starting "<3>" is an error, "<4>" a warning). Written only when
// stderr is the journal's stream (JOURNAL_STREAM names stderr's device and inode), so a
// terminal never sees them. Lines without one are the unit's default, info.
//   log << warning_priority << "lafita: warning: ..." << "\n";
std::ostream& error_priority(std::ostream& out);
std::ostream& warning_priority(std::ostream& out);

// Whether stderr is connected to the journal now. Read once per process.
bool stderr_is_journal();

}  // namespace lafita
