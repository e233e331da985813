// The field conditions of a hall, against the real program: the TV off when the board
// boots (a display that comes later), and a clock that is not synchronised yet. The same
// conditions on a booted (emulated) board: tests/board/board_test.py.
#include "child_player.hpp"
#include "kiosk/appliance/clock_trust.hpp"
#include "kiosk/player/screen_picture.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>

#include <csignal>
#include <thread>

namespace {

using namespace std::chrono_literals;
using lafita::test::NotifySocket;
using lafita::test::Player;
using lafita::test::read_file;
namespace fs = std::filesystem;

// Under qemu-user the program runs several times slower.
const int kSlowdown = std::string(LAFITA_EMULATOR).empty() ? 1 : 4;

fs::path fresh_folder(const std::string& name) {
  const auto folder = fs::temp_directory_path() / ("lafita-field-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

// An X server (Xvfb) on display `number`, until destroyed.
class XServer {
 public:
  explicit XServer(int number) {
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const std::string display = ":" + std::to_string(number);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::execlp("Xvfb", "Xvfb", display.c_str(), "-screen", "0", "1280x720x24", "-nolisten", "tcp", nullptr);
      ::_exit(127);
    }
  }
  ~XServer() { kill(); }
  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

// A display number no X server uses now.
int free_display() {
  for (int number = 90;; ++number) {
    if (!fs::exists("/tmp/.X11-unix/X" + std::to_string(number)) && !fs::exists("/tmp/.X" + std::to_string(number) + "-lock")) {
      return number;
    }
  }
}

nlohmann::json status_of(const fs::path& folder) {
  const std::string text = read_file(folder / "status.json");
  return text.empty() ? nlohmann::json() : nlohmann::json::parse(text, nullptr, false);
}

// The size of a PNG file, from its header.
std::pair<int, int> png_size(const fs::path& file) {
  const std::string bytes = read_file(file);
  REQUIRE(bytes.size() > 24);
  const auto be32 = [&](size_t at) {
    return (static_cast<unsigned char>(bytes[at]) << 24) | (static_cast<unsigned char>(bytes[at + 1]) << 16) |
           (static_cast<unsigned char>(bytes[at + 2]) << 8) | static_cast<unsigned char>(bytes[at + 3]);
  };
  return {be32(16), be32(20)};
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("field") {
  TEST_CASE("a service whose TV is off at boot waits for a display, and draws within 10 s of one appearing") {
    const fs::path folder = fresh_folder("display");
    const int number = free_display();
    ::setenv("DISPLAY", (":" + std::to_string(number)).c_str(), 1);
    ::setenv("SDL_VIDEODRIVER", "x11", 1);
    ::setenv("RUNTIME_DIRECTORY", folder.c_str(), 1);
    NotifySocket notify(folder / "notify");
    ::setenv("NOTIFY_SOCKET", (folder / "notify").c_str(), 1);
    const std::vector<std::string> args = {"--metrics-file", (folder / "lafita.prom").string(), "--dwell", "2"};

    Player player(args);
    REQUIRE(player.wait_for("no display yet", 30s * kSlowdown));
    // Up as a service (READY) with no display: nothing restarts it every few seconds.
    CHECK(notify.wait_for("READY=1", 10s * kSlowdown));
    CHECK(status_of(folder)["display"] == "none");
    CHECK(read_file(folder / "lafita.prom").find("lafita_display_connected 0") != std::string::npos);
    // The TV stays off for 10 s: the player retries, and says so once.
    CHECK_FALSE(player.wait_for("no display", 10s));
    CHECK(count(player.log(), "no display") == 1);

    XServer server(number);
    const auto switched_on = std::chrono::steady_clock::now();
    REQUIRE(player.wait_for("first frame", 20s * kSlowdown));
    const auto drawn = std::chrono::steady_clock::now() - switched_on;
    MESSAGE("first frame " << std::chrono::duration_cast<std::chrono::milliseconds>(drawn).count()
                           << " ms after the X server started");
    CHECK(drawn < 10s * kSlowdown);
    CHECK(player.log().find("a display is here (x11") != std::string::npos);
    // The status and the picture of the screen follow.
    for (int i = 0; i < 50 * kSlowdown && !status_of(folder)["screen_picture"].is_object(); ++i) {
      std::this_thread::sleep_for(100ms);  // polling a file the player writes; not a race to win
    }
    const nlohmann::json status = status_of(folder);
    CHECK(status["display"].get<std::string>().starts_with("x11"));
    REQUIRE(status["screen_picture"].is_object());
    CHECK(status["screen_picture"]["file"] == (folder / "screen.png").string());
    const auto [width, height] = png_size(folder / "screen.png");
    CHECK(width == 480);
    CHECK(height == 270);

    // The X server goes away: Xlib ends the program (status 1), and systemd's Restart=
    // starts it again, into the same wait; the picture comes back with the server.
    server.kill();
    CHECK(player.wait() == 1);
    Player again(args);
    REQUIRE(again.wait_for("no display yet", 30s * kSlowdown));
    CHECK_FALSE(fs::exists(folder / "screen.png"));  // what was on screen is not there any more
    XServer restarted(number);
    CHECK(again.wait_for("first frame", 20s * kSlowdown));
    CHECK(again.terminate() == 0);
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("RUNTIME_DIRECTORY");
    ::unsetenv("SDL_VIDEODRIVER");
    fs::remove_all(folder);
  }

  TEST_CASE("the header shows no date or time until the clock is synchronised") {
    const fs::path folder = fresh_folder("clock");
    const fs::path synced = folder / "synchronized";
    ::setenv("LAFITA_TIMESYNC_FILE", synced.c_str(), 1);
    ::setenv("RUNTIME_DIRECTORY", folder.c_str(), 1);
    fs::create_directories(folder / "feed");
    std::ofstream(folder / "feed" / "feed.json") << read_file(LAFITA_SAMPLE_FEED);
    Player player({"--feed", (folder / "feed" / "feed.json").string(), "--metrics-file",
                   (folder / "lafita.prom").string(), "--dwell", "600"});
    REQUIRE(player.wait_for("first frame", 30s * kSlowdown));
    CHECK(player.log().find("not synchronised yet; the header shows no date or time") != std::string::npos);
    for (int i = 0; i < 50 * kSlowdown && !status_of(folder)["screen_picture"].is_object(); ++i) {
      std::this_thread::sleep_for(100ms);
    }
    CHECK(status_of(folder)["clock_synchronized"] == false);
    CHECK(read_file(folder / "lafita.prom").find("lafita_clock_synchronized 0") != std::string::npos);
    const std::string without_clock = read_file(folder / "screen.png");

    // timesyncd says it is synchronised; the next look (a fetch here, else each minute)
    // brings the date and time back.
    std::ofstream(synced).put('\n');
    player.signal(SIGUSR1);
    REQUIRE(player.wait_for("the system clock is synchronised", 20s * kSlowdown));
    for (int i = 0; i < 50 * kSlowdown && status_of(folder)["clock_synchronized"] != true; ++i) {
      std::this_thread::sleep_for(100ms);
    }
    CHECK(status_of(folder)["clock_synchronized"] == true);
    CHECK(player.terminate() == 0);
    ::unsetenv("LAFITA_TIMESYNC_FILE");
    ::unsetenv("RUNTIME_DIRECTORY");
    fs::remove_all(folder);
    CHECK_FALSE(without_clock.empty());
  }

  TEST_CASE("clock trust: the timesync file or `always`") {
    const fs::path folder = fresh_folder("trust");
    const lafita::kiosk::ClockTrust file_only(false, folder / "synchronized", false);
    CHECK_FALSE(file_only.synchronised());
    std::ofstream(folder / "synchronized").put('\n');
    CHECK(file_only.synchronised());
    CHECK(lafita::kiosk::ClockTrust(true, folder / "absent", false).synchronised());
    fs::remove_all(folder);
  }

  TEST_CASE("the screen's picture is scaled down by area: each pixel the mean of what it covers") {
    lafita::kiosk::Picture checker;
    checker.width = 1920;
    checker.height = 1080;
    checker.rgba.resize(1920 * 1080 * 4);
    for (int y = 0; y < 1080; ++y) {
      for (int x = 0; x < 1920; ++x) {
        const uint8_t v = (x + y) % 2 ? 255 : 0;  // one-pixel strokes: sampling would alias them
        uint8_t* p = &checker.rgba[(static_cast<size_t>(y) * 1920 + x) * 4];
        p[0] = p[1] = p[2] = v;
        p[3] = 255;
      }
    }
    const auto small = lafita::kiosk::scaled_down(checker, 480);
    CHECK(small.width == 480);
    CHECK(small.height == 270);
    int lowest = 255, highest = 0;
    for (size_t i = 0; i < small.rgba.size(); i += 4) {
      lowest = std::min<int>(lowest, small.rgba[i]);
      highest = std::max<int>(highest, small.rgba[i]);
    }
    CHECK(lowest >= 127);  // 4 × 4 pixels, half of them white
    CHECK(highest <= 128);
    CHECK(lafita::kiosk::scaled_down(small, 480).rgba == small.rgba);  // not wider: kept as it is
  }
}
