// The player following a feed over HTTP, end to end: the real `lafita` program (SDL's
// offscreen driver) against a server on 127.0.0.1 whose answers the test changes. It
// waits for the player's log lines, never for time:
//   first start without a copy: the "waiting" slide, then the feed's items;
//   new items on the server: a new deck;
//   the server failing: the error logged once, then the "last updated" badge;
//   the server back: the badge gone;
//   the next start with the server gone: the copy cached on disk, at once.
#include "http_server.hpp"

#include <doctest/doctest.h>

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;

std::string rss(int items) {
  std::string text = "<rss version=\"2.0\"><channel><title>بلدية المدينة</title><language>ar</language>";
  for (int i = 1; i <= items; ++i) {
    text += "<item><guid>" + std::to_string(i) + "</guid><title>خبر رقم " + std::to_string(i) +
            "</title><description>نص الخبر.</description></item>";
  }
  return text + "</channel></rss>";
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
      ::setenv("SDL_VIDEODRIVER", "offscreen", 1);  // asked for: a display, not the fallback
      // In a cross build the program is the target's: qemu runs it (LAFITA_EMULATOR).
      const std::string emulator = LAFITA_EMULATOR;
      std::vector<char*> argv;
      if (!emulator.empty()) argv.push_back(const_cast<char*>(emulator.c_str()));
      argv.push_back(const_cast<char*>(LAFITA_PROGRAM));
      for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
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

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string pending_, log_;
};

TEST_SUITE("live_feed") {
  TEST_CASE("the player follows a feed: new items, failures, the badge, and the cached copy at the next start") {
    const auto cache = std::filesystem::temp_directory_path() / "lafita-live-feed-test-cache";
    std::filesystem::remove_all(cache);
    std::string url;
    std::mutex mutex;
    int status = 200;
    std::string body = rss(2);
    std::vector<std::string> args;
    {
      lafita::test::HttpServer server;
      server.routes().Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
        const std::lock_guard lock(mutex);
        res.status = status;
        if (status == 200) res.set_content(body, "application/rss+xml");
      });
      server.start();
      url = server.url("/feed.xml");
      args = {"--feed", url, "--cache-dir", cache.string(), "--refresh", "1", "--stale-after", "1",
              "--dwell", "1", "--transition", "cut", "--size", "640x360"};
      Player player(args);
      INFO(player.log());
      REQUIRE(player.wait_for("lafita: showing 1 items"));  // nothing cached: the waiting slide
      REQUIRE(player.wait_for("lafita: new content: 2 items"));
      {
        const std::lock_guard lock(mutex);
        body = rss(3);
      }
      REQUIRE(player.wait_for("lafita: new content: 3 items"));
      {
        const std::lock_guard lock(mutex);
        status = 500;
      }
      REQUIRE(player.wait_for("failed to fetch: the server answered HTTP 500"));
      REQUIRE(player.wait_for("the header says when the content was last updated"));
      {
        const std::lock_guard lock(mutex);
        status = 200;
      }
      REQUIRE(player.wait_for("a feed works again"));
      CHECK(player.terminate() == 0);
      // The error was logged once, though the feed failed more often than that.
      const std::string& log = player.log();
      size_t errors = 0;
      for (size_t at = log.find("HTTP 500"); at != std::string::npos; at = log.find("HTTP 500", at + 1)) ++errors;
      CHECK(errors == 1);
    }
    // The server is gone; the next start shows the last good copy before any network.
    Player restarted(args);
    INFO(restarted.log());
    REQUIRE(restarted.wait_for("showing the copy cached at start"));
    REQUIRE(restarted.wait_for("lafita: showing 3 items"));
    CHECK(restarted.terminate() == 0);
  }
}

std::string json_feed(int items) {
  std::string text = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"language\": \"ar\", \"items\": [";
  for (int i = 1; i <= items; ++i) {
    text += std::string(i > 1 ? "," : "") + "{\"id\": \"" + std::to_string(i) + "\", \"title\": \"خبر " +
            std::to_string(i) + "\", \"content_text\": \"نص.\"}";
  }
  return text + "]}";
}

TEST_SUITE("reload") {
  TEST_CASE("SIGHUP: an invalid configuration is reported and kept out, a valid one is taken") {
    const auto folder = std::filesystem::temp_directory_path() / "lafita-reload-test";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "two.json") << json_feed(2);
    std::ofstream(folder / "three.json") << json_feed(3);
    const auto config = folder / "lafita.toml";
    const auto configure = [&](const std::string& text) { std::ofstream(config, std::ios::trunc) << text; };
    configure("[feeds.news]\nurl = \"file://" + (folder / "two.json").string() + "\"\n");
    Player player({"--config", config.string(), "--cache-dir", (folder / "cache").string(), "--dwell", "1",
                   "--transition", "cut", "--size", "640x360"});
    INFO(player.log());
    REQUIRE(player.wait_for("lafita: new content: 2 items"));  // a file:// URL is fetched like any URL
    configure("[slides]\nmax_pages = 0\n");
    player.signal(SIGHUP);
    REQUIRE(player.wait_for("lafita: reload: " + config.string() +
                            ":2:13: slides.max_pages: expected 1 to 50, got 0; the running configuration stays"));
    configure("[feeds.news]\nurl = \"file://" + (folder / "three.json").string() + "\"\n");
    player.signal(SIGHUP);
    REQUIRE(player.wait_for("lafita: configuration reloaded"));
    REQUIRE(player.wait_for("lafita: new content: 3 items"));
    CHECK(player.terminate() == 0);
  }
}

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
      if (message.find(text) != std::string::npos) return true;
    }
  }
  const std::string& messages() const { return messages_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::string messages_;
};

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_SUITE("service") {
  TEST_CASE("systemd hears READY, WATCHDOG and STATUS; the status file and metrics follow a feed's failure and recovery") {
    const auto folder = std::filesystem::temp_directory_path() / "lafita-service-test";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    NotifySocket notify(folder / "notify");
    ::setenv("NOTIFY_SOCKET", (folder / "notify").c_str(), 1);
    ::setenv("WATCHDOG_USEC", "2000000", 1);  // 2 s: the player pings every second
    std::mutex mutex;
    int status = 200;
    lafita::test::HttpServer server;
    server.routes().Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
      const std::lock_guard lock(mutex);
      res.status = status;
      if (status == 200) res.set_content(rss(2), "application/rss+xml");
    });
    server.start();
    const auto status_file = folder / "status.json", metrics_file = folder / "lafita.prom";
    Player player({"--feed", server.url("/feed.xml"), "--cache-dir", (folder / "cache").string(), "--refresh", "1",
                   "--dwell", "3600", "--transition", "cut", "--size", "640x360", "--status-file", status_file.string(),
                   "--metrics-file", metrics_file.string()});
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    INFO(notify.messages());
    REQUIRE(notify.wait_for("READY=1"));
    REQUIRE(notify.wait_for("STATUS=slide 1/2: خبر رقم 1; feeds: 1 ok, 0 failing"));
    REQUIRE(notify.wait_for("WATCHDOG=1"));
    REQUIRE(notify.wait_for("WATCHDOG=1"));  // and again: from the loop, not once
    CHECK(read_file(status_file).find("\"title\": \"خبر رقم 1\"") != std::string::npos);
    CHECK(read_file(metrics_file).find("lafita_feed_up{feed=\"" + server.url("/feed.xml") + "\"} 1") != std::string::npos);
    {
      const std::lock_guard lock(mutex);
      status = 500;
    }
    REQUIRE(notify.wait_for("feeds: 0 ok, 1 failing"));
    const std::string failing = read_file(status_file);
    CHECK(failing.find("\"last_error\": \"feed '" + server.url("/feed.xml") + "': failed to fetch: the server answered HTTP 500\"") !=
          std::string::npos);
    CHECK(failing.find("\"failures_in_a_row\": 1") != std::string::npos);
    CHECK(read_file(metrics_file).find("lafita_feed_up{feed=\"" + server.url("/feed.xml") + "\"} 0") != std::string::npos);
    {
      const std::lock_guard lock(mutex);
      status = 200;
    }
    REQUIRE(notify.wait_for("feeds: 1 ok, 0 failing"));
    CHECK(read_file(status_file).find("\"last_error\": \"\"") != std::string::npos);
    CHECK(read_file(metrics_file).find("lafita_feed_up{feed=\"" + server.url("/feed.xml") + "\"} 1") != std::string::npos);
    CHECK(read_file(metrics_file).find("lafita_frames_drawn_total ") != std::string::npos);
    CHECK(player.terminate() == 0);
  }
}

TEST_SUITE("service") {
  TEST_CASE("log lines carry syslog priorities when stderr is the journal, and only then") {
    Player journal({"--config", "/nonexistent/lafita.toml"}, true);
    REQUIRE(journal.wait_for("<3>lafita: /nonexistent/lafita.toml: cannot read: No such file or directory"));
    CHECK(journal.wait() == 2);
    Player terminal({"--config", "/nonexistent/lafita.toml"});
    REQUIRE(terminal.wait_for("lafita: /nonexistent/lafita.toml: cannot read"));
    CHECK(terminal.log().rfind("lafita: ", 0) == 0);  // no "<3>" on a terminal or a pipe
    CHECK(terminal.wait() == 2);
  }
}

TEST_SUITE("service") {
  TEST_CASE("outside the on hours the screen is blank and the power-off command has run") {
    const auto folder = std::filesystem::temp_directory_path() / "lafita-schedule-live-test";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const auto marker = folder / "powered-off";
    std::string days;
    for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
      days += std::string(day) + " = \"off\"\n";
    }
    std::ofstream(folder / "lafita.toml") << "[schedule]\n" << days << "power_off = [\"/usr/bin/touch\", \"" << marker.string()
                                          << "\"]\n";
    Player player({"--config", (folder / "lafita.toml").string(), "--size", "640x360"});
    INFO(player.log());
    REQUIRE(player.wait_for("lafita: screen off (schedule)"));
    REQUIRE(player.wait_for("lafita: power command '/usr/bin/touch' exited with status 0"));
    CHECK(std::filesystem::exists(marker));
    CHECK(player.terminate() == 0);
  }
}

}  // namespace
