#include "feeds/document_repair.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace lafita::feeds {

namespace {

constexpr size_t kMaxNotes = 20;

// Builds the repaired copy of a document only once something changes.
class Patcher {
 public:
  explicit Patcher(std::string_view document) : document_(document) {}

  // Replaces `length` bytes at `at` (past all earlier replacements) with `text`.
  void replace(size_t at, size_t length, std::string_view text) {
    out_.append(document_.substr(copied_, at - copied_));
    out_ += text;
    copied_ = at + length;
    ++count_;
  }

  // How many replacements; the document with them in `repaired` when there are any.
  size_t finish(std::string& repaired) {
    if (count_ == 0) return 0;
    out_.append(document_.substr(copied_));
    repaired = std::move(out_);
    return count_;
  }

 private:
  std::string_view document_;
  std::string out_;
  size_t copied_ = 0;
  size_t count_ = 0;
};

bool is_xml_char(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// The length of a character reference "&#...;" at `at` whose value XML does not allow; 0
// when there is none there (a good one, or not a reference at all).
size_t bad_reference(std::string_view text, size_t at) {
  if (text.substr(at, 2) != "&#") return 0;
  const bool hex = at + 2 < text.size() && (text[at + 2] == 'x' || text[at + 2] == 'X');
  const size_t digits = at + 2 + (hex ? 1 : 0);
  // A reference has at most 8 digits: look no further (a document of "&#" and no ';' must
  // cost a pass, not a pass per "&#").
  const size_t found = text.substr(digits, 9).find(';');
  if (found == std::string_view::npos || found == 0) return 0;
  const size_t end = digits + found;
  uint32_t value = 0;
  const auto [rest, error] = std::from_chars(text.data() + digits, text.data() + end, value, hex ? 16 : 10);
  if (error != std::errc() || rest != text.data() + end) return 0;
  return is_xml_char(value) ? 0 : end + 1 - at;
}

// Line and column (both from 1) of a byte offset.
std::string position_of(std::string_view document, size_t offset) {
  const auto line = 1 + std::count(document.begin(), document.begin() + static_cast<ptrdiff_t>(offset), '\n');
  const size_t line_start = offset == 0 ? std::string_view::npos : document.rfind('\n', offset - 1);
  const size_t column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool is_hex(std::string_view text) {
  return text.size() == 4 && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

uint32_t hex_value(std::string_view text) {
  uint32_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value, 16);
  return value;
}

}  // namespace

size_t repair_xml_characters(std::string_view document, bool utf8, std::string& repaired) {
  // The bytes that may start something to repair or change what is around: the loop skips
  // all others (most of a document) at the speed of a table lookup.
  static constexpr auto kWorthALook = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[c] = c != '\t' && c != '\n' && c != '\r';
    for (const char c : {'<', ']', '-', '&', '\xEF'}) table[static_cast<unsigned char>(c)] = true;
    return table;
  }();
  Patcher patch(document);
  enum class Inside { markup, cdata, comment } inside = Inside::markup;
  for (size_t i = 0; i < document.size(); ++i) {
    while (i < document.size() && !kWorthALook[static_cast<unsigned char>(document[i])]) ++i;
    if (i == document.size()) break;
    const auto c = static_cast<unsigned char>(document[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      patch.replace(i, 1, " ");
    } else if (utf8 && c == 0xEF && document.substr(i + 1, 2) == "\xBF\xBE") {
      patch.replace(i, 3, "\xEF\xBF\xBD");
      i += 2;
    } else if (utf8 && c == 0xEF && document.substr(i + 1, 2) == "\xBF\xBF") {
      patch.replace(i, 3, "\xEF\xBF\xBD");
      i += 2;
    } else if (c == '<' && inside == Inside::markup && document.substr(i, 9) == "<![CDATA[") {
      inside = Inside::cdata;
    } else if (c == '<' && inside == Inside::markup && document.substr(i, 4) == "<!--") {
      inside = Inside::comment;
    } else if (c == ']' && inside == Inside::cdata && document.substr(i, 3) == "]]>") {
      inside = Inside::markup;
    } else if (c == '-' && inside == Inside::comment && document.substr(i, 3) == "-->") {
      inside = Inside::markup;
    } else if (c == '&' && inside == Inside::markup) {
      if (const size_t length = bad_reference(document, i)) {
        patch.replace(i, length, "&#xFFFD;");
        i += length - 1;
      }
    }
  }
  return patch.finish(repaired);
}

std::optional<std::string> without_internal_subset(std::string_view document) {
  const size_t doctype = document.find("<!DOCTYPE");
  if (doctype == std::string_view::npos) return std::nullopt;
  // The external identifier's literals may hold '[' or '>'.
  char quote = 0;
  size_t open = std::string_view::npos;
  for (size_t i = doctype + 9; i < document.size() && open == std::string_view::npos; ++i) {
    const char c = document[i];
    if (quote != 0) {
      quote = c == quote ? 0 : quote;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return std::nullopt;
    } else if (c == '[') {
      open = i;
    }
  }
  if (open == std::string_view::npos) return std::nullopt;
  // Its end: the first ']' outside literals and comments.
  quote = 0;
  for (size_t i = open + 1; i < document.size(); ++i) {
    const char c = document[i];
    if (quote != 0) {
      quote = c == quote ? 0 : quote;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (document.substr(i, 4) == "<!--") {
      const size_t end = document.find("-->", i + 4);
      if (end == std::string_view::npos) return std::nullopt;
      i = end + 2;
    } else if (c == ']') {
      return std::string(document.substr(0, open)) + std::string(document.substr(i + 1));
    }
  }
  return std::nullopt;
}

size_t repair_json(std::string_view document, std::string& repaired, std::vector<std::string>& notes) {
  Patcher patch(document);
  const auto note = [&](size_t at, const std::string& what) {
    if (notes.size() < kMaxNotes) notes.push_back(position_of(document, at) + ": " + what);
  };
  bool in_string = false;
  for (size_t i = 0; i < document.size(); ++i) {
    const char c = document[i];
    if (in_string) {
      if (c == '"') {
        in_string = false;
      } else if (c == '\\' && document.substr(i + 1, 1) == "u" && is_hex(document.substr(i + 2, 4))) {
        const uint32_t unit = hex_value(document.substr(i + 2, 4));
        const bool high = unit >= 0xD800 && unit <= 0xDBFF, low = unit >= 0xDC00 && unit <= 0xDFFF;
        const std::string_view next = document.substr(i + 6, 6);
        const bool paired = high && next.substr(0, 2) == "\\u" && is_hex(next.substr(2)) &&
                            hex_value(next.substr(2)) >= 0xDC00 && hex_value(next.substr(2)) <= 0xDFFF;
        if ((high && !paired) || low) {
          note(i, "a lone surrogate \\" + std::string(document.substr(i + 1, 5)) + "; replaced by U+FFFD");
          patch.replace(i, 6, "\\uFFFD");
        }
        i += paired ? 11 : 5;
      } else if (c == '\\') {
        ++i;  // whatever it escapes; the parser judges it
      } else if (static_cast<unsigned char>(c) < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        const auto byte = static_cast<unsigned char>(c);
        const std::string escape = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r"
                                                                        : std::string("\\u00") + kHex[byte >> 4] + kHex[byte & 15];
        note(i, "a raw control character in a string; read as " + escape);
        patch.replace(i, 1, escape);
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const size_t end = std::min(document.find_first_not_of("+-.0123456789eE", i), document.size());
      const std::string number(document.substr(i, end - i));
      // What the parser will make of it (nlohmann uses strtod, and refuses infinity).
      if (std::isinf(std::strtod(number.c_str(), nullptr))) {
        note(i, "the number " + number.substr(0, 40) + " is too large; read as null");
        patch.replace(i, number.size(), "null");
      }
      i = end - 1;
    }
  }
  return patch.finish(repaired);
}

}  // namespace lafita::feeds
