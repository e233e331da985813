// merge_feeds: what plays, once, in which order.
#include "feeds/playlist.hpp"

#include <doctest/doctest.h>

namespace lafita::feeds {
namespace {

Time day(int d, int h = 0) {
  return std::chrono::sys_days(std::chrono::year(2023) / std::chrono::March / std::chrono::day(static_cast<unsigned>(d))) +
         std::chrono::hours(h);
}

Item item(std::string id, int priority = 0) {
  Item made;
  made.id = std::move(id);
  made.title = made.id;
  made.priority = priority;
  return made;
}

std::vector<std::string> ids(const std::vector<Item>& items) {
  std::vector<std::string> result;
  for (const Item& i : items) result.push_back(i.id);
  return result;
}

TEST_SUITE("playlist") {
  TEST_CASE("expired items and items not published yet are left out") {
    Feed feed;
    feed.items = {item("expired"), item("expires-later"), item("future"), item("published"), item("expires-now")};
    feed.items[0].expires = day(10);
    feed.items[1].expires = day(20);
    feed.items[2].published = day(16);
    feed.items[3].published = day(14);
    feed.items[4].expires = day(15);
    CHECK(ids(merge_feeds({&feed}, day(15))) == std::vector<std::string>{"published", "expires-later"});
    CHECK(ids(merge_feeds({&feed}, day(17))) == std::vector<std::string>{"future", "published", "expires-later"});
  }

  TEST_CASE("the same id or the same link appears once, as the first feed gives it") {
    Feed first, second;
    first.items = {item("a"), item("b")};
    first.items[1].link = "https://x.example/b";
    second.items = {item("a"), item("other-id-same-link"), item("c")};
    second.items[0].title = "second copy";
    second.items[1].link = "https://x.example/b";
    const auto playlist = merge_feeds({&first, &second}, day(15));
    CHECK(ids(playlist) == std::vector<std::string>{"a", "b", "c"});
    CHECK(playlist[0].title == "a");
  }

  TEST_CASE("priority first, then events soonest first, then news newest first, then feed order") {
    Feed feed;
    feed.items = {item("plain-1"), item("news-old"), item("event-late"), item("urgent", 5), item("news-new"),
                  item("event-soon"), item("plain-2"), item("low", -1)};
    feed.items[1].published = day(1);
    feed.items[2].start = day(20);
    feed.items[4].published = day(14);
    feed.items[5].start = day(16);
    CHECK(ids(merge_feeds({&feed}, day(15))) ==
          std::vector<std::string>{"urgent", "event-soon", "event-late", "news-new", "news-old", "plain-1", "plain-2", "low"});
  }
}

}  // namespace
}  // namespace lafita::feeds
