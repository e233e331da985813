#pragma once

#include "base/c_deleter.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <memory>
#include <string>
#include <string_view>

namespace lafita::feeds {

// libxml2 handles, each freed by the function libxml2 names for it.
using XmlDoc = std::unique_ptr<xmlDoc, CDeleter<xmlFreeDoc>>;
using XmlParserContext = std::unique_ptr<xmlParserCtxt, CDeleter<xmlFreeParserCtxt>>;
using HtmlParserContext = std::unique_ptr<htmlParserCtxt, CDeleter<htmlFreeParserCtxt>>;
using XmlNode = std::unique_ptr<xmlNode, CDeleter<xmlFreeNode>>;  // a node unlinked from its tree
// A string libxml2 allocated for the caller. xmlFree is a variable (the allocator libxml2
// was set up with), not a function, so it has a deleter of its own.
struct XmlFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};
using XmlString = std::unique_ptr<xmlChar, XmlFree>;

// While it lives, libxml2 prints nothing on this thread: its encoding layer reports
// conversion errors straight to stderr even with XML_PARSE_NOERROR. Parse errors still
// reach the parser context (xmlCtxtGetLastError); the first error of any kind is kept
// here, since an encoding error is often the cause of the parse error that follows.
class QuietXmlErrors {
 public:
  QuietXmlErrors()
      : generic_(xmlGenericError), generic_context_(xmlGenericErrorContext),
        structured_(xmlStructuredError), structured_context_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(nullptr, ignore_message);
    xmlSetStructuredErrorFunc(&first_, keep_first);
  }
  ~QuietXmlErrors() {
    xmlSetGenericErrorFunc(generic_context_, generic_);
    xmlSetStructuredErrorFunc(structured_context_, structured_);
  }
  QuietXmlErrors(const QuietXmlErrors&) = delete;
  QuietXmlErrors& operator=(const QuietXmlErrors&) = delete;

  // The first error reported while this lived: its message (trailing newline removed;
  // empty if none) and where (line 0 when libxml2 knew no place, as for encoding errors).
  struct Error {
    std::string message;
    int line = 0, column = 0;
    const void* context = nullptr;  // the parser context that reported it
    int code = 0;                   // libxml2's xmlParserErrors
  };
  const Error& first() const { return first_; }

 private:
  static void ignore_message(void*, const char*, ...) {}
  static void keep_first(void* first, xmlErrorPtr error) {
    auto& kept = *static_cast<Error*>(first);
    if (!kept.message.empty() || error == nullptr || error->message == nullptr) return;
    kept.message = error->message;
    while (!kept.message.empty() && (kept.message.back() == '\n' || kept.message.back() == ' ')) kept.message.pop_back();
    kept.line = error->line;
    kept.column = error->int2;
    kept.context = error->ctxt;
    kept.code = error->code;
  }

  Error first_;
  xmlGenericErrorFunc generic_;
  void* generic_context_;
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
};

// An element's or attribute's name as a string_view (libxml2 keeps names in UTF-8).
inline std::string_view name_of(const xmlChar* name) {
  return name ? std::string_view(reinterpret_cast<const char*>(name)) : std::string_view();
}

}  // namespace lafita::feeds
