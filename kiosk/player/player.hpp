#pragma once

#include "feeds/feed_updater.hpp"
#include "kiosk/appliance/cec_power.hpp"
#include "kiosk/appliance/clock_trust.hpp"
#include "kiosk/appliance/service_status.hpp"
#include "kiosk/config/show_options.hpp"
#include "kiosk/player/compositor.hpp"
#include "kiosk/player/display.hpp"
#include "kiosk/player/feed_follower.hpp"
#include "kiosk/player/screen_picture.hpp"
#include "kiosk/player/slide_preparer.hpp"
#include "kiosk/player/slide_scheduler.hpp"
#include "kiosk/slides/show.hpp"

#include <SDL2/SDL.h>

#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>

namespace lafita::kiosk {

// A slide by what it shows, so that it is found again in another deck.
struct SlidePlace {
  std::string item_id;
  int page = 0;
};

// The main loop and what it owns. Everything here runs on the main thread; the slide
// preparer's worker only hands over finished decks and bands, and wakes the loop with an
// SDL event.
class Player {
 public:
  using Clock = std::chrono::steady_clock;

  // How the player is wired to the rest: the feed updater (null for the sample), the SDL
  // event types its updater and the signal watcher push (the signal's number in
  // user.code: SIGHUP reloads, SIGUSR1 fetches every feed now), and how to read the
  // configuration again on SIGHUP (throws ConfigError or UsageError when it cannot).
  struct Wiring {
    std::unique_ptr<feeds::FeedUpdater> updater;
    Uint32 feeds_event;
    Uint32 signal_event;
    std::function<ShowOptions()> reload;
    Uint32 clock_event = 0;  // the system clock was set
  };

  Player(Display display, Show show, const ShowOptions& options, std::ostream& log, Clock::time_point launched,
         Wiring wiring);

  // Plays until quit (returns nothing) or until a SIGHUP brings a valid new configuration
  // (returns it; the caller builds a new Player on the same display). An invalid one is
  // logged and the show goes on.
  std::optional<ShowOptions> run();

  // The display, for the next Player after a reload.
  Display release_display() { return std::move(display_); }
  // The feed updater (null for the sample), whose content the next Player's starts from;
  // it goes on fetching until destroyed, which gives up its transfers at once.
  std::unique_ptr<feeds::FeedUpdater> release_updater() { return std::move(updater_); }

 private:
  void wait_until(Clock::time_point deadline);
  void handle(const SDL_Event& event);
  void clock_was_set();
  void handle_signal(int signal);
  void handle_sdl(const SDL_Event& event);
  void rebuild_compositor();
  void handle_key(const SDL_KeyboardEvent& key);
  void take_prepared();
  void take_photos(const Prepared& prepared);
  void ask_for_photos();
  void show_deck(const Prepared& prepared, size_t old_slide);
  void log_alerts(const SlideDeck& deck);
  void follow_feeds();
  void reload();
  void inform_service();
  void follow_schedule();
  void switch_power(bool on);
  PlayerState state() const;
  void show_new_content_at_slide_boundary();
  void follow_clock();
  void follow_clock_trust();
  void follow_staleness();
  void draw_if_changed();
  void compose_ahead();
  void take_picture(const Frame& frame);
  void ask_for_deck();
  Clock::time_point deadline() const;
  feeds::Time header_time() const;

  Display display_;
  std::ostream& log_;
  const std::optional<feeds::Time> fixed_time_;
  const Uint32 prepared_event_;
  const Clock::time_point launched_;  // for the log's time to the first frame
  SlideScheduler scheduler_;
  std::optional<Compositor> compositor_;
  FeedFollower follower_;   // made from the Show before the preparer takes it
  SlidePreparer preparer_;  // after what its callback uses; its worker stops first
  uint64_t generation_ = 0;
  std::shared_ptr<const Bands> upcoming_bands_;  // the next minute's, made ahead
  feeds::Time minute_{};
  SDL_Point deck_size_{0, 0};
  std::optional<Frame> drawn_;  // what the screen shows; none: draw again
  std::optional<size_t> prepared_slide_;  // the settled slide whose next one is composed
  // The deck and slides whose photos were last asked for: (generation, current, next).
  std::optional<std::tuple<uint64_t, size_t, std::optional<size_t>>> photos_asked_;
  bool running_ = true;
  bool draw_failing_ = false;
  uint64_t presented_generation_ = 0;  // the newest deck on screen, for the log
  bool relaid_out_ = false;            // it shows the same items at a new size
  // Feeds: followed on the updater's thread; new content waits for the end of a slide.
  std::unique_ptr<feeds::FeedUpdater> updater_;  // null for the sample
  const Uint32 feeds_event_;
  const Uint32 signal_event_;
  const Uint32 clock_event_;
  const std::function<ShowOptions()> reload_;
  std::optional<ShowOptions> reloaded_;
  std::optional<Prepared> new_content_;
  feeds::Time last_followed_{};          // when the feeds were last followed
  std::optional<SlidePlace> resume_at_;  // the rotation's slide when alerts took the screen over
  // The outside world: systemd, the status file, the metrics.
  ServiceStatus service_;
  Clock::time_point next_watchdog_{};
  bool report_due_ = true;
  uint64_t frames_ = 0;
  ScreenPicture picture_{screen_picture_file()};
  std::optional<std::pair<uint64_t, size_t>> pictured_;  // the deck's generation and slide
  bool picture_failing_ = false;
  // The screen's on hours: off, it is blank and the loop only follows the clock.
  const OnHours on_hours_;
  bool screen_on_ = true;
  bool power_followed_ = false;      // the schedule was looked at once
  std::optional<CecPower> cec_;      // opened at its first use
  bool blank_drawn_ = false;
  size_t last_slide_ = 0;  // the scheduler's slide at the previous turn: a change is a boundary
  // Whether the clock can be believed (see ClockTrust): the header's date and time, and
  // the on hours, follow it only then.
  const ClockTrust clock_trust_;
  bool clock_synchronised_ = true;
  // After the clock was set, timesyncd says "synchronised" a moment later: looked at each
  // second until then.
  Clock::time_point recheck_trust_until_{};
};

}  // namespace lafita::kiosk
