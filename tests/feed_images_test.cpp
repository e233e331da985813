// Pictures named by feeds: item photos (RSS enclosures, Media RSS, Atom enclosure links,
// JSON Feed image and banner_image, else the first <img> of the HTML) and the feed's logo,
// on fixture files written for these tests (tests/data/feeds/photos-*), and the checks on
// every address (image_url): hostile schemes, huge addresses, files named by a remote feed.
// Expected addresses are resolved by hand from the fixtures and RFC 3986.
#include "feed_warnings.hpp"
#include "feeds/feed_parser.hpp"
#include "feeds/image_url.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace lafita::feeds {
namespace {

using test::all_warnings;
using test::has_warning;

std::string fixture(const std::string& name) { return test::test_data_text("feeds/" + name); }

// `name` parsed as if fetched from `base`.
Feed parse_from(const std::string& name, std::string_view base) {
  ParseOptions options;
  options.base = base;
  return parse_feed(fixture(name), name, options);
}

// What image_url() says of `raw`: the address, or "refused: why".
std::string checked(std::string_view raw, std::string_view base, size_t max_bytes = 2000) {
  std::string why;
  const auto url = image_url(raw, base, max_bytes, why);
  return url ? *url : "refused: " + why;
}

TEST_SUITE("feed_images") {
  TEST_CASE("RSS: image enclosure before Media RSS, thumbnails, the first visible <img>, the channel's logo") {
    const Feed feed = parse_from("photos-rss.xml", "https://baladiya.example/feed/");
    INFO(all_warnings(feed));
    CHECK(feed.logo == "https://baladiya.example/wp-content/uploads/logo.png");
    REQUIRE(feed.items.size() == 8);
    CHECK(feed.items[0].image == "https://baladiya.example/uploads/park.jpg");  // not the audio, not the thumbnail
    CHECK(feed.items[1].image == "https://cdn.example/hall.webp");              // the group's image, not its video
    CHECK(feed.items[2].image == "https://cdn.example/thumb.png");              // scheme of the feed
    // The <img> inside <noscript> is not seen by a reader; &amp; is decoded by the HTML parser.
    CHECK(feed.items[3].image == "https://baladiya.example/feed/images/council.jpg?size=large&v=2");
    CHECK(feed.items[7].image.empty());
    for (const Item& item : feed.items) CHECK(item.source_logo == feed.logo);  // for the band of each item
  }

  TEST_CASE("RSS: script, data and file addresses are left out with a warning naming the item") {
    const Feed feed = parse_from("photos-rss.xml", "https://baladiya.example/feed/");
    REQUIRE(feed.items.size() == 8);
    for (size_t i : {4, 5, 6}) CHECK(feed.items[i].image.empty());
    CHECK(has_warning(feed, "photos-rss.xml: item 5: image: the scheme 'javascript:' is not http or https; left out"));
    CHECK(has_warning(feed, "photos-rss.xml: item 6: image: the scheme 'data:' is not http or https; left out"));
    CHECK(has_warning(feed, "photos-rss.xml: item 7: image: a file:// address from a feed fetched over the network; left out"));
    CHECK(feed.warnings.size() == 3);
  }

  TEST_CASE("Atom: an enclosure link with an image type, an xhtml <img>, the logo before the icon") {
    const Feed feed = parse_from("photos-atom.xml", "https://townhall.example/feeds/atom.xml");
    INFO(all_warnings(feed));
    CHECK(feed.logo == "https://townhall.example/logo.svg");
    REQUIRE(feed.items.size() == 2);
    CHECK(feed.items[0].image == "https://townhall.example/feeds/pictures/square.png");
    CHECK(feed.items[0].link == "https://townhall.example/news/1");  // the enclosure is not the link
    CHECK(feed.items[1].image == "https://townhall.example/x.jpg");
    CHECK(feed.warnings.empty());
  }

  TEST_CASE("JSON Feed: image before banner_image before the HTML's <img>; icon as the logo") {
    const Feed feed = parse_from("photos.json", "https://events.example/feed.json");
    CHECK(feed.logo == "https://events.example/icon-512.png");
    REQUIRE(feed.items.size() == 5);
    CHECK(feed.items[0].image == "https://events.example/a.jpg");
    CHECK(feed.items[1].image == "https://events.example/banner.jpg");
    CHECK(feed.items[2].image == "https://events.example/in-html.png");  // content_text is shown, the HTML still read
    CHECK(feed.items[3].image.empty());
    CHECK(has_warning(feed, "photos.json: items[3].image: expected a string, got number"));
    CHECK(feed.items[4].image.empty());
    CHECK(has_warning(feed, "photos.json: item 5: image: the scheme 'javascript:' is not http or https; left out"));
  }

  TEST_CASE("a relative address needs the feed's address; a feed that is a file resolves to files beside it") {
    const Feed unknown = parse_from("photos.json", "");
    REQUIRE(unknown.items.size() == 5);
    CHECK(unknown.items[1].image.empty());
    CHECK(has_warning(unknown, "photos.json: item 2: image: a relative address, and the feed's own address to resolve it "
                               "against is unknown; left out"));
    const Feed local = parse_from("photos.json", "/srv/lafita/feeds/photos.json");
    REQUIRE(local.items.size() == 5);
    CHECK(local.items[1].image == "/srv/lafita/feeds/banner.jpg");
    CHECK(local.items[0].image == "https://events.example/a.jpg");
    const Feed local_url = parse_from("photos.json", "file:///srv/lafita/feeds/photos.json");
    CHECK(local_url.items[1].image == "/srv/lafita/feeds/banner.jpg");
  }

  TEST_CASE("image_url: hostile addresses") {
    const std::string web = "https://baladiya.example/feed/";
    CHECK(checked("javascript:alert(1)", web) == "refused: the scheme 'javascript:' is not http or https");
    CHECK(checked("\x01 JAVASCRIPT:alert(1)", web) == "refused: the scheme 'javascript:' is not http or https");
    // The tab is a control character clean_token() drops; what is left is still refused.
    CHECK(checked("java\tscript:alert(1)", web) == "refused: the scheme 'javascript:' is not http or https");
    CHECK(checked("https://exa mple.com/a.jpg", web) == "refused: holds a space or a control character");
    CHECK(checked("data:image/png;base64,iVBORw0KGgo=", web) == "refused: the scheme 'data:' is not http or https");
    CHECK(checked("ftp://files.example/a.jpg", web) == "refused: the scheme 'ftp:' is not http or https");
    CHECK(checked("https://", web) == "refused: not an http(s) URL with a host");
    CHECK(checked("file:///etc/shadow", web) == "refused: a file:// address from a feed fetched over the network");
    CHECK(checked("/etc/shadow", web) == "https://baladiya.example/etc/shadow");  // a path on the feed's server
    CHECK(checked("../../../../etc/passwd", web) == "https://baladiya.example/etc/passwd");
    CHECK(checked("", web) == "refused: ");  // nothing named, nothing to warn about
    CHECK(checked(" \t", web) == "refused: ");
  }

  TEST_CASE("image_url: a huge address is refused before libcurl reads it, and once resolved") {
    const std::string huge = "https://cdn.example/" + std::string(1 << 20, 'a') + ".jpg";
    CHECK(checked(huge, "") == "refused: longer than 2000 bytes");
    const std::string long_base = "https://cdn.example/" + std::string(1990, 'b') + "/feed";
    CHECK(checked("photo-with-a-name.jpg", long_base) == "refused: longer than 2000 bytes once resolved");
    CHECK(checked("https://cdn.example/a.jpg", "", 25) == "https://cdn.example/a.jpg");
    CHECK(checked("https://cdn.example/ab.jpg", "", 25) == "refused: longer than 25 bytes");
  }

  TEST_CASE("image_url: files only from a feed that is a file") {
    CHECK(checked("photo.jpg", "feeds/hall.json") == "feeds/photo.jpg");
    CHECK(checked("/srv/photo.jpg", "feeds/hall.json") == "/srv/photo.jpg");
    CHECK(checked("file:///srv/photo%20one.jpg", "feeds/hall.json") == "/srv/photo one.jpg");
    CHECK(checked("file://elsewhere/photo.jpg", "feeds/hall.json") ==
          "refused: not a file:// URL Lafita can read (file:///path/to/feed.xml)");  // libcurl's verdict
    CHECK(checked("//cdn.example/a.jpg", "feeds/hall.json") ==
          "refused: a network address without a scheme, from a feed that is a file");
    CHECK(checked("https://cdn.example/a.jpg", "feeds/hall.json") == "https://cdn.example/a.jpg");
    CHECK(checked("photo.jpg", "ftp://files.example/feed.xml") ==
          "refused: a relative address, and the feed's own address to resolve it against is unknown");
  }
}

}  // namespace
}  // namespace lafita::feeds
