#pragma once
// Reading a libxml2 tree: the few questions RSS, Atom and CAP ask of an element.
#include "feeds/xml_handles.hpp"

#include <string>
#include <string_view>

namespace lafita::feeds {

inline std::string_view namespace_of(const xmlNode* node) {
  return node->ns ? name_of(node->ns->href) : std::string_view();
}

inline bool is_element(const xmlNode* node, std::string_view name, std::string_view ns) {
  return node->type == XML_ELEMENT_NODE && name_of(node->name) == name && namespace_of(node) == ns;
}

// The first child element called `name` in namespace `ns` ("" for RSS 2.0's none).
inline const xmlNode* child(const xmlNode* parent, std::string_view name, std::string_view ns) {
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
    if (is_element(node, name, ns)) return node;
  }
  return nullptr;
}

// The text directly inside an element (text and CDATA), entity references not expanded.
inline std::string text_of(const xmlNode* node) {
  std::string text;
  if (node == nullptr) return text;
  for (const xmlNode* part = node->children; part != nullptr; part = part->next) {
    if ((part->type == XML_TEXT_NODE || part->type == XML_CDATA_SECTION_NODE) && part->content) {
      text += name_of(part->content);
    }
  }
  return text;
}

inline std::string attribute(const xmlNode* node, const char* name) {
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (name_of(attr->name) == name && attr->children && attr->children->content) {
      return std::string(name_of(attr->children->content));
    }
  }
  return {};
}

// xml:lang of the element or its nearest ancestor that has one.
inline std::string language_of(const xmlNode* node) {
  const XmlString lang(xmlNodeGetLang(node));
  return std::string(name_of(lang.get()));
}

}  // namespace lafita::feeds
