#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lafita::feeds {

// Before a parser sees a feed: the few characters that make a whole document unreadable
// to a strict parser, though every item around them is fine, are replaced, each counted.
// Both passes copy only when they change something; `repaired` is then the new document.

// XML 1.0 allows no C0 control but tab, LF and CR, no U+FFFE or U+FFFF, and no character
// reference to any of these or to a surrogate (&#x1B;, &#7;, &#xD800;, &#xFFFE;). Raw
// controls become spaces; such references, outside CDATA sections and comments, become
// &#xFFFD;. In UTF-8 (`utf8`), U+FFFE and U+FFFF become U+FFFD; other encodings are
// ASCII-compatible here (UTF-16 documents are not passed). Returns how many were replaced.
size_t repair_xml_characters(std::string_view document, bool utf8, std::string& repaired);

// `document` without the internal subset of its DOCTYPE ("<!DOCTYPE rss [ ... ]>" becomes
// "<!DOCTYPE rss >"), for reading a broken document again: Lafita never expands entities,
// so declarations give it nothing, and a declaration that refers to itself stops libxml2
// for good, recovery or not. Nothing when there is no internal subset.
std::optional<std::string> without_internal_subset(std::string_view document);

// In JSON: \u escapes of lone surrogates become \uFFFD; raw control characters inside
// strings become their escapes (\n, \t, \u001B); numbers too large for a double (1e999)
// become null. Each repair adds a line to `notes`, saying what and where ("line 3, column
// 41: the number 1e999 is too large; read as null"), at most 20 of them. Returns how many
// were made.
size_t repair_json(std::string_view document, std::string& repaired, std::vector<std::string>& notes);

}  // namespace lafita::feeds
