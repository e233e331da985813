#include "kiosk/commands/fetch_command.hpp"

#include "feeds/alerts.hpp"
#include "feeds/time_parsing.hpp"
#include "kiosk/commands/program.hpp"
#include "kiosk/config/command_line.hpp"
#include "kiosk/slides/content.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <ctime>
#include <ostream>

namespace lafita::kiosk {

namespace {

constexpr const char* kFetchUsage =
    "usage: lafita fetch [--timeout SECONDS] [--max-bytes N] [--ca-file FILE] [--token-file FILE]\n"
    "                    [--time 2024-10-14T09:30:00Z] [--calendar-days N] [--alert] [--language TAG]\n"
    "                    URL|FILE\n"
    "\n"
    "Fetches one feed (http, https or file URL, or a file name; JSON Feed, RSS, Atom or\n"
    "iCalendar) once, and prints its items as the screen would get them, as JSON: text\n"
    "sanitised, HTML reduced to text, calendar events expanded from --time (default: now)\n"
    "for --calendar-days (default 31). --alert reads it as an alert feed (CAP documents,\n"
    "JSON Feed items with _lafita.alert), the <info> block of a CAP alert in --language.\n"
    "Exit status 1 and one line saying why when it cannot be fetched or read.\n";

void put_time(nlohmann::ordered_json& object, const char* key, const std::optional<feeds::Time>& time) {
  if (time) object[key] = feeds::format_iso_utc(*time);
}

nlohmann::ordered_json alert_json(const feeds::Alert& alert) {
  nlohmann::ordered_json object{{"status", alert.status},
                                {"message_type", alert.message_type},
                                {"severity", feeds::severity_name(alert.severity)}};
  if (!alert.references.empty()) object["references"] = alert.references;
  if (!alert.event.empty()) object["event"] = alert.event;
  if (!alert.instruction.empty()) object["instruction"] = alert.instruction;
  put_time(object, "sent", alert.sent);
  if (!alert.areas.empty()) object["areas"] = alert.areas;
  if (!alert.geocodes.empty()) object["geocodes"] = alert.geocodes;
  return object;
}

}  // namespace

std::string feed_json(const feeds::Feed& feed) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const feeds::Item& item : feed.items) {
    nlohmann::ordered_json object{{"id", item.id}, {"title", item.title}, {"text", item.body}};
    put_time(object, "start", item.start);
    put_time(object, "end", item.end);
    if (item.all_day) object["all_day"] = true;
    if (!item.place.empty()) object["place"] = item.place;
    object["source"] = item.source;
    if (!item.link.empty()) object["link"] = item.link;
    if (!item.image.empty()) object["image"] = item.image;
    if (!item.language.empty()) object["language"] = item.language;
    object["priority"] = item.priority;
    put_time(object, "published", item.published);
    put_time(object, "expires", item.expires);
    if (item.alert) object["alert"] = alert_json(*item.alert);
    if (!item.cap_link.empty()) object["cap_link"] = item.cap_link;
    items.push_back(std::move(object));
  }
  nlohmann::ordered_json root{{"title", feed.title}, {"language", feed.language}};
  if (!feed.logo.empty()) root["logo"] = feed.logo;
  root["items"] = std::move(items);
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

int run_fetch_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  static constexpr std::array specs{
      OptionSpec{"--timeout", true, false},    OptionSpec{"--max-bytes", true, false},
      OptionSpec{"--ca-file", true, false},    OptionSpec{"--token-file", true, false},
      OptionSpec{"--time", true, false},       OptionSpec{"--help", false, false},
      OptionSpec{"--calendar-days", true, false}, OptionSpec{"--alert", false, false},
      OptionSpec{"--language", true, false},
  };
  feeds::FeedSource source;
  feeds::Time now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  ShowOptions show;  // what parsing takes from a show's options
  try {
    const CommandLine line(args, specs);
    if (line.has("--help")) {
      out << kFetchUsage;
      return kExitOk;
    }
    if (line.positional().size() != 1) throw UsageError("expected one URL or file");
    source.request.url = line.positional().front();
    if (line.has("--timeout")) {
      const float seconds = parse_positive("--timeout", line.value("--timeout"), "seconds");
      source.request.total_timeout = std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
      source.request.connect_timeout = std::min(source.request.connect_timeout, source.request.total_timeout);
    }
    if (line.has("--max-bytes")) {
      source.request.max_bytes = static_cast<size_t>(parse_positive("--max-bytes", line.value("--max-bytes"), "bytes"));
    }
    source.request.ca_file = line.value("--ca-file");
    source.request.token_file = line.value("--token-file");
    source.alert = line.has("--alert");
    show.language = line.value("--language");
    if (line.has("--calendar-days")) {
      show.calendar_days = std::chrono::days(
          std::max(1, static_cast<int>(parse_positive("--calendar-days", line.value("--calendar-days"), "days"))));
    }
    if (line.has("--time")) {
      const auto time = feeds::parse_iso_time(line.value("--time"));
      if (!time) throw UsageError("--time: expected an RFC 3339 date-time, got '" + line.value("--time") + "'");
      now = time->time;
    }
  } catch (...) {
    return report_error("lafita fetch", "lafita fetch --help lists the options", err);
  }
  try {
    const feeds::Feed feed = load_feed(source, parse_options(show, now));
    for (const std::string& warning : feed.warnings) err << "lafita fetch: warning: " << warning << "\n";
    out << feed_json(feed);
    return kExitOk;
  } catch (const feeds::FeedError& e) {
    err << "lafita fetch: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace lafita::kiosk
