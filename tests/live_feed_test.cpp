// The player following a feed over HTTP, end to end: the real `lafita` program (SDL's
// offscreen driver) against a server on 127.0.0.1 whose answers the test changes. It
// waits for the player's log lines, never for time:
//   first start without a copy: the "waiting" slide, then the feed's items;
//   new items on the server: a new deck;
//   the server failing: the error logged once, then the "last updated" badge;
//   the server back: the badge gone;
//   the next start with the server gone: the copy cached on disk, at once.
#include "child_player.hpp"
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
#include <algorithm>
#include <condition_variable>
#include <ctime>
#include <optional>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using lafita::test::NotifySocket;
using lafita::test::Player;
using lafita::test::read_file;

std::string rss(int items) {
  std::string text = "<rss version=\"2.0\"><channel><title>بلدية المدينة</title><language>ar</language>";
  for (int i = 1; i <= items; ++i) {
    text += "<item><guid>" + std::to_string(i) + "</guid><title>خبر رقم " + std::to_string(i) +
            "</title><description>نص الخبر.</description></item>";
  }
  return text + "</channel></rss>";
}

TEST_SUITE("live_feed") {
  TEST_CASE("the player follows a feed: new items, failures, the badge, and the cached copy at the next start") {
    const auto cache = std::filesystem::temp_directory_path() / "lafita-live-feed-test-cache";
    std::filesystem::remove_all(cache);
    std::string url;
    std::mutex mutex;
    std::condition_variable answered;
    int status = 200, failures = 0;
    std::string body = rss(2);
    std::vector<std::string> args;
    {
      lafita::test::HttpServer server;
      server.routes().Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
        const std::lock_guard lock(mutex);
        res.status = status;
        if (status == 200) res.set_content(body, "application/rss+xml");
        failures += status == 200 ? 0 : 1;
        answered.notify_all();
      });
      server.start();
      url = server.url("/feed.xml");
      args = {"--feed", url, "--cache-dir", cache.string(), "--refresh", "3600", "--stale-after", "1",
              "--dwell", "1", "--transition", "cut", "--size", "640x360"};
      Player player(args);
      INFO(player.log());
      REQUIRE(player.wait_for("lafita: showing 1 items"));  // nothing cached: the waiting slide
      REQUIRE(player.wait_for("lafita: new content: 2 items"));
      {
        const std::lock_guard lock(mutex);
        body = rss(3);
      }
      player.signal(SIGUSR1);  // fetch now, as an administrator would after publishing
      REQUIRE(player.wait_for("lafita: fetching every feed now (SIGUSR1)"));
      REQUIRE(player.wait_for("lafita: new content: 3 items"));
      {
        const std::lock_guard lock(mutex);
        status = 500;
      }
      player.signal(SIGUSR1);
      REQUIRE(player.wait_for("failed to fetch: the server answered HTTP 500"));
      REQUIRE(player.wait_for("the header says when the content was last updated"));  // 1 s later, on time
      {
        std::unique_lock lock(mutex);
        const int before = failures;
        player.signal(SIGUSR1);  // fails again: not logged again
        answered.wait(lock, [&] { return failures > before; });
        status = 200;
      }
      player.signal(SIGUSR1);
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

// A fresh `folder`, and a [schedule] with the screen off all week whose power-off command
// creates `marker`.
std::string off_all_week(const std::filesystem::path& folder, const std::filesystem::path& marker) {
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  std::string schedule = "[schedule]\n";
  for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    schedule += std::string(day) + " = \"off\"\n";
  }
  return schedule + "power_off = [\"/usr/bin/touch\", \"" + marker.string() + "\"]\n";
}

TEST_SUITE("service") {
  TEST_CASE("systemd hears READY, WATCHDOG and STATUS; the status file and metrics follow a feed's failure and recovery") {
    const auto folder = std::filesystem::temp_directory_path() / "lafita-service-test";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    NotifySocket notify(folder / "notify");
    ::setenv("NOTIFY_SOCKET", (folder / "notify").c_str(), 1);
    ::setenv("WATCHDOG_USEC", "2000000", 1);  // 2 s: the player pings every half second
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
    Player player({"--feed", server.url("/feed.xml"), "--cache-dir", (folder / "cache").string(), "--refresh", "3600",
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
    player.signal(SIGUSR1);
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
    player.signal(SIGUSR1);
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
    const auto marker = folder / "powered-off";
    const std::string schedule = off_all_week(folder, marker);
    // The clock believed as it is (this machine's may not be synchronised).
    std::ofstream(folder / "lafita.toml") << schedule << "[locale]\ntrust_clock = \"always\"\n";
    Player player({"--config", (folder / "lafita.toml").string(), "--size", "640x360"});
    INFO(player.log());
    REQUIRE(player.wait_for("lafita: screen off (schedule)"));
    REQUIRE(player.wait_for("lafita: power command '/usr/bin/touch' exited with status 0"));
    CHECK(std::filesystem::exists(marker));
    CHECK(player.terminate() == 0);
    std::filesystem::remove_all(folder);
  }

  TEST_CASE("a clock not synchronised yet neither blanks the screen nor powers it off") {
    const auto folder = std::filesystem::temp_directory_path() / "lafita-schedule-unsynchronised-test";
    const auto marker = folder / "powered-off";
    const std::string schedule = off_all_week(folder, marker);
    std::ofstream(folder / "lafita.toml") << schedule;
    ::setenv("LAFITA_TIMESYNC_FILE", (folder / "synchronized").c_str(), 1);  // absent: not synchronised
    Player player({"--config", (folder / "lafita.toml").string(), "--size", "640x360"});
    ::unsetenv("LAFITA_TIMESYNC_FILE");
    INFO(player.log());
    REQUIRE(player.wait_for("lafita: first frame"));
    CHECK(player.log().find("not synchronised yet") != std::string::npos);
    // synchronised now: the schedule applies at the next look (SIGUSR1 here; a fetch, a minute)
    std::ofstream(folder / "synchronized").put('\n');
    player.signal(SIGUSR1);
    REQUIRE(player.wait_for("the system clock is synchronised"));
    REQUIRE(player.wait_for("lafita: screen off (schedule)"));
    REQUIRE(player.wait_for("lafita: power command '/usr/bin/touch' exited with status 0"));
    CHECK(player.terminate() == 0);
    std::filesystem::remove_all(folder);
  }
}

}  // namespace

// A CAP 1.2 alert issued a minute ago, in force for an hour, or the Cancel that ends it.
std::string cap(const std::string& message_type) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto iso = [](std::chrono::sys_seconds time) {
    const std::time_t t = std::chrono::system_clock::to_time_t(time);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", std::gmtime(&t));
    return std::string(text);
  };
  static const std::string sent = iso(now - std::chrono::minutes(1));
  const std::string header = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><sender>pc@example.tn</sender><status>Actual</status>";
  if (message_type == "Cancel") {
    return header + "<identifier>2</identifier><sent>" + iso(now) + "</sent><msgType>Cancel</msgType><scope>Public</scope>"
           "<references>pc@example.tn,1," + sent + "</references></alert>";
  }
  return header + "<identifier>1</identifier><sent>" + sent + "</sent><msgType>Alert</msgType><scope>Public</scope>"
         "<info><language>ar</language><event>فيضان</event><severity>Severe</severity><expires>" +
         iso(now + std::chrono::hours(1)) + "</expires><headline>تحذير من الفيضانات</headline>"
         "<instruction>تجنّبوا الأنفاق.</instruction></info></alert>";
}

// The slides the player announced (systemd STATUS) just before the first alert and just
// after it: where the rotation was, and where it went on.
std::pair<std::string, std::string> slides_around_alert(const NotifySocket& notify) {
  std::string before, after;
  bool alert = false;
  for (const auto& [time, message] : notify.received()) {
    alert = alert || message.find("STATUS=ALERT") != std::string::npos;
    const size_t at = message.find("STATUS=slide ");
    if (at == std::string::npos) continue;
    const std::string slide = message.substr(at + 13, message.find(';', at) - at - 13);
    if (!alert) before = slide;
    if (alert && after.empty()) after = slide;
  }
  return {before, after};
}

TEST_SUITE("alert_takeover") {
  TEST_CASE("an alert takes over within 2 s of its fetch, its Cancel resumes the rotation where it was, a restart shows it from the cache") {
    const auto folder = std::filesystem::temp_directory_path() / "lafita-alert-test";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    std::mutex mutex;
    std::string alerts = R"({"version": "https://jsonfeed.org/version/1.1", "title": "alerts", "items": []})";
    int alert_status = 200;
    std::optional<std::chrono::steady_clock::time_point> alert_served;
    lafita::test::HttpServer server;
    server.routes().Get("/news.json", [&](const httplib::Request&, httplib::Response& res) {
      res.set_content(json_feed(3), "application/feed+json");
    });
    server.routes().Get("/alerts", [&](const httplib::Request&, httplib::Response& res) {
      const std::lock_guard lock(mutex);
      res.status = alert_status;
      res.set_content(alerts, alerts.starts_with("{") ? "application/feed+json" : "application/cap+xml");
      if (alerts.find("<msgType>Alert") != std::string::npos && !alert_served) alert_served = std::chrono::steady_clock::now();
    });
    server.start();
    const auto config = folder / "lafita.toml";
    std::ofstream(config) << "[feeds.news]\nurl = \"" << server.url("/news.json") << "\"\nrefresh = 3600\n"
                          << "[feeds.civil_protection]\nurl = \"" << server.url("/alerts") << "\"\nrefresh = 3600\nalert = true\n";
    const auto status_file = folder / "status.json", metrics_file = folder / "lafita.prom";
    const std::vector<std::string> args{"--config", config.string(), "--cache-dir", (folder / "cache").string(),
                                        "--dwell", "5", "--transition", "cut", "--size", "640x360",
                                        "--status-file", status_file.string(), "--metrics-file", metrics_file.string()};
    auto serve = [&](std::string body) {
      const std::lock_guard lock(mutex);
      alerts = std::move(body);
    };
    NotifySocket notify(folder / "notify");
    ::setenv("NOTIFY_SOCKET", (folder / "notify").c_str(), 1);
    {
      Player player(args);
      INFO(player.log());
      INFO(notify.messages());
      // The rotation past its first item, so that resuming at the start would show.
      REQUIRE(notify.wait_for("STATUS=slide 2/3: خبر 2"));
      serve(cap("Alert"));
      player.signal(SIGUSR1);
      REQUIRE(player.wait_for("lafita: alert on screen: severe 'تحذير من الفيضانات' (pc@example.tn,1,"));
      REQUIRE(notify.wait_for("STATUS=ALERT (severe) 1/1: تحذير من الفيضانات"));
      const auto shown = std::find_if(notify.received().begin(), notify.received().end(), [](const auto& message) {
        return message.second.find("STATUS=ALERT") != std::string::npos;
      });
      {
        const std::lock_guard lock(mutex);
        REQUIRE(alert_served);
        const auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(shown->first - *alert_served);
        MESSAGE("the alert was on screen " << delay.count() << " ms after the server answered");
        CHECK(delay < 2s);
      }
      CHECK(read_file(status_file).find("\"severity\": \"severe\"") != std::string::npos);
      CHECK(read_file(metrics_file).find("lafita_alert_active 1.000000\n") != std::string::npos);

      serve(cap("Cancel"));
      player.signal(SIGUSR1);
      REQUIRE(player.wait_for("no alert in force; the rotation resumes"));
      REQUIRE(notify.wait_for("STATUS=slide "));
      const auto [before, after] = slides_around_alert(notify);
      CHECK((before == "2/3: خبر 2" || before == "3/3: خبر 3"));
      CHECK(after == before);
      CHECK(read_file(metrics_file).find("lafita_alert_active 0.000000\n") != std::string::npos);

      serve(cap("Alert"));  // in force again when the power goes
      player.signal(SIGUSR1);
      REQUIRE(player.wait_for("lafita: alert on screen: severe"));
      CHECK(player.terminate() == 0);
    }
    ::unsetenv("NOTIFY_SOCKET");
    {
      const std::lock_guard lock(mutex);
      alert_status = 500;  // and the server fails: the next start has only the cache
    }
    Player restarted(args);
    INFO(restarted.log());
    REQUIRE(restarted.wait_for("lafita: alert on screen: severe 'تحذير من الفيضانات'"));
    CHECK(restarted.terminate() == 0);
  }
}
