// The configuration file: the documented example, and one clear error for each kind of
// mistake, with the file, line, column and key (columns counted by hand from the snippets).
#include "kiosk/config/config_file.hpp"
#include "kiosk/config/show_options.hpp"
#include "run_lafita.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lafita::kiosk {
namespace {

using test::Run;

std::string error_of(const std::string& text) {
  try {
    parse_config(text, "lafita.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string example_text() {
  std::ifstream in(std::filesystem::path(LAFITA_SOURCE_DIR) / "examples/lafita.toml");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The example's [feeds.news] as an operator uncomments it: the "#" taken from each of its
// settings (those naming files left out: the files do not exist here).
std::string with_news_feed(const std::string& example) {
  std::istringstream in(example);
  std::string result;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("#[feeds.news]")) inside = true;
    if (line.empty()) inside = false;
    const bool names_file = line.starts_with("#ca_file") || line.starts_with("#token_file");
    if (inside && line.starts_with('#') && !line.starts_with("# ") && !names_file) line.erase(0, 1);
    result += line + "\n";
  }
  return result;
}

std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("lafita-config-test-" + name);
  std::ofstream(path) << text;
  return path;
}

TEST_SUITE("config") {
  TEST_CASE("the documented example is valid and says what the defaults are") {
    const ShowOptions options = load_config(std::filesystem::path(LAFITA_SOURCE_DIR) / "examples/lafita.toml");
    const ShowOptions defaults;
    CHECK(options.feeds.empty());  // as installed: the sample plays until feeds are given
    CHECK(options.slides.min_dwell == defaults.slides.min_dwell);
    CHECK(options.slides.max_dwell == defaults.slides.max_dwell);
    CHECK(options.slides.seconds_per_word == defaults.slides.seconds_per_word);
    CHECK(options.slides.max_pages == defaults.slides.max_pages);
    CHECK(options.slides.qr == defaults.slides.qr);
    CHECK(defaults.slides.qr);  // a link gets its code unless the file says otherwise
    CHECK(options.schedule.transition == defaults.schedule.transition);
    CHECK(options.schedule.transition_time == defaults.schedule.transition_time);
    CHECK(options.stale_after == defaults.stale_after);
    CHECK(options.rotation == defaults.rotation);
    CHECK(options.theme.title_scale == defaults.theme.title_scale);
    CHECK(options.theme.body_scale == defaults.theme.body_scale);
    CHECK(options.theme.feed_logo == defaults.theme.feed_logo);  // logo = "name"
    CHECK(options.language == defaults.language);
    CHECK(options.safe_area == defaults.safe_area);
    CHECK(options.calendar_days == defaults.calendar_days);
    for (const auto& [set, fallback] : {std::pair{options.theme.background, defaults.theme.background},
                                        {options.theme.text, defaults.theme.text}, {options.theme.band, defaults.theme.band},
                                        {options.theme.accent, defaults.theme.accent}, {options.theme.track, defaults.theme.track}}) {
      CHECK(set.r == fallback.r);
      CHECK(set.g == fallback.g);
      CHECK(set.b == fallback.b);
    }
    CHECK(options.theme.text_fonts == defaults.theme.text_fonts);
  }

  TEST_CASE("the example's feed, uncommented, is valid and documents the feed defaults") {
    const std::string text = with_news_feed(example_text());
    REQUIRE(text.find("\n[feeds.news]\nurl = ") != std::string::npos);
    const ShowOptions options = parse_config(text, "lafita.toml");
    REQUIRE(options.feeds.size() == 1);
    const feeds::FeedSource defaults;
    CHECK(options.feeds[0].request.url == "https://baladiya.example/feed/");
    CHECK(options.feeds[0].refresh == std::chrono::seconds(300));
    CHECK(options.feeds[0].priority == defaults.priority);
    CHECK(options.feeds[0].language == "ar");
    CHECK(options.feeds[0].max_items == defaults.max_items);
    CHECK(options.feeds[0].request.total_timeout == std::chrono::seconds(60));
  }

  TEST_CASE("alert feeds and [alerts]: what shows where, and mistakes named") {
    const ShowOptions options = parse_config(
        "[feeds.civil]\nurl = \"https://alerts.example.tn/cap.atom\"\nalert = true\nrefresh = 10\n"
        "[feeds.news]\nurl = \"https://baladiya.example/feed/\"\n"
        "[alerts]\nshow_exercise = true\nareas = [\"Sfax\", \"صفاقس\"]\ngeocodes = [\"TN-GOV=61\"]\n",
        "lafita.toml");
    REQUIRE(options.feeds.size() == 2);
    CHECK(options.feeds[0].alert);
    CHECK(options.feeds[0].refresh == std::chrono::seconds(10));
    CHECK_FALSE(options.feeds[1].alert);
    CHECK(options.alerts.statuses == std::vector<std::string>{"Actual", "Exercise"});
    CHECK(options.alerts.areas == std::vector<std::string>{"Sfax", "صفاقس"});
    CHECK(options.alerts.geocodes == std::vector<std::string>{"TN-GOV=61"});
    // The example's defaults: Actual only, every area.
    const ShowOptions example = parse_config(example_text(), "lafita.toml");
    CHECK(example.alerts.statuses == std::vector<std::string>{"Actual"});
    CHECK(example.alerts.areas.empty());
    CHECK(error_of("[alerts]\ngeocodes = [\"=61\"]\n") ==
          "lafita.toml:2:12: alerts.geocodes: expected \"valueName=value\" (as CAP's <geocode>), got '=61'");
    CHECK(error_of("[alerts]\nareas = [\" \"]\n") == "lafita.toml:2:9: alerts.areas: a blank name would match every area");
    CHECK(error_of("[alerts]\nshow_test = \"yes\"\n") == "lafita.toml:2:13: alerts.show_test: expected true or false, got a string");
    CHECK(error_of("[feeds.x]\nurl = \"https://a.example/\"\nalert = 1\n") ==
          "lafita.toml:3:9: feeds.x.alert: expected true or false, got an integer");
    const auto file = write("alerts.toml", "[feeds.civil]\nurl = \"https://alerts.example.tn/cap.atom\"\nalert = true\n");
    CHECK(test::lafita({"check-config", file.string()}).out == file.string() + ": valid: 1 feed (1 of emergency alerts)\n");
  }

  TEST_CASE("every setting reaches the options") {
    const auto token = write("token", "s3cret\n");
    const ShowOptions options = parse_config(
        "[display]\ndriver = \"kmsdrm\"\nsize = \"1280x720\"\nfullscreen = true\nrotation = 270\n"
        "safe_area = [10, 20, 30, 40]\n"
        "[theme]\nband = \"#102030\"\ntitle_fonts = [\"DejaVu Sans\"]\ntitle_scale = 1.5\nbody_scale = 0.8\nlogo = \"feed\"\njustify = \"kashida\"\n"
        "[slides]\nmin_dwell = 5\nmax_dwell = 12.5\ntransition = \"cut\"\ntransition_time = 0.25\nmax_pages = 2\n"
        "qr = false\n"
        "[locale]\nlanguage = \"ar-TN\"\nnumerals = \"arabic-indic\"\ntime_zone = \"Asia/Riyadh\"\norganization = \"بلدية\"\n"
        "trust_clock = \"always\"\nhijri = true\nhijri_adjust = -1\n"
        "[feeds.council]\nurl = \"https://x.example/c.ics\"\nrefresh = 60\npriority = 2\nlanguage = \"ar\"\n"
        "max_items = 20\ntimeout = 15\ntoken_file = \"" + token.string() + "\"\n"
        "[feeds.news]\nurl = \"file:///srv/news.xml\"\n"
        "[cache]\ndirectory = \"/var/cache/lafita\"\nstale_after = 600\ncalendar_days = 7\n"
        "[schedule]\nmonday = \"07:30-19:00\"\nsunday = \"off\"\npower_off = [\"/usr/bin/vcgencmd\", \"display_power\", \"0\"]\n"
        "[status]\nfile = \"/run/lafita/status.json\"\nmetrics = \"/var/lib/node_exporter/lafita.prom\"\n",
        "lafita.toml");
    CHECK(options.video_driver == "kmsdrm");
    CHECK(options.width == 1280);
    CHECK(options.height == 720);
    CHECK(options.fullscreen);
    CHECK(options.rotation == 270);
    CHECK(options.safe_area == std::array<int, 4>{10, 20, 30, 40});
    CHECK(options.theme.band.r == 0x10);
    CHECK(options.theme.band.b == 0x30);
    CHECK(options.theme.title_fonts == std::vector<std::string>{"DejaVu Sans"});
    CHECK(options.theme.title_scale == doctest::Approx(1.5));
    CHECK(options.theme.body_scale == doctest::Approx(0.8));
    CHECK(options.theme.feed_logo);
    CHECK(options.theme.justify == Justify::kashida);
    CHECK(parse_config("", "lafita.toml").theme.justify == Justify::none);
    CHECK(options.language == "ar-TN");
    CHECK(options.slides.min_dwell == std::chrono::milliseconds(5000));
    CHECK(options.slides.max_dwell == std::chrono::milliseconds(12500));
    CHECK(options.schedule.transition == Transition::cut);
    CHECK(options.schedule.transition_time == std::chrono::milliseconds(250));
    CHECK(options.slides.max_pages == 2);
    CHECK_FALSE(options.slides.qr);
    CHECK(options.slides.numerals == Numerals::arabic_indic);
    CHECK(options.time_zone == "Asia/Riyadh");
    CHECK(options.slides.organization == "بلدية");
    CHECK(options.trust_clock_always);
    CHECK(options.slides.hijri);
    CHECK(options.slides.hijri_adjust == -1);
    CHECK_FALSE(parse_config("", "lafita.toml").slides.hijri);
    REQUIRE(options.feeds.size() == 2);  // in the file's order
    CHECK(options.feeds[0].request.url == "https://x.example/c.ics");
    CHECK(options.feeds[0].refresh == std::chrono::seconds(60));
    CHECK(options.feeds[0].priority == 2);
    CHECK(options.feeds[0].language == "ar");
    CHECK(options.feeds[0].max_items == 20);
    CHECK(options.feeds[0].request.total_timeout == std::chrono::milliseconds(15000));
    CHECK(options.feeds[0].request.token_file == token.string());
    CHECK(options.feeds[1].request.url == "file:///srv/news.xml");
    CHECK(options.feeds[1].language == "ar-TN");  // [locale] language, for a feed that does not say
    CHECK(options.cache_dir == "/var/cache/lafita");
    CHECK(options.stale_after == std::chrono::seconds(600));
    CHECK(options.calendar_days == std::chrono::days(7));
    REQUIRE(options.on_hours.hours[0]);
    CHECK(options.on_hours.hours[0]->from == 450);
    CHECK(options.on_hours.off_all_day[6]);
    CHECK(options.on_hours.power_off == std::vector<std::string>{"/usr/bin/vcgencmd", "display_power", "0"});
    CHECK(options.on_hours.power == OnHours::Power::command);  // the commands imply it
    const ShowOptions cec = parse_config("[schedule]\npower = \"cec\"\ncec_device = \"/dev/cec1\"\n", "lafita.toml");
    CHECK(cec.on_hours.power == OnHours::Power::cec);
    CHECK(cec.on_hours.cec_device == "/dev/cec1");
    CHECK(parse_config("", "lafita.toml").on_hours.power == OnHours::Power::blank);
    CHECK_FALSE(parse_config("", "lafita.toml").trust_clock_always);
    CHECK(options.status_file == "/run/lafita/status.json");
    CHECK(options.metrics_file == "/var/lib/node_exporter/lafita.prom");
  }

  TEST_CASE("each mistake is one line with the file, line, column and key") {
    CHECK(error_of("[display\nsize = 1").starts_with("lafita.toml:1:9: not TOML: "));
    CHECK(error_of("[slides]\nmin_dwell = \"8\"\n") == "lafita.toml:2:13: slides.min_dwell: expected a number, got a string");
    CHECK(error_of("[slides]\ntransiton = \"cut\"\n") ==
          "lafita.toml:2:1: slides.transiton: unknown key; did you mean 'transition'?");
    CHECK(error_of("[displya]\n") == "lafita.toml:1:2: displya: unknown key; did you mean 'display'?");
    CHECK(error_of("[display]\nrotation = 45\n") ==
          "lafita.toml:2:12: display.rotation: expected 0, 90, 180 or 270 (degrees clockwise), got 45");
    CHECK(error_of("[display]\nrotation = \"90\"\n") == "lafita.toml:2:12: display.rotation: expected an integer, got a string");
    CHECK(error_of("[display]\nrotaton = 90\n") == "lafita.toml:2:1: display.rotaton: unknown key; did you mean 'rotation'?");
    CHECK(error_of("[theme]\nbody_scale = 3\n") == "lafita.toml:2:14: theme.body_scale: expected 0.5 to 2, got 3");
    CHECK(error_of("[theme]\njustify = \"tatweel\"\n") ==
          "lafita.toml:2:11: theme.justify: expected none|spaces|kashida, got 'tatweel'");
    CHECK(error_of("[theme]\nlogo = \"picture\"\n") == "lafita.toml:2:8: theme.logo: expected \"feed\" or \"name\", got 'picture'");
    CHECK(error_of("[locale]\nlanguage = \"arabic!\"\n") ==
          "lafita.toml:2:12: locale.language: expected a language tag like \"ar\" or \"en\", got 'arabic!'");
    CHECK(error_of("[feeds.news]\nurl = \"https://x\"\nlanguage = \"\"\n") ==
          "lafita.toml:3:12: feeds.news.language: expected a language tag like \"ar\" or \"en\", got ''");
    CHECK(error_of("[display]\nsafe_area = [1, 2]\n") ==
          "lafita.toml:2:13: display.safe_area: expected [top, right, bottom, left] in pixels, each 0 to 2000, like [0, 24, "
          "0, 24]");
    CHECK(error_of("[feeds.news]\nurl = \"ftp://x.example/feed\"\n") ==
          "lafita.toml:2:7: feeds.news.url: expected an http://, https:// or file:// URL, got 'ftp://x.example/feed'");
    CHECK(error_of("[feeds.news]\nrefresh = 60\n") == "lafita.toml:1:1: feeds.news.url: missing: every feed needs a url");
    CHECK(error_of("[feeds.news]\nurl = \"https://x\"\ntoken_file = \"/nonexistent/token\"\n") ==
          "lafita.toml:3:14: feeds.news.token_file: cannot read '/nonexistent/token': No such file or directory");
    CHECK(error_of("[feeds.news]\nurl = \"https://x\"\nrefresh = 1\n") ==
          "lafita.toml:3:11: feeds.news.refresh: expected 10 to 86400, got 1");
    CHECK(error_of("[slides]\nmin_dwell = 20\nmax_dwell = 10\n") == "lafita.toml:3:13: slides.max_dwell: shorter than slides.min_dwell");
    CHECK(error_of("[slides]\nqr = \"yes\"\n") == "lafita.toml:2:6: slides.qr: expected true or false, got a string");
    CHECK(error_of("[slides]\nqrr = true\n") == "lafita.toml:2:1: slides.qrr: unknown key; did you mean 'qr'?");
    CHECK(error_of("[slides]\ntransition = \"wipe\"\n") ==
          "lafita.toml:2:14: slides.transition: expected slide|crossfade|cut, got 'wipe'");
    CHECK(error_of("[theme]\nband = \"teal\"\n") == "lafita.toml:2:8: theme.band: expected a colour like \"#0F4C5C\", got 'teal'");
    CHECK(error_of("[theme]\ntext_fonts = []\n") == "lafita.toml:2:14: theme.text_fonts: expected a non-empty array of strings, got an array");
    CHECK(error_of("[locale]\ntime_zone = \"Mars/Olympus\"\n") ==
          "lafita.toml:2:13: locale.time_zone: no such time zone 'Mars/Olympus' (an IANA name like Asia/Riyadh)");
    CHECK(error_of("[display]\nsize = \"big\"\n") ==
          "lafita.toml:2:8: display.size: expected WIDTHxHEIGHT in pixels (160x120 to 16384x16384), got 'big'");
    CHECK(error_of("feeds = 3\n") == "lafita.toml:1:9: feeds: expected a table, got an integer");
    CHECK(error_of("[schedule]\nmonday = \"25:00-26:00\"\n") ==
          "lafita.toml:2:10: schedule.monday: expected \"HH:MM-HH:MM\" (times of day, 00:00 to 24:00) or \"off\", got "
          "'25:00-26:00'");
    CHECK(error_of("[schedule]\npower_off = [\"vcgencmd\", \"display_power\", \"0\"]\n") ==
          "lafita.toml:2:13: schedule.power_off: the program must be an absolute path (it runs without a shell), got "
          "'vcgencmd'");
    CHECK(error_of("[schedule]\npower = \"hdmi\"\n") ==
          "lafita.toml:2:9: schedule.power: expected \"cec\", \"command\" or \"blank\", got 'hdmi'");
    CHECK(error_of("[schedule]\npower = \"command\"\n") == "lafita.toml:2:9: schedule.power: \"command\" needs power_on or power_off");
    CHECK(error_of("[schedule]\npower = \"cec\"\npower_on = [\"/bin/true\"]\n") ==
          "lafita.toml:2:9: schedule.power: power_on and power_off are for power = \"command\"");
    CHECK(error_of("[schedule]\ncec_device = \"cec0\"\n") ==
          "lafita.toml:2:14: schedule.cec_device: expected a device like /dev/cec0, got 'cec0'");
    CHECK(error_of("[locale]\nhijri_adjust = 2\n") == "lafita.toml:2:16: locale.hijri_adjust: expected -1 to 1, got 2");
    CHECK(error_of("[locale]\nhijri = \"yes\"\n") == "lafita.toml:2:9: locale.hijri: expected true or false, got a string");
    CHECK(error_of("[locale]\ntrust_clock = \"never\"\n") ==
          "lafita.toml:2:15: locale.trust_clock: expected \"synchronized\" or \"always\", got 'never'");
    CHECK(error_of("[feeds]\nnews = \"https://x\"\n") ==
          "lafita.toml:2:8: feeds.news: expected a table [feeds.news] with a url, got a string");
  }

  TEST_CASE("hostile values: a NUL, a URL with a space or no host, a special file, a flood of marks") {
    CHECK(error_of("[cache]\ndirectory = \"/var/cache/lafita\\u0000/etc\"\n") ==
          "lafita.toml:2:13: cache.directory: holds a NUL character");
    CHECK(error_of("[schedule]\npower_off = [\"/usr/bin/cec-ctl\", \"--standby\\u0000\"]\n") ==
          "lafita.toml:2:34: schedule.power_off: holds a NUL character");
    CHECK(error_of("[feeds.news]\nurl = \"https://x.example/a feed\"\n") ==
          "lafita.toml:2:7: feeds.news.url: holds a space or a control character at byte 20 (write a space as %20)");
    CHECK(error_of("[feeds.news]\nurl = \"https://x.example/feed\\nHost: evil\"\n") ==
          "lafita.toml:2:7: feeds.news.url: holds a space or a control character at byte 23 (write a space as %20)");
    CHECK(error_of("[feeds.news]\nurl = \"http://:80/feed\"\n") ==
          "lafita.toml:2:7: feeds.news.url: 'http://***' is not a URL with a host");  // unreadable: only the scheme shown
    CHECK(error_of("[feeds.news]\nurl = \"file://server/share/feed.xml\"\n") ==
          "lafita.toml:2:7: feeds.news.url: not a file:// URL Lafita can read (file:///path/to/feed.xml)");
    CHECK(error_of("[feeds.news]\nurl = \"ftp://user:secret@x.example/feed\"\n") ==
          "lafita.toml:2:7: feeds.news.url: expected an http://, https:// or file:// URL, got 'ftp://***@x.example/feed'");
    CHECK(error_of("[feeds.news]\nurl = \"https://x\"\ntoken_file = \"/dev/zero\"\n") ==
          "lafita.toml:3:14: feeds.news.token_file: cannot read '/dev/zero': is a character device, not a regular file");
    CHECK(error_of("[feeds.news]\nurl = \"https://x\"\nca_file = \"/tmp\"\n") ==
          "lafita.toml:3:11: feeds.news.ca_file: cannot read '/tmp': is a directory, not a regular file");
    std::string shaddas;
    for (int i = 0; i < 70000; ++i) shaddas += "\u0651";
    CHECK(error_of("[locale]\norganization = \"\u0628" + shaddas + "\"\n") ==
          "lafita.toml:2:16: locale.organization: holds a run of 70000 combining marks on one letter (at most 30)");
  }

  TEST_CASE("a credential in a feed URL is allowed, with a warning that shows it redacted") {
    const ShowOptions options =
        parse_config("[feeds.news]\nurl = \"https://screens:hunter2@x.example/feed?lang=ar&token=abc123\"\n", "lafita.toml");
    REQUIRE(options.warnings.size() == 1);
    CHECK(options.warnings[0] ==
          "lafita.toml:2:7: feeds.news.url: warning: the URL seems to carry a credential (shown as "
          "'https://***@x.example/feed?lang=ar&token=***'); put a token in a token_file, which is sent as a bearer token "
          "and never shown");
    const auto file = write("credential.toml", "[feeds.news]\nurl = \"https://x.example/feed?api_key=abc123\"\n");
    const Run run = test::lafita({"check-config", file.string()});
    CHECK(run.code == 0);
    CHECK(run.err.find("warning: the URL seems to carry a credential (shown as 'https://x.example/feed?api_key=***')") !=
          std::string::npos);
    CHECK(run.err.find("abc123") == std::string::npos);
    // The names the waiting slide shows on screen are redacted too.
    CHECK(feed_names(options) == std::vector<std::string>{"https://***@x.example/feed?lang=ar&token=***"});
  }

  TEST_CASE("check-config reads only a regular file of at most 1 MiB") {
    CHECK(test::lafita({"check-config", "/tmp"}).err == "lafita check-config: /tmp: cannot read: is a directory, not a regular file\n");
    CHECK(test::lafita({"check-config", "/dev/zero"}).err ==
          "lafita check-config: /dev/zero: cannot read: is a character device, not a regular file\n");
    const auto big = write("big.toml", "# " + std::string(2 << 20, 'x') + "\n");
    const Run run = test::lafita({"check-config", big.string()});
    CHECK(run.code == 2);
    CHECK(run.err == "lafita check-config: " + big.string() + ": cannot read: has 2097155 bytes, more than the limit of 1048576\n");
    CHECK(test::lafita({"--config", "/tmp"}).err.find("/tmp: cannot read: is a directory, not a regular file") != std::string::npos);
  }

  TEST_CASE("check-config: exit 0 with a summary, or 2 with the error") {
    const Run good = test::lafita({"check-config", (std::filesystem::path(LAFITA_SOURCE_DIR) / "examples/lafita.toml").string()});
    CHECK(good.code == 0);
    CHECK(good.out.ends_with(": valid: 0 feeds (the built-in sample plays)\n"));
    const auto turned = write("turned.toml", "[display]\nrotation = 270\n[locale]\nlanguage = \"ar\"\ntime_zone = \"Asia/Riyadh\"\n");
    CHECK(test::lafita({"check-config", turned.string()}).out ==
          turned.string() + ": valid: 0 feeds (the built-in sample plays), turned 270 degrees, time zone Asia/Riyadh, language ar\n");
    const auto bad = write("bad.toml", "[slides]\nmax_pages = \"four\"\n");
    const Run run = test::lafita({"check-config", bad.string()});
    CHECK(run.code == 2);
    CHECK(run.err == "lafita check-config: " + bad.string() + ":2:13: slides.max_pages: expected an integer, got a string\n");
    CHECK(test::lafita({"check-config", "/nonexistent.toml"}).err ==
          "lafita check-config: /nonexistent.toml: cannot read: No such file or directory\n");
  }

  TEST_CASE("the player and snapshot start from --config; the command line overrides it") {
    const auto feed = std::filesystem::path(LAFITA_TEST_DATA_DIR) / "feeds/events.json";
    const auto config = write("snapshot.toml", "[feeds.events]\nurl = \"file://" + feed.string() +
                                                   "\"\n[display]\nsize = \"640x360\"\n");
    const auto folder = std::filesystem::temp_directory_path() / "lafita-config-test-snapshots";
    std::filesystem::remove_all(folder);
    const Run run = test::lafita({"snapshot", "--config", config.string(), "--out", folder.string(),
                                  "--time", "2023-03-15T12:00:00Z"});
    CHECK(run.code == 0);
    // events.json on 15 March 2023: evt-204 and evt-207 play; evt-205 is published on the
    // 25th and evt-206 expired on the 1st. One slide each.
    CHECK(std::distance(std::filesystem::directory_iterator(folder), {}) == 2);
    // [slides] qr = false in the file, --qr on over it; --qr takes on or off only.
    const auto qr_off = write("qr-off.toml", "[slides]\nqr = false\n");
    const CommandLine line(std::vector<std::string>{"--config", qr_off.string(), "--qr", "on"}, show_option_specs());
    CHECK_FALSE(configured_options(line).slides.qr);
    CHECK(parse_show_options(line, configured_options(line)).slides.qr);
    const Run no = test::lafita({"snapshot", "--out", folder.string(), "--qr", "no"});
    CHECK(no.code == 2);
    CHECK(no.err.find("--qr: expected on|off, got 'no'") != std::string::npos);
    const Run bad = test::lafita({"--config", write("bad2.toml", "[slides]\nmax_pages = 0\n").string()});
    CHECK(bad.code == 2);
    CHECK(bad.err.starts_with("lafita: "));
    CHECK(bad.err.find("bad2.toml:2:13: slides.max_pages: expected 1 to 50, got 0") != std::string::npos);
  }
}

}  // namespace
}  // namespace lafita::kiosk
