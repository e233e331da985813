#include "kiosk/player/player.hpp"

#include "base/log_priority.hpp"
#include "feeds/alerts.hpp"
#include "kiosk/appliance/on_hours.hpp"
#include "kiosk/slides/content.hpp"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace lafita::kiosk {

namespace {


// The slide of `deck` that shows what slide `index` of `old` shows: the same item at the
// same page, or that item's last page when it has fewer now; slide 0 when the item is gone.
// The slide of `deck` showing `place`'s item at its page, or the item's last page before
// it; the first slide when the item is gone.
size_t matching_slide(const SlidePlace& place, const SlideDeck& deck) {
  size_t found = 0;
  bool any = false;
  for (size_t i = 0; i < deck.slides.size(); ++i) {
    if (deck.items[deck.slides[i].item].id != place.item_id) continue;
    if (!any || deck.slides[i].page <= place.page) found = i;
    any = true;
  }
  return found;
}

std::optional<SlidePlace> place_of(const SlideDeck* deck, size_t index) {
  if (!deck || index >= deck->slides.size()) return std::nullopt;
  const Slide& slide = deck->slides[index];
  return SlidePlace{deck->items[slide.item].id, slide.page};
}

bool is_alert_deck(const SlideDeck* deck) { return deck && !deck->items.empty() && deck->items.front().alert; }

std::vector<SlideTiming> timings(const SlideDeck& deck) {
  std::vector<SlideTiming> result;
  for (const Slide& slide : deck.slides) result.push_back({slide.dwell, slide.direction});
  return result;
}

}  // namespace


Player::Player(Display display, Show show, const ShowOptions& options, std::ostream& log, Clock::time_point launched,
               Wiring wiring)
    : display_(std::move(display)),
      log_(log),
      fixed_time_(options.time),
      prepared_event_(SDL_RegisterEvents(1)),
      launched_(launched),
      scheduler_([&] {
        SchedulerSettings settings = options.schedule;
        // SDL's software renderer blends a full-screen fade at 9 times the cost of a copy
        // (lafita_player_bench): too slow for the refresh rate on a small board. A slide
        // costs less than two copies.
        if (!display_.accelerated && settings.transition == Transition::crossfade) {
          log_ << "lafita: the software renderer cannot fade smoothly; slides slide in instead\n";
          settings.transition = Transition::slide;
        }
        // With vsync, presenting a frame waits for the display: the loop needs no timer.
        settings.frame_interval = display_.vsync ? std::chrono::milliseconds(0) : display_.frame_interval;
        return settings;
      }()),
      compositor_(std::in_place, display_.renderer.get(), Placement{options.safe_area, options.rotation}),
      follower_(feed_names(options), options.stale_after, show.items, options.alerts),
      preparer_(std::move(show), [type = prepared_event_] {
        SDL_Event event{};
        event.type = type;
        SDL_PushEvent(&event);
      }),
      updater_(std::move(wiring.updater)),
      feeds_event_(wiring.feeds_event),
      signal_event_(wiring.signal_event),
      clock_event_(wiring.clock_event),
      reload_(std::move(wiring.reload)),
      service_(status_file(options), options.metrics_file, log),
      on_hours_(options.on_hours),
      clock_trust_(ClockTrust::configured(options.trust_clock_always)) {}

// The recipe: wait for the next deadline or event, take what the preparer finished, follow
// the clock, advance the schedule, draw if something changed.
std::optional<ShowOptions> Player::run() {
  minute_ = minute_of(header_time());
  follow_clock_trust();
  ask_for_deck();
  follow_schedule();  // the first look switches the TV on (CEC takes seconds: the deck is made meanwhile)
  if (updater_) updater_->start();
  while (running_) {
    wait_until(deadline());
    take_prepared();
    if (Clock::now() < recheck_trust_until_) follow_clock_trust();
    follow_clock();
    follow_staleness();
    scheduler_.update(Clock::now());
    show_new_content_at_slide_boundary();
    ask_for_photos();
    draw_if_changed();
    compose_ahead();
    inform_service();
  }
  return std::move(reloaded_);
}

// Outside the on hours the screen goes blank and the power-off command runs; when they
// begin, the power-on command runs and the slides come back where they were.
void Player::follow_schedule() {
  // A clock not synchronised yet may be days off: it neither blanks the screen nor sends
  // the TV to standby.
  const bool on = !clock_synchronised_ || screen_on(on_hours_, header_time());
  if (power_followed_ && on == screen_on_) return;
  power_followed_ = true;  // the first look also switches the TV on, inside the hours
  if (on != screen_on_) {
    screen_on_ = on;
    drawn_.reset();
    // No transitions to animate while nobody can see them.
    if (scheduler_.paused() == on) scheduler_.toggle_pause(Clock::now());
    log_ << "lafita: screen " << (on ? "on" : "off") << " (schedule)\n" << std::flush;
  }
  switch_power(on);
}

// The TV on or off as configured: over HDMI-CEC, by a command, or not at all (blank).
void Player::switch_power(bool on) {
  // The loop is alive here; a CEC exchange may take seconds with a TV that does not answer.
  if (service_.watchdog_interval() && on_hours_.power != OnHours::Power::blank) {
    service_.watchdog();
    next_watchdog_ = Clock::now() + *service_.watchdog_interval();
  }
  switch_screen_power(on_hours_, on, cec_, log_);
}

// The watchdog at every turn it is due (a hung loop misses it and systemd restarts the
// player); STATUS and the files when the slide, the feeds or the minute changed.
void Player::inform_service() {
  const auto now = Clock::now();
  if (service_.watchdog_interval() && now >= next_watchdog_) {
    service_.watchdog();
    next_watchdog_ = now + *service_.watchdog_interval();
  }
  if (!report_due_ || presented_generation_ == 0) return;
  report_due_ = false;
  service_.report(state(), header_time());
}

PlayerState Player::state() const {
  PlayerState state;
  state.slide = scheduler_.current();
  state.slides = scheduler_.size();
  if (const SlideDeck* deck = compositor_->deck(); deck && state.slide < deck->slides.size()) {
    const feeds::Item& item = deck->items[deck->slides[state.slide].item];
    state.item_id = item.id;
    state.title = item.title;
    state.items = deck->items.size();
    if (item.alert) {
      state.alert = PlayerState::Alert{item.id, item.title, std::string(feeds::severity_name(item.alert->severity))};
      state.alerts = deck->items.size();
    }
  }
  state.uptime = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - launched_);
  state.frames = frames_;
  state.glyphs = compositor_->scenes().atlas().largest_glyph_count();
  state.atlas_bytes = compositor_->scenes().atlas().largest_texture_bytes();
  if (updater_) state.feeds = updater_->snapshot();
  state.last_updated_badge = follower_.badge();
  state.display = display_.description;
  state.clock_synchronised = clock_synchronised_;
  if (picture_.taken()) state.picture = {picture_.file(), *picture_.taken()};
  return state;
}

// SIGHUP: a valid configuration ends this player (the caller starts the next one on the
// same display); an invalid one is reported and changes nothing.
void Player::reload() {
  try {
    reloaded_ = reload_();
    running_ = false;
  } catch (const std::exception& e) {  // ConfigError, UsageError, FeedError: all say what and where
    log_ << error_priority << "lafita: reload: " << e.what() << "; the running configuration stays\n" << std::flush;
  }
}

Player::Clock::time_point Player::deadline() const {
  const auto now = Clock::now();
  const auto watchdog = service_.watchdog_interval() ? next_watchdog_ : Clock::time_point::max();
  if (!compositor_->has_deck()) return std::min(watchdog, now + std::chrono::hours(1));  // the preparer wakes us
  auto deadline = std::min(watchdog, scheduler_.next_deadline(now));
  if (now < recheck_trust_until_) deadline = std::min(deadline, now + std::chrono::seconds(1));
  if (!fixed_time_) {
    const auto wall = std::chrono::system_clock::now();
    const auto next_minute = std::chrono::ceil<std::chrono::minutes>(wall + std::chrono::milliseconds(1));
    deadline = std::min(deadline, now + std::chrono::ceil<Clock::duration>(next_minute - wall));
    // The "last updated" badge, and an alert's start and end, on time, not at the next minute.
    if (const auto due = updater_ ? follower_.due(*updater_->snapshot(), header_time()) : std::nullopt) {
      deadline = std::min(deadline, now + std::max<Clock::duration>(std::chrono::ceil<Clock::duration>(*due - wall), {}) +
                                        std::chrono::milliseconds(1));
    }
  }
  return deadline;
}

void Player::wait_until(Clock::time_point deadline) {
  const auto now = Clock::now();
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  SDL_Event event;
  bool got = wait <= 0 ? SDL_PollEvent(&event) != 0
                       : SDL_WaitEventTimeout(&event, static_cast<int>(std::min<int64_t>(wait, 3'600'000))) != 0;
  while (got) {
    handle(event);
    got = SDL_PollEvent(&event) != 0;
  }
}

void Player::handle(const SDL_Event& event) {
  if (event.type == prepared_event_) return;  // taken after the events
  if (event.type == feeds_event_) {
    follow_feeds();
    follow_clock_trust();  // fetches work once the network is up, when NTP answers too
  } else if (event.type == clock_event_) {
    clock_was_set();
  } else if (event.type == signal_event_) {
    handle_signal(event.user.code);
  } else {
    handle_sdl(event);
  }
}

// Set by NTP or by hand: everything that follows the clock, now.
void Player::clock_was_set() {
  log_ << "lafita: the system clock was set\n" << std::flush;
  recheck_trust_until_ = Clock::now() + std::chrono::seconds(30);
  minute_ = {};
  follow_clock();
  if (updater_) updater_->refresh_now();  // a fetch that failed with a wrong clock ("certificate not yet valid")
}

void Player::handle_signal(int signal) {
  if (signal == SIGHUP) {
    reload();
    return;
  }
  follow_clock_trust();  // SIGUSR1: "look again now", the clock's state too
  if (updater_) {
    log_ << "lafita: fetching every feed now (SIGUSR1)\n" << std::flush;
    updater_->refresh_now();
  }
}

void Player::handle_sdl(const SDL_Event& event) {
  switch (event.type) {
    case SDL_QUIT:  // also SIGINT and SIGTERM, through SDL's handlers
      running_ = false;
      break;
    case SDL_KEYDOWN:
      handle_key(event.key);
      break;
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) ask_for_deck();
      if (event.window.event == SDL_WINDOWEVENT_EXPOSED) drawn_.reset();
      break;
    case SDL_DISPLAYEVENT:  // a rotated or replaced monitor
      ask_for_deck();
      break;
    case SDL_RENDER_TARGETS_RESET:
      compositor_->fit(display_.output_size());
      compositor_->forget_textures();
      drawn_.reset();
      prepared_slide_.reset();
      break;
    case SDL_RENDER_DEVICE_RESET:
      rebuild_compositor();
      break;
    default:
      break;
  }
}

// Every texture is gone, the glyph atlas's too: a new compositor shows what the old one did.
void Player::rebuild_compositor() {
  auto deck = compositor_->deck_ptr();
  auto bands = compositor_->bands();
  const Placement placement = compositor_->placement();
  compositor_.emplace(display_.renderer.get(), placement);
  compositor_->fit(display_.output_size());
  if (deck) compositor_->show(deck);
  if (bands) compositor_->show(bands);
  drawn_.reset();
  prepared_slide_.reset();
  photos_asked_.reset();  // the old compositor's photos went with it
}

void Player::handle_key(const SDL_KeyboardEvent& key) {
  const auto now = Clock::now();
  switch (key.keysym.sym) {
    case SDLK_RIGHT:
      scheduler_.next(now);
      break;
    case SDLK_LEFT:
      scheduler_.previous(now);
      break;
    case SDLK_SPACE:
      if (key.repeat) break;
      scheduler_.toggle_pause(now);
      log_ << "lafita: " << (scheduler_.paused() ? "paused" : "playing") << "\n" << std::flush;
      break;
    case SDLK_f:
      if (!key.repeat) display_.set_fullscreen(!display_.fullscreen());
      break;
    case SDLK_q:
    case SDLK_ESCAPE:
      running_ = false;
      break;
    default:
      break;
  }
}

void Player::ask_for_deck() {
  const SDL_Point size = compositor_->fit(display_.output_size());
  if (size.x <= 0 || size.y <= 0 || (size.x == deck_size_.x && size.y == deck_size_.y)) return;
  deck_size_ = size;
  preparer_.prepare_deck(size.x, size.y, minute_);
}

// Decks replace the shown one at the same item; decks of new content wait for the end of
// the slide on screen (unless nothing turns); bands of the shown deck replace the shown
// bands when their minute has come.
void Player::take_prepared() {
  for (Prepared& prepared : preparer_.take()) {
    if (!prepared.error.empty()) log_ << "lafita: " << prepared.error << "\n" << std::flush;
    take_photos(prepared);
    if (prepared.deck && prepared.new_content && !prepared.urgent && compositor_->has_deck() && scheduler_.size() > 1) {
      new_content_ = std::move(prepared);
      continue;
    }
    if (prepared.deck) {
      new_content_.reset();  // a newer deck: it has the new content too
      show_deck(prepared, scheduler_.current());
    }
    if (!prepared.bands || prepared.generation != generation_) continue;
    if (prepared.deck) {  // show_deck showed its bands
      drawn_.reset();
      continue;
    }
    if (prepared.bands->minute == minute_) {
      compositor_->show(prepared.bands);
    } else if (prepared.bands->minute > minute_) {
      upcoming_bands_ = prepared.bands;
      continue;
    }
    drawn_.reset();
  }
}

// Photos of the deck on screen go to the compositor, which keeps those of the current and
// next slides; a slide it composed without its photo is drawn again with it.
void Player::take_photos(const Prepared& prepared) {
  if (prepared.photos.empty() || prepared.generation != generation_) return;
  bool again = false;
  for (const auto& [slide, photo] : prepared.photos) again |= compositor_->add_photo(slide, photo);
  if (!again) return;
  drawn_.reset();
  prepared_slide_.reset();  // the next slide is composed again ahead of its transition
}

// Decks hold no photos' pixels: when a deck is shown and whenever the slide on screen or
// the one coming changes, the preparer is asked for the photos of these two that the
// compositor lacks, so the next slide's photo is there long before its transition.
void Player::ask_for_photos() {
  if (!compositor_->has_deck() || scheduler_.size() == 0) return;
  const size_t current = scheduler_.current();
  std::optional<size_t> next = scheduler_.frame(Clock::now()).next;
  if (!next && scheduler_.size() > 1) next = (current + 1) % scheduler_.size();
  const auto asked = std::tuple{generation_, current, next};
  if (photos_asked_ == asked) return;
  photos_asked_ = asked;
  compositor_->want_photos(current, next);
  if (std::vector<size_t> missing = compositor_->missing_photos(); !missing.empty()) {
    preparer_.prepare_photos(generation_, std::move(missing));
  }
}

// Shows a new deck at the slide matching `old_slide` of the deck on screen.
void Player::show_deck(const Prepared& prepared, size_t old_slide) {
  const SlideDeck* old = compositor_->deck();
  std::optional<SlidePlace> place = place_of(old, old_slide);
  const bool alerts = is_alert_deck(prepared.deck.get());
  if (alerts && !is_alert_deck(old)) {
    resume_at_ = place;  // where the rotation goes on when the last alert ends
  } else if (!alerts && is_alert_deck(old)) {
    place = std::exchange(resume_at_, std::nullopt);
  }
  const size_t start = place ? matching_slide(*place, *prepared.deck) : 0;
  if (prepared.new_content) log_ << "lafita: new content: " << prepared.deck->items.size() << " items\n" << std::flush;
  if (alerts && (prepared.new_content || !old)) log_alerts(*prepared.deck);
  relaid_out_ = !prepared.new_content;
  generation_ = prepared.generation;
  compositor_->show(prepared.deck);
  scheduler_.set_slides(timings(*prepared.deck), Clock::now(), start);
  upcoming_bands_.reset();
  prepared_slide_.reset();
  drawn_.reset();
  if (prepared.bands) compositor_->show(prepared.bands);
  if (prepared.bands && prepared.bands->minute != minute_) preparer_.prepare_bands(minute_);
  if (!fixed_time_) preparer_.prepare_bands(minute_ + std::chrono::minutes(1));
}

// Each alert of an alert deck, for the journal: what took the screen over.
void Player::log_alerts(const SlideDeck& deck) {
  for (const feeds::Item& item : deck.items) {
    log_ << warning_priority << "lafita: alert on screen: " << feeds::severity_name(item.alert->severity) << " '" << item.title << "' ("
         << item.id << ")\n" << std::flush;  // both sanitised at the feed's boundary
  }
}

// When the slide on screen has had its time (a transition to the next begins, or a cut
// has just moved on), new content takes over at the slide the old deck was moving to: the
// same item and page if it is still there. A cut, not a transition into a deck whose
// slides are not composed yet.
void Player::show_new_content_at_slide_boundary() {
  const size_t current = scheduler_.current();
  const std::optional<size_t> next = scheduler_.frame(Clock::now()).next;
  const SlideDeck* shown = compositor_->deck();
  const bool waiting = shown && shown->items.size() == 1 && shown->items.front().id == kWaitingItemId;
  const bool boundary = next.has_value() || current != last_slide_ || waiting;
  last_slide_ = current;
  if (!new_content_ || !boundary) return;
  const Prepared prepared = std::move(*new_content_);
  new_content_.reset();
  show_deck(prepared, next.value_or(current));
  last_slide_ = scheduler_.current();
}

// What the feeds say now: new or expired items become a new deck, feeds failing for longer
// than --stale-after put a "last updated" badge on the header, new errors are logged once.
void Player::follow_feeds() {
  if (!updater_) return;
  report_due_ = true;
  last_followed_ = header_time();
  FeedFollower::Changes changes = follower_.follow(*updater_->snapshot(), last_followed_);
  for (const std::string& line : changes.log) log_ << warning_priority << "lafita: " << line << "\n" << std::flush;
  if (changes.playlist) preparer_.prepare_content(std::move(*changes.playlist), minute_, changes.urgent);
  if (changes.badge) {
    preparer_.set_last_updated(*changes.badge);
    preparer_.prepare_bands(minute_);
    if (!fixed_time_) preparer_.prepare_bands(minute_ + std::chrono::minutes(1));
  }
}

// The "last updated" badge, or an alert beginning or ending, when it is due, though no
// feed has reported since.
void Player::follow_staleness() {
  if (!updater_ || fixed_time_) return;
  const auto due = follower_.due(*updater_->snapshot(), last_followed_);
  if (due && *due <= header_time()) follow_feeds();
}

// A new minute shows the bands made for it ahead, and asks for the next minute's.
void Player::follow_clock() {
  const feeds::Time minute = minute_of(header_time());
  if (minute == minute_) return;
  minute_ = minute;
  follow_clock_trust();
  follow_schedule();
  report_due_ = true;  // the uptime, and the files' freshness
  follow_feeds();      // items expire, feeds go stale
  if (upcoming_bands_ && upcoming_bands_->minute == minute) {
    compositor_->show(upcoming_bands_);
    drawn_.reset();
  } else {
    preparer_.prepare_bands(minute);
  }
  upcoming_bands_.reset();
  preparer_.prepare_bands(minute + std::chrono::minutes(1));
}

// The header shows the date and time only while the clock can be believed.
void Player::follow_clock_trust() {
  const bool synchronised = fixed_time_ || clock_trust_.synchronised();
  if (synchronised == clock_synchronised_) return;
  clock_synchronised_ = synchronised;
  preparer_.set_clock(synchronised);
  upcoming_bands_.reset();  // made with the other choice; so may be one under way, replaced by these
  preparer_.prepare_bands(minute_);
  if (!fixed_time_) preparer_.prepare_bands(minute_ + std::chrono::minutes(1));
  report_due_ = true;
  log_ << (synchronised ? "lafita: the system clock is synchronised; the header shows the date and time\n"
                        : "lafita: the system clock is not synchronised yet; the header shows no date or time\n")
       << std::flush;
  if (power_followed_) follow_schedule();
  follower_.set_clock_trusted(synchronised);  // alerts' times are judged by it
  follow_feeds();
}

// A settled slide that is new on screen: its picture for the admin (screen.png).
void Player::take_picture(const Frame& frame) {
  if (picture_.file().empty() || frame.next || (pictured_ == std::pair{generation_, frame.current})) return;
  pictured_ = {generation_, frame.current};
  const std::string error = picture_.take(display_.renderer.get(), header_time());
  if (!error.empty() && !picture_failing_) log_ << warning_priority << "lafita: screen picture: " << error << "\n" << std::flush;
  picture_failing_ = !error.empty();
  report_due_ = true;
}

feeds::Time Player::header_time() const {
  return fixed_time_.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

void Player::draw_if_changed() {
  if (!screen_on_) {
    if (blank_drawn_) return;
    SDL_SetRenderDrawColor(display_.renderer.get(), 0, 0, 0, 255);
    SDL_RenderClear(display_.renderer.get());
    pictured_.reset();
    take_picture(Frame{});  // black, as the screen is
    pictured_.reset();      // the slide's picture again when the hours begin
    SDL_RenderPresent(display_.renderer.get());
    blank_drawn_ = true;
    service_.ready();  // started in off hours: up all the same
    return;
  }
  blank_drawn_ = false;
  if (!compositor_->has_deck()) return;
  const Frame frame = scheduler_.frame(Clock::now());
  if (drawn_ == frame) return;
  if (!compositor_->draw(frame)) {
    if (!draw_failing_) log_ << error_priority << "lafita: SDL: drawing failed: " << SDL_GetError() << "\n" << std::flush;
    draw_failing_ = true;
    drawn_ = frame;  // not again until something changes
    return;
  }
  take_picture(frame);
  SDL_RenderPresent(display_.renderer.get());
  // On kmsdrm with Mesa's software rasteriser the first buffer presented stays black (a
  // bare SDL program shows the same): the first frame goes out twice.
  if (frames_ == 0 && compositor_->draw(frame)) SDL_RenderPresent(display_.renderer.get());
  ++frames_;
  if (!drawn_ || drawn_->current != frame.current) report_due_ = true;
  if (presented_generation_ != generation_) {
    service_.ready();  // the first slide is on screen (later decks: no effect)
    report_due_ = true;
    const SlideDeck& deck = *compositor_->deck();
    if (presented_generation_ == 0) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - launched_).count();
      log_ << "lafita: first frame after " << ms << " ms (" << display_.description << ")\n";
    } else if (relaid_out_) {
      log_ << "lafita: " << deck.slides.size() << " slides laid out again for " << deck.width << "x" << deck.height << "\n";
    }
    log_ << std::flush;
    presented_generation_ = generation_;
  }
  draw_failing_ = false;
  drawn_ = frame;
}

// A settled slide on screen: the one coming next is composed now, so that its transition
// only copies; when it has a photo, once the photo has come (tried again each round until
// then; a transition that comes first composes it without).
void Player::compose_ahead() {
  if (!screen_on_ || !drawn_ || drawn_->next || prepared_slide_ == drawn_->current || scheduler_.size() < 2) return;
  if (compositor_->prepare(drawn_->current, (drawn_->current + 1) % scheduler_.size())) prepared_slide_ = drawn_->current;
}

}  // namespace lafita::kiosk
