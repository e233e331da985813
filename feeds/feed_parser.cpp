#include "feeds/feed_parser.hpp"

#include "feeds/image_url.hpp"
#include "feeds/json_feed.hpp"
#include "feeds/xml_feed.hpp"

namespace lafita::feeds {

std::optional<FeedFormat> sniff_format(std::string_view document) {
  if (document.substr(0, 3) == "\xEF\xBB\xBF") document.remove_prefix(3);
  const size_t first = document.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  document.remove_prefix(first);
  if (document.front() == '{') return FeedFormat::json_feed;
  if (document.front() == '<') return FeedFormat::rss_or_atom;
  if (document.substr(0, 15) == "BEGIN:VCALENDAR") return FeedFormat::icalendar;
  return std::nullopt;
}

Feed parse_feed(std::string_view document, std::string_view origin, const ParseOptions& options) {
  Feed feed;
  switch (sniff_format(document).value_or(FeedFormat::json_feed)) {
    case FeedFormat::rss_or_atom: feed = parse_xml_feed(document, origin, options.charset, 4 * options.limits.items, options.language); break;
    case FeedFormat::icalendar: feed = parse_ical_feed(document, origin, options.calendar); break;
    case FeedFormat::json_feed:
      if (!sniff_format(document)) {
        throw FeedError("feed '" + std::string(origin) + "': neither a JSON Feed, RSS, Atom nor iCalendar document");
      }
      feed = parse_json_feed(document, origin, 4 * options.limits.items);
      break;
  }
  sanitise_feed(feed, options.limits, origin, options.base);
  return feed;
}

namespace {

void sanitise_alert(Alert& alert, const TextLimits& limits) {
  alert.status = clean_token(alert.status, 20);
  alert.message_type = clean_token(alert.message_type, 20);
  for (std::string& reference : alert.references) reference = clean_token(reference, limits.link);
  alert.event = clean_line(alert.event, limits.short_text);
  alert.instruction = clean_paragraphs(alert.instruction, limits.body);
  for (std::string& area : alert.areas) area = clean_line(area, limits.short_text);
  for (std::string& code : alert.geocodes) code = clean_token(code, limits.short_text);
}

// A Cancel needs no words to end what it names.
bool is_cancel(const Item& item) { return item.alert && item.alert->message_type == "Cancel"; }

// A picture's address made safe (image_url), or empty with a warning naming `where`: the
// item then shows without its picture.
std::string checked_picture(std::string_view raw, std::string_view base, size_t max_bytes, const std::string& where,
                            std::vector<std::string>& warnings) {
  std::string why;
  auto url = image_url(raw, base, max_bytes, why);
  if (!url && !why.empty()) warnings.push_back(where + ": " + why + "; left out");
  return url.value_or(std::string());
}

}  // namespace

void sanitise_feed(Feed& feed, const TextLimits& limits, std::string_view origin, std::string_view base) {
  feed.title = clean_line(feed.title, limits.short_text);
  feed.logo = checked_picture(feed.logo, base, limits.link, std::string(origin) + ": logo", feed.warnings);
  feed.language = clean_token(feed.language, 35);
  std::vector<Item> kept;
  kept.reserve(std::min(feed.items.size(), limits.items));
  for (size_t i = 0; i < feed.items.size(); ++i) {
    Item& item = feed.items[i];
    item.id = clean_token(item.id, limits.link);
    item.link = clean_token(item.link, limits.link);
    item.title = clean_line(item.title, limits.short_text);
    item.body = clean_paragraphs(item.body, limits.body);
    item.place = clean_line(item.place, limits.short_text);
    item.source = clean_line(item.source, limits.short_text);
    item.language = clean_token(item.language, 35);
    item.cap_link = clean_token(item.cap_link, limits.link);
    if (item.alert) sanitise_alert(*item.alert, limits);
    const std::string name = std::string(origin) + ": item " + std::to_string(i + 1);
    item.image = checked_picture(item.image, base, limits.link, name + ": image", feed.warnings);
    item.source_logo = feed.logo;
    if (item.title.empty() && item.body.empty() && !is_cancel(item)) {
      feed.warnings.push_back(name + (item.id.empty() ? "" : " ('" + item.id + "')") + ": has neither a title nor text; left out");
      continue;
    }
    if (kept.size() == limits.items) {
      feed.warnings.push_back(std::string(origin) + ": " + std::to_string(feed.items.size() - i + feed.unread_items) +
                              " items past the limit of " + std::to_string(limits.items) + " left out");
      feed.unread_items = 0;
      break;
    }
    if (item.id.empty()) item.id = item.link.empty() ? name : item.link;
    kept.push_back(std::move(item));
  }
  if (feed.unread_items > 0) {  // the parser read four times the limit, and too few of them had anything
    feed.warnings.push_back(std::string(origin) + ": " + std::to_string(feed.unread_items) + " items past the first " +
                            std::to_string(4 * limits.items) + " not read");
  }
  feed.items = std::move(kept);
}

}  // namespace lafita::feeds
