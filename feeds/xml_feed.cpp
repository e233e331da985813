#include "feeds/xml_feed.hpp"

#include "base/ascii.hpp"
#include "feeds/cap_alert.hpp"
#include "feeds/document_repair.hpp"
#include "feeds/html_text.hpp"
#include "feeds/time_parsing.hpp"
#include "feeds/untrusted_text.hpp"
#include "feeds/xml_handles.hpp"
#include "feeds/xml_tree.hpp"

#include <curl/curl.h>
#include <libxml/SAX2.h>

#include <algorithm>
#include <cctype>

namespace lafita::feeds {

namespace {

constexpr std::string_view kAtom = "http://www.w3.org/2005/Atom";
constexpr std::string_view kRss1 = "http://purl.org/rss/1.0/";
constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDublinCore = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kMedia = "http://search.yahoo.com/mrss/";

// RSS 2.0 elements have no namespace, RSS 1.0's have their own; both are read alike.
const xmlNode* rss_child(const xmlNode* parent, std::string_view name) {
  const xmlNode* found = child(parent, name, "");
  return found ? found : child(parent, name, kRss1);
}

// The encoding an XML declaration names, lowercased; empty when it names none.
std::string declared_encoding(std::string_view document) {
  if (document.substr(0, 5) != "<?xml") return {};
  const std::string_view declaration = document.substr(0, document.find("?>"));
  const size_t key = declaration.find("encoding");
  if (key == std::string_view::npos) return {};
  const size_t open = declaration.find_first_of("\"'", key);
  if (open == std::string_view::npos) return {};
  const size_t close = declaration.find(declaration[open], open + 1);
  if (close == std::string_view::npos) return {};
  return ascii_lowercase(declaration.substr(open + 1, close - open - 1));
}

bool is_utf8(std::string_view encoding) { return encoding.empty() || encoding == "utf-8" || encoding == "utf8"; }

// Where an element is, for a warning: "item 3 (line 42)".
std::string where(std::string_view origin, std::string_view kind, size_t index, const xmlNode* node) {
  return std::string(origin) + ": " + std::string(kind) + " " + std::to_string(index + 1) + " (line " +
         std::to_string(xmlGetLineNo(node)) + ")";
}

std::optional<Time> rfc822_time(const std::string& text) {
  const time_t seconds = curl_getdate(text.c_str(), nullptr);
  if (seconds == -1) return std::nullopt;
  return Time(std::chrono::seconds(seconds));
}

std::optional<Time> rss_date(const xmlNode* item, const std::string& place, std::vector<std::string>& warnings) {
  if (const xmlNode* date = rss_child(item, "pubDate")) {
    const std::string text = clean_token(text_of(date), 100);
    if (auto time = rfc822_time(text)) return time;
    warnings.push_back(place + ".pubDate: not an RFC 822 date: '" + text + "'");
  }
  if (const xmlNode* date = child(item, "date", kDublinCore)) {
    const std::string text = clean_token(text_of(date), 100);
    if (auto time = parse_iso_time(text)) return time->time;
    warnings.push_back(place + ".dc:date: not an ISO 8601 date: '" + text + "'");
  }
  return std::nullopt;
}

constexpr std::string_view kCapType = "application/cap+xml";

// The CAP document an alert hub's RSS item links to: an enclosure of CAP's type, else an
// item link to a ".cap" file.
std::string rss_cap_link(const xmlNode* item, const std::string& link) {
  for (const xmlNode* node = item->children; node != nullptr; node = node->next) {
    if (is_element(node, "enclosure", "") && attribute(node, "type") == kCapType) return attribute(node, "url");
  }
  return link.ends_with(".cap") ? link : std::string();
}

// The CAP document an alert hub's Atom entry links to: a link of CAP's type, any rel.
std::string atom_cap_link(const xmlNode* entry) {
  for (const xmlNode* node = entry->children; node != nullptr; node = node->next) {
    if (is_element(node, "link", kAtom) && attribute(node, "type") == kCapType) return attribute(node, "href");
  }
  return {};
}

bool is_image_type(std::string_view type) { return ascii_lowercase(type).starts_with("image/"); }

// The address `pick` finds in the first child element of `parent` that has one, looking
// inside media:group too (Media RSS groups versions of one picture).
template <typename Pick>
std::string first_picture(const xmlNode* parent, const Pick& pick) {
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    std::string found = pick(node);
    if (found.empty() && name_of(node->name) == "group" && namespace_of(node) == kMedia) found = first_picture(node, pick);
    if (!found.empty()) return found;
  }
  return {};
}

// RSS <enclosure type="image/..."> or Atom <link rel="enclosure" type="image/...">.
std::string enclosure_picture(const xmlNode* node) {
  const std::string_view name = name_of(node->name);
  if (name == "enclosure" && namespace_of(node).empty() && is_image_type(attribute(node, "type"))) return attribute(node, "url");
  if (name == "link" && namespace_of(node) == kAtom && attribute(node, "rel") == "enclosure" &&
      is_image_type(attribute(node, "type"))) {
    return attribute(node, "href");
  }
  return {};
}

// <media:content> that is a picture: medium="image", an image type, or neither said.
std::string media_content_picture(const xmlNode* node) {
  if (name_of(node->name) != "content" || namespace_of(node) != kMedia) return {};
  const std::string medium = attribute(node, "medium"), type = attribute(node, "type");
  const bool picture = medium == "image" || is_image_type(type) || (medium.empty() && type.empty());
  return picture ? attribute(node, "url") : std::string();
}

std::string media_thumbnail_picture(const xmlNode* node) {
  if (name_of(node->name) != "thumbnail" || namespace_of(node) != kMedia) return {};
  return attribute(node, "url");
}

// An item's picture, raw: an image enclosure, else Media RSS content, else its thumbnail,
// else the first <img> of the item's HTML (`html_image`).
std::string item_picture(const xmlNode* item, std::string html_image) {
  for (const auto pick : {enclosure_picture, media_content_picture, media_thumbnail_picture}) {
    std::string found = first_picture(item, pick);
    if (!found.empty()) return found;
  }
  return html_image;
}

Item rss_item(const xmlNode* node, const Feed& feed, const std::string& place, std::vector<std::string>& warnings) {
  Item item;
  item.title = text_of(rss_child(node, "title"));
  item.link = text_of(rss_child(node, "link"));
  item.cap_link = rss_cap_link(node, item.link);
  item.id = text_of(rss_child(node, "guid"));
  std::string html_image;
  item.body = html_to_text(text_of(child(node, "encoded", kContent)), &html_image);
  if (is_blank(item.body)) item.body = html_to_text(text_of(rss_child(node, "description")), &html_image);
  item.image = item_picture(node, std::move(html_image));
  item.published = rss_date(node, place, warnings);
  item.source = text_of(rss_child(node, "source"));
  if (item.source.empty()) item.source = feed.title;
  item.language = feed.language;
  return item;
}

void read_rss(const xmlNode* root, Feed& feed, std::string_view origin, size_t max_items) {
  const xmlNode* channel = rss_child(root, "channel");
  if (channel == nullptr) throw FeedError("feed '" + std::string(origin) + "': an RSS document without a channel");
  feed.title = text_of(rss_child(channel, "title"));
  if (const xmlNode* image = rss_child(channel, "image")) feed.logo = text_of(rss_child(image, "url"));
  feed.language = text_of(rss_child(channel, "language"));
  if (feed.language.empty()) feed.language = text_of(child(channel, "language", kDublinCore));
  // RSS 2.0 puts items inside the channel, RSS 1.0 next to it.
  const xmlNode* holder = name_of(root->name) == "RDF" ? root : channel;
  size_t index = 0;
  for (const xmlNode* node = holder->children; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE || name_of(node->name) != "item") continue;
    if (index == max_items) {
      ++feed.unread_items;
      continue;
    }
    const std::string place = where(origin, "item", index++, node);
    feed.items.push_back(rss_item(node, feed, place, feed.warnings));
  }
}

// An Atom text construct: type "text" (the default), "html" or "xhtml".
// `image`, when given and empty, becomes the src of the first <img> of html or xhtml.
std::string atom_text(const xmlNode* node, std::string* image = nullptr) {
  if (node == nullptr) return {};
  const std::string type = attribute(node, "type");
  if (type == "html") return html_to_text(text_of(node), image);
  if (type == "xhtml") return xml_subtree_text(node, image);
  return text_of(node);
}

std::string atom_link(const xmlNode* entry) {
  for (const xmlNode* node = entry->children; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE || name_of(node->name) != "link" || namespace_of(node) != kAtom) continue;
    const std::string rel = attribute(node, "rel");
    if (rel.empty() || rel == "alternate") return attribute(node, "href");
  }
  return {};
}

std::optional<Time> atom_date(const xmlNode* entry, const std::string& place, std::vector<std::string>& warnings) {
  for (const char* name : {"published", "updated"}) {
    if (const xmlNode* date = child(entry, name, kAtom)) {
      const std::string text = clean_token(text_of(date), 100);
      if (auto time = parse_iso_time(text)) return time->time;
      warnings.push_back(place + "." + name + ": not an RFC 3339 date: '" + text + "'");
    }
  }
  return std::nullopt;
}

Item atom_entry(const xmlNode* node, const Feed& feed, const std::string& place, std::vector<std::string>& warnings) {
  Item item;
  item.id = text_of(child(node, "id", kAtom));
  item.title = atom_text(child(node, "title", kAtom));
  item.link = atom_link(node);
  item.cap_link = atom_cap_link(node);
  std::string html_image;
  item.body = atom_text(child(node, "content", kAtom), &html_image);
  if (is_blank(item.body)) item.body = atom_text(child(node, "summary", kAtom), &html_image);
  item.image = item_picture(node, std::move(html_image));
  item.published = atom_date(node, place, warnings);
  item.source = feed.title;
  item.language = language_of(node);
  return item;
}

void read_atom(const xmlNode* root, Feed& feed, std::string_view origin, size_t max_items) {
  feed.title = atom_text(child(root, "title", kAtom));
  feed.logo = text_of(child(root, "logo", kAtom));
  if (is_blank(feed.logo)) feed.logo = text_of(child(root, "icon", kAtom));
  feed.language = language_of(root);
  size_t index = 0;
  for (const xmlNode* node = root->children; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE || name_of(node->name) != "entry" || namespace_of(node) != kAtom) continue;
    if (index == max_items) {
      ++feed.unread_items;
      continue;
    }
    const std::string place = where(origin, "entry", index++, node);
    feed.items.push_back(atom_entry(node, feed, place, feed.warnings));
  }
}

// Where and why libxml2 gave up: the first error (often the cause of the rest), else the
// last one the context kept.
std::string parse_error(const QuietXmlErrors& quiet, xmlParserCtxt* context) {
  const xmlError* last = xmlCtxtGetLastError(context);
  const QuietXmlErrors::Error& first = quiet.first();
  std::string why = !first.message.empty() ? first.message : last && last->message ? last->message : "not well-formed";
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  // An error inside an entity's text is reported by a context of its own, at a place in
  // that text: the document's context says where the entity was used.
  const bool first_here = first.line > 0 && (first.context == nullptr || first.context == context || last == nullptr);
  const int line = first_here ? first.line : last ? last->line : 0;
  const int column = first_here ? first.column : last ? last->int2 : 0;
  const std::string at = line > 0 ? " at line " + std::to_string(line) + ", column " + std::to_string(column) : "";
  return "not well-formed XML" + at + ": " + why;
}

// Items (RSS items, Atom entries) past `max` are freed as soon as the parser has built
// them, so that a document of a hundred thousand tiny items costs the memory of `max`.
struct ItemLimit {
  size_t max;
  size_t seen = 0;
  size_t dropped = 0;
};

bool is_item(const xmlNode* node) {
  const std::string_view name = name_of(node->name);
  const std::string_view parent = node->parent && node->parent->type == XML_ELEMENT_NODE ? name_of(node->parent->name) : "";
  return (name == "item" && (parent == "channel" || parent == "RDF")) || (name == "entry" && parent == "feed");
}

// libxml2's own end of an element (it builds the tree), then the limit on items.
void end_element(void* user, const xmlChar* name, const xmlChar* prefix, const xmlChar* uri) {
  auto* context = static_cast<xmlParserCtxt*>(user);
  xmlNode* ended = context->node;
  xmlSAX2EndElementNs(user, name, prefix, uri);
  auto* limit = static_cast<ItemLimit*>(context->_private);
  if (ended == nullptr || limit == nullptr || !is_item(ended) || ++limit->seen <= limit->max) return;
  ++limit->dropped;
  xmlUnlinkNode(ended);
  const XmlNode unlinked(ended);  // freed on return
  // libxml2 appends the next text to the last text it made when nodelen/nodemem say so;
  // that text was inside the freed item (libxml2 resets them the same way after entities).
  context->nodelen = 0;
  context->nodemem = 0;
}

// Parses `document`; when it is not well-formed, `error` says where and why, and `cut`
// whether the first error is that the document ends too soon.
XmlDoc parse(std::string_view document, const std::string& encoding, int options, ItemLimit& limit, std::string& error,
             bool& cut) {
  const QuietXmlErrors quiet;
  const XmlParserContext context(xmlNewParserCtxt());
  if (!context) throw std::bad_alloc();
  limit.seen = limit.dropped = 0;
  context->_private = &limit;
  context->sax->endElementNs = end_element;
  XmlDoc doc(xmlCtxtReadMemory(context.get(), document.data(), static_cast<int>(document.size()), nullptr,
                               encoding.empty() ? nullptr : encoding.c_str(), options));
  if (!doc || !context->wellFormed) {
    error = parse_error(quiet, context.get());
    cut = quiet.first().code == XML_ERR_TAG_NOT_FINISHED || quiet.first().code == XML_ERR_DOCUMENT_END;
  }
  return doc;
}

// The document parsed. A document that is not well-formed is read again in libxml2's
// recovery mode, with the same safety (no network, no DTD loaded, no entity expanded), and
// what it holds is kept with a warning; only one without a root element is refused.
XmlDoc read_document(std::string_view document, std::string_view origin, std::string_view charset, Feed& feed,
                     size_t max_items, std::string& recovered_from) {
  std::string encoding = ascii_lowercase(charset);
  const std::string declared = encoding.empty() ? declared_encoding(document) : encoding;
  // UTF-16 and UTF-32 (by their byte order mark, their name, or NULs beside the first '<'):
  // a byte in them is not a character, and the byte-level repairs would break them.
  const bool utf16 = document.substr(0, 2) == "\xFE\xFF" || document.substr(0, 2) == "\xFF\xFE" ||
                     document.substr(0, 2) == std::string_view("<\0", 2) || document.substr(0, 2) == std::string_view("\0<", 2) ||
                     declared.starts_with("utf-16") || declared.starts_with("utf16") || declared.starts_with("utf-32") ||
                     declared.starts_with("utf32") || declared.starts_with("ucs");
  bool utf8 = !utf16 && is_utf8(declared);
  std::string repaired;
  // Text in a single-byte encoding (windows-1256 Arabic, say) is practically never valid
  // UTF-8 once it has a letter past ASCII; text that is, was mislabelled.
  const bool beyond_ascii = std::any_of(document.begin(), document.end(), [](char c) { return (c & 0x80) != 0; });
  if (!utf8 && !utf16 && beyond_ascii && repair_utf8(document, repaired) == 0) {
    feed.warnings.push_back(std::string(origin) + ": declared as " + declared +
                            ", but its text is UTF-8 (every character past ASCII a valid UTF-8 sequence); read as UTF-8");
    encoding = "utf-8";
    utf8 = true;
  }
  if (utf8) {
    if (const size_t count = repair_utf8(document, repaired)) {
      feed.warnings.push_back(std::string(origin) + ": " + std::to_string(count) + " invalid UTF-8 sequences replaced");
      document = repaired;
    }
  }
  std::string allowed;
  if (!utf16) {
    if (const size_t count = repair_xml_characters(document, utf8, allowed)) {
      feed.warnings.push_back(std::string(origin) + ": " + std::to_string(count) +
                              " characters XML does not allow (control characters, references like &#x1B;) replaced");
      document = allowed;
    }
  }
  constexpr int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  std::string error, ignored;
  bool cut = false;
  ItemLimit limit{max_items};
  XmlDoc doc = parse(document, encoding, options, limit, error, cut);
  if (error.empty()) {
    feed.unread_items = limit.dropped;
    return doc;
  }
  // A document that ends too soon was cut short (a file read while written): its last item
  // would be cut too. The last good copy is better.
  if (cut) throw FeedError("feed '" + std::string(origin) + "': " + error);
  const auto without_subset = without_internal_subset(document);
  XmlDoc recovered =
      parse(without_subset ? *without_subset : document, encoding, options | XML_PARSE_RECOVER, limit, ignored, cut);
  feed.unread_items = limit.dropped;
  if (!recovered || xmlDocGetRootElement(recovered.get()) == nullptr) {
    throw FeedError("feed '" + std::string(origin) + "': " + error);
  }
  recovered_from = "feed '" + std::string(origin) + "': " + error;
  feed.warnings.push_back(std::string(origin) + ": " + error + "; what could be read is kept");
  return recovered;
}

}  // namespace

Feed parse_xml_feed(std::string_view document, std::string_view origin, std::string_view charset, size_t max_items,
                    std::string_view language) {
  if (document.size() > static_cast<size_t>(INT32_MAX)) throw FeedError("feed '" + std::string(origin) + "': too large");
  Feed feed;
  std::string recovered_from;
  const XmlDoc doc = read_document(document, origin, charset, feed, max_items, recovered_from);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const std::string_view name = root ? name_of(root->name) : std::string_view();
  if (name == "rss" || name == "RDF") {
    read_rss(root, feed, origin, max_items);
  } else if (name == "feed" && namespace_of(root) == kAtom) {
    read_atom(root, feed, origin, max_items);
  } else if (is_cap_alert(root)) {
    read_cap(root, feed, origin, language);
    return feed;  // an Ack, or a Cancel without text, is a message that shows nothing
  } else {
    throw FeedError(recovered_from.empty() ? "feed '" + std::string(origin) + "': <" + std::string(name) + "> is neither RSS, Atom nor CAP"
                                           : recovered_from);
  }
  // A recovered document with nothing to show is no better than the last good copy: a body
  // cut short, most likely.
  const bool shows_something = std::any_of(feed.items.begin(), feed.items.end(), [](const Item& item) {
    return !is_blank(item.title) || !is_blank(item.body);
  });
  if (!recovered_from.empty() && !shows_something) throw FeedError(recovered_from);
  return feed;
}

}  // namespace lafita::feeds
