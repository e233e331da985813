#pragma once
// The real `lafita` program as a child process, for the end-to-end tests: its stderr read
// line by line, signals, its exit; and a socket standing in for systemd's NOTIFY_SOCKET.
#include <doctest/doctest.h>

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace lafita::test {

using namespace std::chrono_literals;

// In a child process: becomes `lafita ARGS` with SDL's offscreen driver (asked for: a
// display, not the fallback). In a cross build the program is the target's and qemu runs
// it (LAFITA_EMULATOR).
[[noreturn]] inline void exec_lafita(const std::vector<std::string>& args) {
  ::setenv("SDL_VIDEODRIVER", "offscreen", 0);  // unless the test asks for another
  const std::string emulator = LAFITA_EMULATOR;
  std::vector<char*> argv;
  if (!emulator.empty()) argv.push_back(const_cast<char*>(emulator.c_str()));
  argv.push_back(const_cast<char*>(LAFITA_PROGRAM));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

// `lafita` as a child process; its stderr read line by line.
class Player {
 public:
  // `journal`: stderr is announced as the journal's stream, as systemd does (JOURNAL_STREAM).
  explicit Player(const std::vector<std::string>& args, bool journal = false) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(fds[1], STDERR_FILENO);
      ::close(fds[0]);
      if (journal) {
        struct stat status {};
        ::fstat(STDERR_FILENO, &status);
        const std::string stream = std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
        ::setenv("JOURNAL_STREAM", stream.c_str(), 1);
      }
      exec_lafita(args);
    }
    ::close(fds[1]);
    fd_ = fds[0];
  }
  ~Player() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(fd_);
  }

  // Reads until a line containing `text` arrives; false after `timeout` or at the end.
  bool wait_for(const std::string& text, std::chrono::seconds timeout = 30s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      for (size_t end; (end = pending_.find('\n')) != std::string::npos;) {
        const std::string line = pending_.substr(0, end);
        pending_.erase(0, end + 1);
        log_ += line + "\n";
        if (line.find(text) != std::string::npos) return true;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd in{fd_, POLLIN, 0};
      if (::poll(&in, 1, static_cast<int>(left.count())) <= 0) return false;
      char buffer[4096];
      const ssize_t got = ::read(fd_, buffer, sizeof buffer);
      if (got <= 0) return false;
      pending_.append(buffer, static_cast<size_t>(got));
    }
  }

  void signal(int number) { ::kill(pid_, number); }

  // CPU time (user and system) the program has used so far, from /proc; under an emulator
  // the emulator's, which runs it.
  double cpu_seconds() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
      if (i >= 14) ticks += std::stod(field);
    }
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }

  // Sends SIGTERM and waits for the exit; how long the program took to end.
  std::chrono::milliseconds terminate_timed() {
    const auto sent = std::chrono::steady_clock::now();
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent);
  }
  int exit_status() const { return exit_status_; }

  // The exit status, once the program ends by itself.
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  int terminate() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  const std::string& log() const { return log_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  int exit_status_ = -1;
  std::string pending_, log_;
};

// A socket the test provides as NOTIFY_SOCKET: what sd_notify sends, one datagram a message.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    std::filesystem::remove(path);
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~NotifySocket() { ::close(fd_); }

  // Receives until a message containing `text`; false after `timeout`.
  bool wait_for(const std::string& text, std::chrono::seconds timeout = 30s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd in{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&in, 1, static_cast<int>(left.count())) <= 0) return false;
      char buffer[4096];
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) return false;
      const std::string message(buffer, static_cast<size_t>(got));
      messages_ += message + "\n";
      received_.emplace_back(std::chrono::steady_clock::now(), message);
      if (message.find(text) != std::string::npos) return true;
    }
  }
  const std::string& messages() const { return messages_; }

  // When each message arrived.
  const std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>>& received() const { return received_; }

 private:
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> received_;
  std::filesystem::path path_;
  int fd_ = -1;
  std::string messages_;
};

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace lafita::test
