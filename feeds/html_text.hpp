#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace lafita::feeds {

// HTML as feeds carry it (RSS descriptions, content:encoded, Atom html content) reduced to
// the text a reader would see: entities decoded, tags gone, one "\n" between paragraphs
// (p, div, br, li, headings, table rows...), list items marked "• ", script, style and
// other invisible elements left out. Never fails: broken HTML is read as browsers would.
// The result is raw: pass it through clean_paragraphs() before showing it.
// When `image` is given and empty, it becomes the src of the first visible <img> (raw:
// check it with image_url() before using it).
std::string html_to_text(std::string_view html, std::string* image = nullptr);

// The same for a tree libxml2 has already parsed (Atom's type="xhtml" content): the text
// of `node`'s children. Entity references are not expanded.
std::string xml_subtree_text(const xmlNode* node, std::string* image = nullptr);

}  // namespace lafita::feeds
