#include "kiosk/appliance/on_hours.hpp"

#include "base/icu_handles.hpp"
#include "base/log_priority.hpp"

#include <unicode/ucal.h>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
extern "C" {  // glibc 2.36's header lacks its C++ guards
#include <sys/pidfd.h>
}
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>
#include <cstring>
#include <memory>

extern char** environ;

namespace lafita::kiosk {

bool screen_on(const OnHours& schedule, feeds::Time time) {
  UErrorCode status = U_ZERO_ERROR;
  const IcuCalendar calendar(ucal_open(nullptr, 0, "en_US_POSIX", UCAL_GREGORIAN, &status));
  if (U_FAILURE(status)) return true;  // no calendar: never dark for it
  ucal_setMillis(calendar.get(), static_cast<UDate>(time.time_since_epoch().count()) * 1000.0, &status);
  const int weekday = (ucal_get(calendar.get(), UCAL_DAY_OF_WEEK, &status) + 5) % 7;  // ICU: Sunday = 1
  const int minute = ucal_get(calendar.get(), UCAL_HOUR_OF_DAY, &status) * 60 + ucal_get(calendar.get(), UCAL_MINUTE, &status);
  if (U_FAILURE(status)) return true;
  if (schedule.off_all_day[static_cast<size_t>(weekday)]) return false;
  const auto& hours = schedule.hours[static_cast<size_t>(weekday)];
  return !hours || (minute >= hours->from && minute < hours->to);
}

std::string run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  if (argv.empty()) return "no command";
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  // Asked first: posix_spawn reports a missing program as exit status 127 on some systems
  // (qemu-user among them) instead of an error.
  if (::access(args[0], X_OK) != 0) return "'" + argv[0] + "' could not start: " + std::strerror(errno);
  pid_t pid = 0;
  if (const int error = posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), environ); error != 0) {
    return "'" + argv[0] + "' could not start: " + std::strerror(error);
  }
  const int pidfd = static_cast<int>(pidfd_open(pid, 0));
  pollfd ended{pidfd, POLLIN, 0};
  const bool finished = pidfd >= 0 && ::poll(&ended, 1, static_cast<int>(timeout.count())) == 1;
  if (pidfd >= 0) ::close(pidfd);
  if (!finished) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!finished) return "'" + argv[0] + "' did not end within " + std::to_string(timeout.count()) + " ms and was killed";
  if (WIFEXITED(status)) return "'" + argv[0] + "' exited with status " + std::to_string(WEXITSTATUS(status));
  return "'" + argv[0] + "' ended by signal " + std::to_string(WTERMSIG(status));
}

void switch_screen_power(const OnHours& schedule, bool on, std::optional<CecPower>& cec, std::ostream& log) {
  if (schedule.power == OnHours::Power::command) {
    const auto& command = on ? schedule.power_on : schedule.power_off;
    if (!command.empty()) log << "lafita: power command " << run_command(command, std::chrono::seconds(10)) << "\n" << std::flush;
    return;
  }
  if (schedule.power != OnHours::Power::cec) return;
  if (!cec) {
    std::string why;
    auto device = open_cec_device(schedule.cec_device, why);
    if (!device) {
      log << warning_priority << "lafita: screen power: " << why << "\n" << std::flush;
      return;
    }
    cec.emplace(std::move(device));
  }
  const CecPower::Outcome outcome = cec->power(on);
  if (!outcome.done) log << warning_priority;
  log << "lafita: screen power " << (on ? "on" : "off") << ": " << outcome.message << "\n" << std::flush;
}

}  // namespace lafita::kiosk
