// The screen's on hours: parsing, which minutes are on, and running a power command.
#include "kiosk/appliance/on_hours.hpp"
#include "kiosk/config/show_options.hpp"

#include <doctest/doctest.h>

#include <filesystem>

namespace lafita::kiosk {
namespace {

feeds::Time utc(int day, int hour, int minute) {  // March 2023: the 13th is a Monday
  return std::chrono::sys_days(std::chrono::year(2023) / std::chrono::March / std::chrono::day(static_cast<unsigned>(day))) +
         std::chrono::hours(hour) + std::chrono::minutes(minute);
}

TEST_SUITE("schedule") {
  TEST_CASE("hours are HH:MM-HH:MM between 00:00 and 24:00, the first before the second") {
    std::string why;
    const auto hours = parse_hours("07:30-19:00", why);
    REQUIRE(hours);
    CHECK(hours->from == 450);
    CHECK(hours->to == 1140);
    CHECK(parse_hours("00:00-24:00", why));
    CHECK_FALSE(parse_hours("25:00-26:00", why));
    CHECK(why == "expected \"HH:MM-HH:MM\" (times of day, 00:00 to 24:00) or \"off\", got '25:00-26:00'");
    CHECK_FALSE(parse_hours("19:00-07:30", why));
    CHECK(why == "the screen goes off before it comes on in '19:00-07:30'");
    CHECK_FALSE(parse_hours("7-19", why));
    CHECK_FALSE(parse_hours("07:60-08:00", why));
  }

  TEST_CASE("on inside a day's hours, off outside them and on days that are off, on all day otherwise") {
    use_time_zone("UTC");
    OnHours schedule;
    std::string why;
    schedule.hours[0] = parse_hours("07:30-19:00", why);  // Monday
    schedule.off_all_day[1] = true;                        // Tuesday
    CHECK_FALSE(screen_on(schedule, utc(13, 7, 29)));
    CHECK(screen_on(schedule, utc(13, 7, 30)));
    CHECK(screen_on(schedule, utc(13, 18, 59)));
    CHECK_FALSE(screen_on(schedule, utc(13, 19, 0)));
    CHECK_FALSE(screen_on(schedule, utc(14, 12, 0)));
    CHECK(screen_on(schedule, utc(15, 3, 0)));  // Wednesday: no hours given
    CHECK(screen_on(OnHours{}, utc(14, 12, 0)));
  }

  TEST_CASE("the day and hour are the screen's time zone's") {
    use_time_zone("Asia/Riyadh");  // UTC+3: Monday 05:00 UTC is 08:00 there
    OnHours schedule;
    std::string why;
    schedule.hours[0] = parse_hours("07:30-19:00", why);
    CHECK(screen_on(schedule, utc(13, 5, 0)));
    CHECK_FALSE(screen_on(schedule, utc(13, 4, 0)));
    use_time_zone("UTC");
  }

  TEST_CASE("a power command runs directly, and a hung one is killed") {
    CHECK(run_command({"/usr/bin/true"}, std::chrono::seconds(5)) == "'/usr/bin/true' exited with status 0");
    CHECK(run_command({"/usr/bin/false"}, std::chrono::seconds(5)) == "'/usr/bin/false' exited with status 1");
    CHECK(run_command({"/nonexistent/vcgencmd", "display_power", "0"}, std::chrono::seconds(5)) ==
          "'/nonexistent/vcgencmd' could not start: No such file or directory");
    CHECK(run_command({"/usr/bin/sleep", "30"}, std::chrono::milliseconds(100)) ==
          "'/usr/bin/sleep' did not end within 100 ms and was killed");
    // No shell: ";" is an argument, not a second command.
    const auto marker = std::filesystem::temp_directory_path() / "lafita-schedule-test-no-shell";
    std::filesystem::remove(marker);
    CHECK(run_command({"/usr/bin/echo", ";", "/usr/bin/touch", marker.string()}, std::chrono::seconds(5)) ==
          "'/usr/bin/echo' exited with status 0");
    CHECK_FALSE(std::filesystem::exists(marker));
  }
}

}  // namespace
}  // namespace lafita::kiosk
