#pragma once

#include "base/c_deleter.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <string_view>

namespace lafita::feeds {

// libxml2 handles, each freed by the function libxml2 names for it.
using XmlDoc = std::unique_ptr<xmlDoc, CDeleter<xmlFreeDoc>>;
using XmlParserContext = std::unique_ptr<xmlParserCtxt, CDeleter<xmlFreeParserCtxt>>;
using HtmlParserContext = std::unique_ptr<htmlParserCtxt, CDeleter<htmlFreeParserCtxt>>;

// An element's or attribute's name as a string_view (libxml2 keeps names in UTF-8).
inline std::string_view name_of(const xmlChar* name) {
  return name ? std::string_view(reinterpret_cast<const char*>(name)) : std::string_view();
}

}  // namespace lafita::feeds
