#include "feeds/html_text.hpp"

#include "base/ascii.hpp"
#include "feeds/xml_handles.hpp"

#include <algorithm>
#include <cctype>

namespace lafita::feeds {

namespace {

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements whose content is never shown to a reader.
bool is_invisible(std::string_view name) {
  return is_one_of(name, {"script", "style", "head", "title", "noscript", "template", "iframe", "object", "embed",
                          "svg", "math", "button", "select", "textarea", "audio", "video", "canvas", "map"});
}

// Elements that begin and end a paragraph of their own.
bool is_block(std::string_view name) {
  return is_one_of(name, {"p", "div", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
                          "section", "article", "header", "footer", "aside", "ul", "ol", "dl", "table", "pre", "hr",
                          "figure", "figcaption", "address", "main", "nav", "details", "summary", "caption"});
}

// What a walk over the tree collects: the text, and the first picture when asked for.
struct Reading {
  std::string text;
  std::string* image = nullptr;
};

void append_text(const xmlNode* node, Reading& out);

// The src of an <img>, taken when it is the first one met and the caller wants it.
void note_image(const xmlNode* element, Reading& out) {
  if (out.image == nullptr || !out.image->empty()) return;
  for (const xmlAttr* attr = element->properties; attr != nullptr; attr = attr->next) {
    if (ascii_lowercase(name_of(attr->name)) == "src" && attr->children && attr->children->content) {
      *out.image = std::string(name_of(attr->children->content));
      return;
    }
  }
}

void append_element(const xmlNode* element, Reading& reading) {
  const std::string name = ascii_lowercase(name_of(element->name));
  if (is_invisible(name)) return;
  std::string& out = reading.text;
  if (name == "img") note_image(element, reading);
  if (name == "br") {
    out += '\n';
    return;
  }
  const bool block = is_block(name);
  if (block) out += '\n';
  if (name == "li") out += "\u2022 ";
  if (name == "td" || name == "th") out += ' ';
  append_text(element->children, reading);
  if (block) out += '\n';
}

// Appends the text of `node` and its siblings. Whitespace is kept as it is: the caller's
// clean_paragraphs() collapses it. Entity references (only in XML trees) are skipped.
void append_text(const xmlNode* node, Reading& out) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) out.text += name_of(node->content);
    } else if (node->type == XML_ELEMENT_NODE) {
      append_element(node, out);
    }
  }
}

}  // namespace

std::string html_to_text(std::string_view html, std::string* image) {
  if (html.find_first_of("<&") == std::string_view::npos) return std::string(html);  // plain text
  const QuietXmlErrors quiet;
  constexpr int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  const XmlDoc doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
  if (!doc) return {};
  Reading reading{{}, image};
  append_text(xmlDocGetRootElement(doc.get()), reading);
  return std::move(reading.text);
}

std::string xml_subtree_text(const xmlNode* node, std::string* image) {
  Reading reading{{}, image};
  if (node) append_text(node->children, reading);
  return std::move(reading.text);
}

}  // namespace lafita::feeds
