#include "golden_case_file.hpp"

#include "base/utf8.hpp"
#include "test_paths.hpp"

#include <fstream>
#include <map>

namespace lafita::test {

std::vector<std::string> split_on(const std::string& s, const std::string& separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at; (at = s.find(separator, start)) != std::string::npos; start = at + separator.size()) {
    parts.push_back(s.substr(start, at - start));
  }
  parts.push_back(s.substr(start));
  return parts;
}

namespace {

std::string trim(const std::string& s) {
  const size_t first = s.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

void append_code_point(uint32_t c, std::string& out) {
  lafita::append_utf8(std::u32string_view(reinterpret_cast<const char32_t*>(&c), 1), out);
}

// Parses "{HEX}" at `at` (pointing at '{'); returns the value and moves `at` past '}'.
uint32_t braced_hex(const std::string& text, size_t& at) {
  const size_t close = text.find('}', at);
  if (text[at] != '{' || close == std::string::npos) throw CaseFormatError("escape without {HEX}");
  const uint32_t value = static_cast<uint32_t>(std::stoul(text.substr(at + 1, close - at - 1), nullptr, 16));
  at = close + 1;
  return value;
}

std::vector<ExpectedRun> parse_line(const std::string& spec) {
  std::vector<ExpectedRun> runs;
  if (trim(spec) == "-") return runs;
  size_t at = 0;
  while ((at = spec.find_first_not_of(' ', at)) != std::string::npos) {
    const size_t open = spec.find('{', at);
    if (open == std::string::npos) throw CaseFormatError("run without LEVEL{text}: '" + spec.substr(at) + "'");
    // The run text ends at the first '}' that does not close an escape (\u{...}, \x{...}).
    size_t close = open + 1;
    while (close < spec.size() && spec[close] != '}') {
      const bool braced_escape = spec[close] == '\\' && close + 2 < spec.size() && spec[close + 2] == '{';
      close = braced_escape ? spec.find('}', close) + 1 : close + (spec[close] == '\\' ? 2 : 1);
    }
    if (close >= spec.size()) throw CaseFormatError("unclosed run text in '" + spec + "'");
    ExpectedRun run;
    run.level = std::stoi(spec.substr(at, open - at));
    run.text = lafita::decode_utf8(unescape(spec.substr(open + 1, close - open - 1)));
    at = close + 1;
    if (at < spec.size() && spec[at] == '@') {
      const size_t end = spec.find(' ', at);
      run.font = spec.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
      at = end == std::string::npos ? spec.size() : end;
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

render::BaseDirection parse_direction(const std::string& name) {
  if (name == "auto") return render::BaseDirection::automatic;
  if (name == "rtl") return render::BaseDirection::rtl;
  if (name == "ltr") return render::BaseDirection::ltr;
  throw CaseFormatError("direction must be auto, rtl or ltr, not '" + name + "'");
}

}  // namespace

std::string unescape(const std::string& text) {
  std::string out;
  for (size_t at = 0; at < text.size();) {
    if (text.compare(at, 2, "\\u") == 0) {
      at += 2;
      append_code_point(braced_hex(text, at), out);
    } else if (text.compare(at, 2, "\\x") == 0) {
      at += 2;
      out.push_back(static_cast<char>(braced_hex(text, at)));
    } else if (text.compare(at, 2, "\\\\") == 0) {
      out.push_back('\\');
      at += 2;
    } else if (text[at] == '{' && at + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[at + 1]))) {
      const size_t star = text.find('*', at);
      const size_t close = text.find('}', at);
      if (star == std::string::npos || close == std::string::npos || star > close) {
        throw CaseFormatError("repetition must be {N*text}");
      }
      const std::string unit = unescape(text.substr(star + 1, close - star - 1));
      for (unsigned long n = std::stoul(text.substr(at + 1, star - at - 1)); n > 0; --n) out += unit;
      at = close + 1;
    } else {
      out.push_back(text[at++]);
    }
  }
  return out;
}

GoldenCase parse_golden_case(const std::string& line, size_t source_line) {
  const auto fields = split_on(line, " | ");
  if (fields.size() != 8) throw CaseFormatError("expected 8 fields separated by ' | ', got " + std::to_string(fields.size()));
  GoldenCase c;
  c.source_line = source_line;
  c.name = trim(fields[0]);
  for (const auto& key : split_on(trim(fields[1]), ",")) c.fonts.push_back(trim(key));
  c.size = std::stof(fields[2]);
  c.width = std::stof(fields[3]);
  c.direction = parse_direction(trim(fields[4]));
  c.language = trim(fields[5]) == "-" ? "" : trim(fields[5]);
  c.text = lafita::decode_utf8(unescape(fields[6]));

  const std::string expected = trim(fields[7]);
  const size_t colon = expected.find(':');
  if (colon == std::string::npos) throw CaseFormatError("expected 'rtl: ...' or 'ltr: ...'");
  const std::string direction = expected.substr(0, colon);
  if (direction != "rtl" && direction != "ltr") throw CaseFormatError("paragraph direction must be rtl or ltr");
  c.expected_direction = direction == "rtl" ? render::Direction::rtl : render::Direction::ltr;
  const std::string lines = trim(expected.substr(colon + 1));
  if (lines.rfind("lines=", 0) == 0) {
    c.expected_line_count = std::stoul(lines.substr(6));
  } else {
    for (const auto& spec : split_on(lines, " / ")) c.expected.push_back(parse_line(spec));
  }
  return c;
}

std::vector<GoldenCase> read_golden_cases(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw CaseFormatError("cannot read " + path);
  std::vector<GoldenCase> cases;
  size_t number = 0;
  for (std::string line; std::getline(file, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    try {
      cases.push_back(parse_golden_case(line, number));
    } catch (const std::exception& e) {
      throw CaseFormatError(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  return cases;
}

std::string font_file(const std::string& key) {
  static const std::map<std::string, std::string> files{
      {"naskh", "NotoNaskhArabic-Regular.ttf"}, {"sans", "NotoSans-Regular.ttf"}, {"dejavu", "DejaVuSans.ttf"}};
  auto found = files.find(key);
  if (found == files.end()) throw CaseFormatError("unknown font key '" + key + "' (naskh, sans, dejavu)");
  return found->second;
}

std::string font_path(const std::string& key) { return pinned_font(font_file(key)); }

}  // namespace lafita::test
