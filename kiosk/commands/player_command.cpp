#include "kiosk/commands/player_command.hpp"

#include "base/log_priority.hpp"
#include "base/regular_file.hpp"
#include "kiosk/appliance/clock_trust.hpp"
#include "kiosk/appliance/signal_watcher.hpp"
#include "kiosk/commands/program.hpp"
#include "kiosk/commands/snapshot_command.hpp"
#include "kiosk/config/config_file.hpp"
#include "kiosk/player/display_wait.hpp"
#include "kiosk/player/photo_loader.hpp"
#include "kiosk/player/display_watcher.hpp"
#include "kiosk/player/player.hpp"
#include "kiosk/slides/content.hpp"
#include "render/sdl/sdl_handles.hpp"

#include <SDL2/SDL.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace lafita::kiosk {

namespace {

constexpr const char* kPlayerUsage =
    "usage: lafita [--config FILE] [--feed URL|FILE ...] [--alert-feed URL|FILE ...] [--refresh SECONDS]\n"
    "              [--stale-after SECONDS] [--cache-dir DIR] [--calendar-days N] [--fullscreen]\n"
    "              [--size WxH] [--transition slide|crossfade|cut] [--transition-time MS]\n"
    "              [--dwell SECONDS] [--time-zone ZONE] [--numerals western|arabic-indic]\n"
    "              [--organization NAME] [--qr on|off] [--rotation 0|90|180|270] [--out DIR]\n"
    "              [--justify none|spaces|kashida] [--wait-for-display]\n"
    "       lafita layout|snapshot|fetch|check-config ...   (lafita --help)\n"
    "\n"
    "Plays the slideshow: the feeds of --config FILE (default /etc/lafita/lafita.toml when\n"
    "it exists) or of --feed (JSON Feed, RSS, Atom or iCalendar; http, https or file URLs,\n"
    "or file names), or the built-in sample without feeds; options given here override the\n"
    "file's. URL feeds are fetched every --refresh seconds (default 300) and their last\n"
    "good copy is kept in --cache-dir for the next start; new content appears at the end of\n"
    "a slide. --alert-feed adds a feed of emergency alerts (CAP, an Atom or RSS hub linking\n"
    "to CAP documents, JSON Feed items with _lafita.alert), fetched at least every minute:\n"
    "an alert in force takes the screen over at once. When every feed has failed for --stale-after seconds (default 3600) the\n"
    "header says when the content was last updated. Calendars show occurrences\n"
    "--calendar-days ahead (31). Fullscreen on a console without a desktop (or with\n"
    "--fullscreen), else a window of --size (default 1280x720); --rotation turns the picture\n"
    "clockwise for a screen mounted on its side (90: its top edge on your left). Each slide stays for its\n"
    "reading time (8 to 30 s), or --dwell SECONDS. An item with an http(s) link shows a QR\n"
    "code to it in a corner of the footer (--qr off: none). --justify justifies the body's\n"
    "lines, by spaces or with kashidas too (elongated Arabic joins). Keys: right/left next/previous slide,\n"
    "space pause, f fullscreen, q or Esc quit. Without any display, writes the slides as\n"
    "PNG files to --out DIR (default: a folder in the temporary directory) and says where;\n"
    "under systemd, or with --wait-for-display, it waits for a display instead (a TV switched\n"
    "on later) and plays as soon as one is there.\n";

using Clock = std::chrono::steady_clock;

// Where the slides go on a machine without a display.
std::filesystem::path fallback_folder(const std::string& out) {
  if (!out.empty()) return out;
  return std::filesystem::temp_directory_path() / "lafita-slides";
}

// Follows the configured feeds, starting from what `previous` (the updater of the
// configuration before a reload) has of them, else from their cached copies.
std::unique_ptr<feeds::FeedUpdater> follow(const ShowOptions& options, Uint32 feeds_event, std::ostream& log,
                                           const feeds::FeedUpdater* previous) {
  std::shared_ptr<const feeds::FeedCache> cache;
  try {
    cache = std::make_shared<const feeds::FeedCache>(cache_folder(options));
  } catch (const std::runtime_error& e) {
    log << warning_priority << "lafita: warning: " << e.what() << "; feeds are not kept for the next start\n";
  }
  const std::vector<feeds::FeedSource>& sources = options.feeds;
  const auto now = [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
  auto updater = std::make_unique<feeds::FeedUpdater>(sources, cache, parse_options(options, now()),
                                                      [feeds_event] {
                                                        SDL_Event event{};
                                                        event.type = feeds_event;
                                                        SDL_PushEvent(&event);
                                                      },
                                                      now, previous);
  if (previous) return updater;  // what it has was logged when it came
  for (const feeds::FeedState& state : updater->snapshot()->feeds) {
    if (!state.last_error.empty()) log << warning_priority << "lafita: warning: " << state.last_error << "\n";
    if (state.from_cache) log << "lafita: feed '" << state.source << "': showing the copy cached at start\n";
  }
  return updater;
}

// What the updater has now (its alerts in force, else its playlist: an alert cached before
// a restart shows at once); the "waiting" item when it has nothing.
std::vector<feeds::Item> current_items(const feeds::FeedUpdater& updater, const ShowOptions& options) {
  auto items = shown_items(updater.snapshot()->contents(),
                           std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), options.alerts,
                           ClockTrust::configured(options.trust_clock_always).synchronised());
  if (items.empty()) items.push_back(waiting_item(feed_names(options)));
  return items;
}


// What a player needs besides the display: the show, and the updater that follows the
// feeds (null for the sample). Throws for what makes a show impossible (see open_show).
struct ShowSetUp {
  std::optional<Show> show;
  std::unique_ptr<feeds::FeedUpdater> updater;
};

ShowSetUp set_up(const ShowOptions& options, Uint32 feeds_event, std::ostream& err,
                 const feeds::FeedUpdater* previous = nullptr) {
  ShowSetUp set;
  if (options.feeds.empty()) {
    set.show.emplace(open_show(options, err));
    return set;
  }
  use_time_zone(options.time_zone);
  // A feed file is part of the set-up: a wrong name stops the start with a message (at a
  // reload only its name is checked here: the main loop does not wait for a parse). URLs
  // are the network's: they are followed whatever the first fetch does.
  for (const feeds::FeedSource& feed : options.feeds) {
    if (feeds::is_remote(feed.request.url)) continue;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (!previous) {
      load_feed(feed, parse_options(options, now));
      continue;
    }
    std::string why;
    const auto file = feeds::local_file(feed.request.url, why);
    if (const auto problem = file ? not_regular_file(*file) : std::optional<std::string>(why)) {
      throw feeds::FeedError("feed '" + feeds::redact_url(feed.request.url) + "': " + *problem);
    }
  }
  set.updater = follow(options, feeds_event, err, previous);
  std::vector<std::string> warnings;
  set.show.emplace(make_show(options, current_items(*set.updater, options), warnings));
  // Decoded on the slide preparer's thread, from the copies the updater keeps.
  set.show->photos = photo_loader(err, PhotoReach::cached, set.updater->cache());
  for (const auto& warning : warnings) err << warning_priority << "lafita: warning: " << warning << "\n";
  return set;
}

// A display; none, with the reason in `why`.
std::optional<Display> open_display(const ShowOptions& options, std::string& why) {
  try {
    return Display::open(options.fullscreen, options.width, options.height);
  } catch (const std::runtime_error& e) {
    why = e.what();
    return std::nullopt;
  }
}

void choose_video_driver(const ShowOptions& options, std::ostream& err) {
  if (const auto why = choose_software_rasteriser()) err << "lafita: " << *why << "\n";
  if (!options.video_driver.empty()) {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, options.video_driver.c_str());  // SDL_VIDEODRIVER still wins
  } else if (!std::getenv("XDG_RUNTIME_DIR")) {
    // No Wayland compositor can be reached; trying prints libwayland's complaint about
    // XDG_RUNTIME_DIR before our one line (an environment variable still overrides this).
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11,kmsdrm,offscreen,dummy");
  }
}

// Without a display and nobody waiting for one (an interactive run): the slides as PNG
// files, once, with the feeds fetched now.
int write_slides_instead(ShowSetUp& set, const ShowOptions& options, const std::string& out_folder,
                         const std::string& no_display, std::ostream& err) {
  const auto folder = fallback_folder(out_folder);
  try {
    if (set.updater) {  // once, here and now
      set.updater->update();
      set.show->items = current_items(*set.updater, options);
      for (const feeds::FeedState& state : set.updater->snapshot()->feeds) {
        if (!state.last_error.empty()) err << warning_priority << "lafita: " << state.last_error << "\n";
      }
    }
    const auto files = write_snapshots(*set.show, options, folder);
    err << error_priority << "lafita: no display here (" << no_display << "); wrote the " << files.size()
        << " slides as PNG files to " << folder.string() << " instead\n";
    return kExitOk;
  } catch (const std::runtime_error& e) {
    err << error_priority << "lafita: no display here (" << no_display << "), and writing the slides to "
        << folder.string() << " failed: " << e.what() << "\n";
    return kExitFailure;
  }
}

// The SDL events the player's threads and watchers push to the main loop.
struct PlayerEvents {
  Uint32 feeds = SDL_RegisterEvents(1);    // the feed updater has new content
  Uint32 signal = SDL_RegisterEvents(1);   // SIGHUP, SIGTERM, SIGINT, SIGUSR1 (user.code)
  Uint32 display = SDL_RegisterEvents(1);  // a display came or went (udev)
  Uint32 clock = SDL_RegisterEvents(1);    // the system clock was set

  static void push(Uint32 type, int code) {
    SDL_Event event{};
    event.type = type;
    event.user.code = code;
    SDL_PushEvent(&event);
  }
};

// One run of the player, from the command line to the last frame: read the options, set
// up the show, then play until quit, waiting for a display while there is none and
// starting over with the new options at each SIGHUP.
class PlayerRun {
 public:
  PlayerRun(std::ostream& out, std::ostream& err) : out_(out), err_(err) {}

  // The options and the show; an exit code when the run ends here (--help, bad input).
  std::optional<int> start(std::span<const std::string> args) {
    try {
      line_.emplace(args, show_option_specs());
      if (line_->has("--help")) {
        out_ << kPlayerUsage;
        return kExitOk;
      }
      if (!line_->positional().empty()) throw UsageError("unexpected argument '" + line_->positional().front() + "'");
      options_ = parse_show_options(*line_, configured_options(*line_));
      log_warnings();
      set_ = set_up(options_, events_.feeds, err_);
      return std::nullopt;
    } catch (...) {
      return report_error("lafita", "lafita --options lists the options", err_);
    }
  }

  // Plays on a display, or writes the slides as PNG files when there is none and nobody
  // waits for one. A service (systemd's notify socket) or whoever asks waits for a display
  // that is not there yet: a TV switched on after the board boots.
  int play(std::chrono::steady_clock::time_point launched) {
    launched_ = launched;
    const bool wait = line_->has("--wait-for-display") || std::getenv("NOTIFY_SOCKET") != nullptr;
    choose_video_driver(options_, err_);
    const DisplayWatcher display_watcher([this] { PlayerEvents::push(events_.display, 0); });
    const ClockJumpWatcher clock_watcher([this] { PlayerEvents::push(events_.clock, 0); });
    std::string no_display;
    display_ = open_display(options_, no_display);
    if (!display_ && !wait) return write_slides_instead(set_, options_, line_->value("--out"), no_display, err_);
    play_until_quit(no_display);
    return kExitOk;
  }

  const PlayerEvents& events() const { return events_; }

 private:
  // Plays; a SIGHUP with a valid configuration ends a player, and the next one starts on
  // the same display with the new options (the window and its size stay as they are) and
  // the old one's feed content. Nothing here waits for the network: the old updater's
  // transfers are given up when it goes.
  void play_until_quit(const std::string& no_display) {
    for (;;) {
      std::optional<ShowOptions> next;
      std::unique_ptr<feeds::FeedUpdater> previous;
      if (!display_) {
        DisplayWaitEnd waited = wait_for_display(options_, wiring(), no_display, err_, launched_);
        if (!waited.display && !waited.reloaded) return;
        display_ = std::move(waited.display);
        next = std::move(waited.reloaded);
        previous = std::move(set_.updater);
      } else {
        next = play_on_display(previous);
        if (!next) return;
      }
      if (next) {
        reload(std::move(*next), std::move(previous));
      } else {
        play_on_with(std::move(previous));
      }
    }
  }

  // Plays the show on the display until quit (nothing) or a reload (the new options);
  // `previous` gets the feed updater back.
  std::optional<ShowOptions> play_on_display(std::unique_ptr<feeds::FeedUpdater>& previous) {
    err_ << "lafita: showing " << set_.show->items.size() << " items on " << display_->description << "\n" << std::flush;
    Player player(std::move(*display_), std::move(*set_.show), options_, err_, launched_,
                  Player::Wiring{std::move(set_.updater), events_.feeds, events_.signal, reader(), events_.clock});
    std::optional<ShowOptions> next = player.run();
    display_.emplace(player.release_display());
    previous = player.release_updater();
    return next;
  }

  // A display came while waiting: the same set-up plays on it, with what came meanwhile.
  void play_on_with(std::unique_ptr<feeds::FeedUpdater> previous) {
    set_.updater = std::move(previous);
    if (set_.updater) set_.show->items = current_items(*set_.updater, options_);
  }

  // SIGHUP with a valid configuration: the show is set up again, keeping the feeds'
  // content; a feed file gone since the check keeps what runs.
  void reload(ShowOptions next, std::unique_ptr<feeds::FeedUpdater> previous) {
    try {
      set_ = set_up(next, events_.feeds, err_, previous.get());
      options_ = std::move(next);
      log_warnings();
      err_ << "lafita: configuration reloaded\n";
    } catch (const std::exception& e) {
      err_ << error_priority << "lafita: reload: " << e.what() << "; the running configuration stays\n";
      set_ = set_up(options_, events_.feeds, err_, previous.get());
    }
  }

  std::function<ShowOptions()> reader() const {
    return [this] { return parse_show_options(*line_, configured_options(*line_)); };
  }

  DisplayWaitWiring wiring() {
    return {set_.updater.get(), events_.feeds, events_.signal, events_.display, reader(),
            [this](std::string& why) { return open_display(options_, why); }};
  }

  void log_warnings() {
    for (const std::string& warning : options_.warnings) err_ << warning_priority << "lafita: " << warning << "\n";
  }

  std::ostream& out_;
  std::ostream& err_;
  const PlayerEvents events_;
  std::optional<CommandLine> line_;
  ShowOptions options_;
  ShowSetUp set_;
  std::optional<Display> display_;  // the player's while it plays
  Clock::time_point launched_;
};

}  // namespace

int run_player(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const auto launched = Clock::now();
#if defined(__GLIBC__)
  // Photos pass through in buffers of megabytes (decoded, scaled, composed) that live for
  // moments. glibc raises its mmap threshold to the size of each such buffer freed, so the
  // next ones come from the arenas, which keep the memory: 16 MB more at the peak with 8
  // photos (bench/player-resources). A fixed threshold gives them back to the system.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
  // SDL's events for the whole run (signals, feeds, the display watcher come as events);
  // SDL_Init(SDL_INIT_EVENTS) starts no thread. Every display goes before SDL does.
  const render::SdlSession sdl(SDL_INIT_EVENTS);
  PlayerRun run(out, err);
  // Before any thread starts, so that every thread inherits SIGHUP and SIGUSR1 blocked;
  // after SDL, so that it stops pushing events before SDL_Quit.
  const SignalWatcher signals([&run](int signal) { PlayerEvents::push(run.events().signal, signal); });
  if (const auto exit_code = run.start(args)) return *exit_code;
  return run.play(launched);
}

}  // namespace lafita::kiosk
