#include "feeds/json_feed.hpp"

#include "feeds/alerts.hpp"
#include "feeds/document_repair.hpp"
#include "feeds/html_text.hpp"
#include "feeds/time_parsing.hpp"
#include "feeds/untrusted_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lafita::feeds {

namespace {

using nlohmann::json;

// Line and column (both from 1) of a byte offset, for a parse error.
std::string position_of(std::string_view document, size_t offset) {
  offset = std::min(offset, document.size());
  const auto line = 1 + std::count(document.begin(), document.begin() + static_cast<ptrdiff_t>(offset), '\n');
  const size_t line_start = document.rfind('\n', offset == 0 ? 0 : offset - 1);
  const size_t column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Reads the fields of one item; a field of the wrong type is skipped with a warning.
class ItemReader {
 public:
  ItemReader(const json& item, std::string where, std::vector<std::string>& warnings)
      : item_(item), where_(std::move(where)), warnings_(warnings) {}

  std::string text(const json& object, const char* key, const std::string& path) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return {};
    if (!found->is_string()) {
      warn(path + key, std::string("expected a string, got ") + found->type_name());
      return {};
    }
    return found->get<std::string>();
  }

  std::string text(const char* key) { return text(item_, key, ""); }

  std::optional<ParsedTime> time(const json& object, const char* key, const std::string& path) {
    const std::string value = text(object, key, path);
    if (value.empty()) return std::nullopt;
    auto parsed = parse_iso_time(value);
    if (!parsed) warn(path + key, "not an RFC 3339 date or date-time: '" + value + "'");
    return parsed;
  }

  void warn(const std::string& field, const std::string& why) { warnings_.push_back(where_ + "." + field + ": " + why); }

 private:
  const json& item_;
  std::string where_;
  std::vector<std::string>& warnings_;
};

// `_lafita.alert`: {"severity": "extreme", "status": "Test", "event": "...",
// "instruction": "..."} (status Actual when not given); any
// object (even empty) makes the item an alert, of a feed marked `alert = true`.
void read_alert(const json& extension, ItemReader& reader, Item& item) {
  const auto found = extension.find("alert");
  if (found == extension.end() || found->is_null()) return;
  if (!found->is_object()) {
    reader.warn("_lafita.alert", std::string("expected an object, got ") + found->type_name());
    return;
  }
  const std::string path = "_lafita.alert.";
  Alert& alert = item.alert.emplace();
  const std::string severity = reader.text(*found, "severity", path);
  alert.severity = parse_severity(severity);
  if (alert.severity == Severity::unknown && !severity.empty() && severity != "unknown") {
    reader.warn("_lafita.alert.severity", "not extreme, severe, moderate, minor or unknown: '" + clean_line(severity, 100) + "'");
  }
  const std::string status = reader.text(*found, "status", path);
  if (auto canonical = canonical_status(status)) {
    alert.status = *canonical;
  } else if (!status.empty()) {
    reader.warn("_lafita.alert.status", "not Actual, Exercise, Test, System or Draft: '" + clean_line(status, 100) + "'; not shown");
    alert.status = status;
  }
  alert.event = reader.text(*found, "event", path);
  alert.instruction = reader.text(*found, "instruction", path);
  alert.sent = item.published;
}

void read_extension(const json& extension, ItemReader& reader, Item& item) {
  if (!extension.is_object()) {
    reader.warn("_lafita", "expected an object");
    return;
  }
  const std::string path = "_lafita.";
  const auto start = reader.time(extension, "start", path);
  const auto end = reader.time(extension, "end", path);
  if (start) item.start = start->time, item.all_day = start->date_only;
  if (end) item.end = end->time;
  if (item.start && item.end && *item.end < *item.start) {
    reader.warn("_lafita.end", "before the start; ignored");
    item.end.reset();
  }
  item.place = reader.text(extension, "place", path);
  if (const auto expires = reader.time(extension, "expires", path)) item.expires = expires->time;
  if (const auto priority = extension.find("priority"); priority != extension.end()) {
    if (priority->is_number_integer()) {
      item.priority = static_cast<int>(std::clamp<int64_t>(priority->get<int64_t>(), -1000, 1000));
    } else {
      reader.warn("_lafita.priority", std::string("expected an integer, got ") + priority->type_name());
    }
  }
  read_alert(extension, reader, item);
}

// An item's picture, raw: `image`, else `banner_image`, else the first <img> of its HTML.
std::string item_picture(ItemReader& reader) {
  std::string picture = reader.text("image");
  if (picture.empty()) picture = reader.text("banner_image");
  if (picture.empty()) html_to_text(reader.text("content_html"), &picture);
  return picture;
}

std::optional<Item> read_item(const json& object, size_t index, const Feed& feed, std::vector<std::string>& warnings,
                              std::string_view origin) {
  const std::string where = std::string(origin) + ": items[" + std::to_string(index) + "]";
  if (!object.is_object()) {
    warnings.push_back(where + ": expected an object, got " + object.type_name() + "; left out");
    return std::nullopt;
  }
  ItemReader reader(object, where, warnings);
  Item item;
  item.id = reader.text("id");
  item.title = reader.text("title");
  item.body = reader.text("content_text");
  if (item.body.empty()) item.body = reader.text("summary");
  if (item.body.empty()) item.body = html_to_text(reader.text("content_html"));
  item.image = item_picture(reader);
  if (const auto published = reader.time(object, "date_published", "")) item.published = published->time;
  item.link = reader.text("url");
  item.language = reader.text("language");
  if (item.language.empty()) item.language = feed.language;
  item.source = feed.title;
  if (const auto extension = object.find("_lafita"); extension != object.end()) read_extension(*extension, reader, item);
  if (item.title.empty() && item.body.empty()) {
    warnings.push_back(where + ": has neither a title nor text; left out");
    return std::nullopt;
  }
  if (item.id.empty()) item.id = item.link.empty() ? where : item.link;
  return item;
}

}  // namespace

Feed parse_json_feed(std::string_view document, std::string_view origin, size_t max_items) {
  const std::string name(origin);
  std::string repaired;
  const size_t invalid = repair_utf8(document, repaired);
  if (invalid > 0) document = repaired;
  std::string readable;
  std::vector<std::string> notes;
  if (repair_json(document, readable, notes) > 0) document = readable;
  // Items past `max_items` are counted and dropped as they are parsed: hundreds of
  // thousands of tiny items would otherwise cost hundreds of megabytes.
  std::string member;  // the root's member being read
  size_t seen = 0, unread = 0;
  const json::parser_callback_t keep = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth == 1 && event == json::parse_event_t::key) member = parsed.get<std::string>();
    const bool element = event == json::parse_event_t::object_end || event == json::parse_event_t::array_end ||
                         event == json::parse_event_t::value;
    if (!element || depth != 2 || member != "items" || ++seen <= max_items) return true;
    ++unread;
    return false;
  };
  json root;
  try {
    root = json::parse(document.begin(), document.end(), keep);
  } catch (const json::parse_error& e) {
    throw FeedError("feed '" + name + "': not JSON at " + position_of(document, e.byte == 0 ? 0 : e.byte - 1));
  } catch (const json::exception& e) {  // out_of_range for a number too large for a double
    throw FeedError("feed '" + name + "': not readable JSON: " + e.what());
  }
  if (!root.is_object()) throw FeedError("feed '" + name + "': expected a JSON Feed object, got " + root.type_name());
  const auto version = root.find("version");
  if (version == root.end() || !version->is_string() ||
      version->get<std::string>().rfind("https://jsonfeed.org/version/1", 0) != 0) {
    throw FeedError("feed '" + name + "': version: expected \"https://jsonfeed.org/version/1.1\"");
  }
  const auto items = root.find("items");
  if (items == root.end() || !items->is_array()) throw FeedError("feed '" + name + "': items: expected an array");

  Feed feed;
  feed.unread_items = unread;
  if (invalid > 0) feed.warnings.push_back(name + ": " + std::to_string(invalid) + " invalid UTF-8 sequences replaced");
  for (const std::string& note : notes) feed.warnings.push_back(name + ": " + note);
  if (const auto title = root.find("title"); title != root.end() && title->is_string()) feed.title = title->get<std::string>();
  if (const auto language = root.find("language"); language != root.end() && language->is_string()) {
    feed.language = language->get<std::string>();
  }
  if (const auto icon = root.find("icon"); icon != root.end() && icon->is_string()) feed.logo = icon->get<std::string>();
  for (size_t i = 0; i < items->size(); ++i) {
    if (auto item = read_item((*items)[i], i, feed, feed.warnings, origin)) feed.items.push_back(std::move(*item));
  }
  return feed;
}

}  // namespace lafita::feeds
