#include "feeds/cap_alert.hpp"

#include "base/ascii.hpp"
#include "feeds/alerts.hpp"
#include "feeds/time_parsing.hpp"
#include "feeds/untrusted_text.hpp"
#include "feeds/xml_tree.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

namespace lafita::feeds {

namespace {

constexpr std::array<std::string_view, 2> kCapNamespaces = {"urn:oasis:names:tc:emergency:cap:1.2",
                                                            "urn:oasis:names:tc:emergency:cap:1.1"};

// "ar" of "ar-TN", lowercased.
std::string primary_subtag(std::string_view tag) {
  return ascii_lowercase(tag.substr(0, tag.find_first_of("-_")));
}

// Reads the fields of one CAP message, in its namespace; warnings name the message.
class CapReader {
 public:
  CapReader(const xmlNode* root, std::string place, std::vector<std::string>& warnings)
      : ns_(namespace_of(root)), place_(std::move(place)), warnings_(warnings) {}

  std::string text(const xmlNode* parent, std::string_view name) const {
    return clean_line(text_of(child(parent, name, ns_)), 4000);
  }
  std::string body(const xmlNode* parent, std::string_view name) const { return text_of(child(parent, name, ns_)); }

  std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view name) const {
    std::vector<const xmlNode*> found;
    for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
      if (is_element(node, name, ns_)) found.push_back(node);
    }
    return found;
  }

  std::optional<Time> time(const xmlNode* parent, std::string_view name) const {
    const std::string value = text(parent, name);
    if (value.empty()) return std::nullopt;
    if (auto parsed = parse_iso_time(value); parsed && !parsed->date_only) return parsed->time;
    warn(name, "not a CAP date-time: '" + clean_line(value, 100) + "'");
    return std::nullopt;
  }

  void warn(std::string_view field, const std::string& why) const {
    warnings_.push_back(place_ + "." + std::string(field) + ": " + why);
  }

 private:
  std::string_view ns_;
  std::string place_;
  std::vector<std::string>& warnings_;
};

// The <info> block in `language`, else the first (CAP's default language is en-US).
const xmlNode* chosen_info(const CapReader& cap, const std::vector<const xmlNode*>& infos, std::string_view language) {
  if (infos.empty()) return nullptr;
  const std::string wanted = primary_subtag(language);
  for (const xmlNode* info : infos) {
    std::string tag = cap.text(info, "language");
    if (tag.empty()) tag = "en-US";
    if (!wanted.empty() && primary_subtag(tag) == wanted) return info;
  }
  return infos.front();
}

// Every area description and geocode of every block, each once.
void read_areas(const CapReader& cap, const std::vector<const xmlNode*>& infos, Alert& alert) {
  auto add = [](std::vector<std::string>& list, std::string value) {
    if (!value.empty() && std::ranges::find(list, value) == list.end() && list.size() < 100) list.push_back(std::move(value));
  };
  for (const xmlNode* info : infos) {
    for (const xmlNode* area : cap.children(info, "area")) {
      add(alert.areas, cap.text(area, "areaDesc"));
      for (const xmlNode* code : cap.children(area, "geocode")) {
        const std::string name = cap.text(code, "valueName"), value = cap.text(code, "value");
        if (!name.empty() && !value.empty()) add(alert.geocodes, name + "=" + value);
      }
    }
  }
}

void read_info(const CapReader& cap, const xmlNode* info, Item& item) {
  Alert& alert = *item.alert;
  alert.event = cap.text(info, "event");
  alert.instruction = cap.body(info, "instruction");
  const std::string severity = cap.text(info, "severity");
  alert.severity = parse_severity(severity);
  if (alert.severity == Severity::unknown && !equal_ignoring_ascii_case(severity, "Unknown")) {
    cap.warn("info.severity", "not Extreme, Severe, Moderate, Minor or Unknown: '" + clean_line(severity, 100) + "'");
  }
  item.language = cap.text(info, "language");
  if (item.language.empty()) item.language = "en-US";
  item.title = cap.text(info, "headline");
  if (item.title.empty()) item.title = alert.event;
  item.body = cap.body(info, "description");
  item.link = cap.text(info, "web");
  const std::string sender_name = cap.text(info, "senderName");
  if (!sender_name.empty()) item.source = sender_name;
  if (auto effective = cap.time(info, "effective")) item.published = effective;
  item.start = cap.time(info, "onset");
  item.expires = cap.time(info, "expires");
}

std::vector<std::string> split_references(std::string_view text) {
  std::vector<std::string> references;
  std::istringstream words{std::string(text)};
  for (std::string word; words >> word && references.size() < 100;) references.push_back(std::move(word));
  return references;
}

}  // namespace

bool is_cap_alert(const xmlNode* root) {
  return root != nullptr && name_of(root->name) == "alert" && std::ranges::find(kCapNamespaces, namespace_of(root)) != kCapNamespaces.end();
}

void read_cap(const xmlNode* root, Feed& feed, std::string_view origin, std::string_view language) {
  const CapReader cap(root, std::string(origin) + ": alert", feed.warnings);
  const std::string identifier = cap.text(root, "identifier"), sender = cap.text(root, "sender"),
                    sent = cap.text(root, "sent");
  if (identifier.empty() || sender.empty() || sent.empty()) {
    throw FeedError("feed '" + std::string(origin) + "': a CAP alert without an identifier, a sender or a sent time");
  }
  Item item;
  item.alert.emplace();
  Alert& alert = *item.alert;
  item.id = sender + "," + identifier + "," + sent;
  item.source = sender;
  alert.sent = cap.time(root, "sent");
  const std::string status = cap.text(root, "status");
  if (auto canonical = canonical_status(status)) {
    alert.status = *canonical;  // "actual" is a careless Actual, not a reason to hide a warning
  } else {
    cap.warn("status", "not Actual, Exercise, System, Test or Draft: '" + clean_line(status, 100) + "'; not shown");
    alert.status = status;
  }
  alert.message_type = cap.text(root, "msgType");
  if (alert.message_type == "Ack" || alert.message_type == "Error") return;
  if (alert.message_type != "Alert" && alert.message_type != "Update" && alert.message_type != "Cancel") {
    cap.warn("msgType", "not Alert, Update or Cancel: '" + clean_line(alert.message_type, 100) + "'; read as Alert");
    alert.message_type = "Alert";
  }
  alert.references = split_references(cap.text(root, "references"));
  const auto infos = cap.children(root, "info");
  if (const xmlNode* info = chosen_info(cap, infos, language)) read_info(cap, info, item);
  read_areas(cap, infos, alert);
  if (!item.published) item.published = alert.sent;
  feed.title = item.source;
  feed.language = item.language;
  feed.items.push_back(std::move(item));
}

}  // namespace lafita::feeds
