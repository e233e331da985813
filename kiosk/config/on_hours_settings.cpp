#include "kiosk/config/on_hours_settings.hpp"

namespace lafita::kiosk {

namespace {

std::optional<int> minute_of_day(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0'), minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return std::nullopt;
  return hour * 60 + minute;
}

}  // namespace

std::optional<OnHours::Hours> parse_hours(const std::string& text, std::string& why) {
  const size_t dash = text.find('-');
  const auto from = dash == std::string::npos ? std::nullopt : minute_of_day(text.substr(0, dash));
  const auto to = dash == std::string::npos ? std::nullopt : minute_of_day(text.substr(dash + 1));
  if (!from || !to) {
    why = "expected \"HH:MM-HH:MM\" (times of day, 00:00 to 24:00) or \"off\", got '" + text + "'";
    return std::nullopt;
  }
  if (*from >= *to) {
    why = "the screen goes off before it comes on in '" + text + "'";
    return std::nullopt;
  }
  return OnHours::Hours{*from, *to};
}

}  // namespace lafita::kiosk
