// Proposes the expected lines of a golden layout case from two references that are not
// the engine: a browser's line starts (chromium-lines JSON) and ICU's implementation of
// the Unicode Bidirectional Algorithm (ubidi, not FriBidi, which the engine uses).
// Prints each line as the case file writes it: runs left to right as LEVEL{logical text}.
// A developer checks the proposal by eye against the browser's PNG before it goes in the
// case file. Built and run by tests/tools/propose-golden; not part of the build.
//
// usage: golden_oracle PARAGRAPH_LEVEL(0|1|auto) TEXT_FILE LINES_FILE
//   TEXT_FILE   the paragraph in UTF-8
//   LINES_FILE  one line per laid-out line: "start end end_with_space" (code points)

#include <unicode/ubidi.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: golden_oracle 0|1|auto TEXT_FILE LINES_FILE\n";
    return 2;
  }
  const std::string level_arg = argv[1];
  std::ifstream text_file(argv[2], std::ios::binary);
  std::string utf8((std::istreambuf_iterator<char>(text_file)), std::istreambuf_iterator<char>());
  while (!utf8.empty() && (utf8.back() == '\n' || utf8.back() == '\r')) utf8.pop_back();

  UErrorCode status = U_ZERO_ERROR;
  std::u16string text(utf8.size() + 1, u'\0');
  int32_t length = 0;
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(text.data()), static_cast<int32_t>(text.size()), &length, utf8.data(),
                       static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, &status);
  text.resize(static_cast<size_t>(length));
  // Code point offset -> UTF-16 offset.
  std::vector<int32_t> u16_at;
  for (int32_t i = 0; i < length; i += U16_IS_LEAD(text[static_cast<size_t>(i)]) && i + 1 < length ? 2 : 1) u16_at.push_back(i);
  u16_at.push_back(length);
  std::vector<int32_t> cp_at(static_cast<size_t>(length) + 1);
  for (size_t cp = 0; cp < u16_at.size(); ++cp) cp_at[static_cast<size_t>(u16_at[cp])] = static_cast<int32_t>(cp);

  UBiDiLevel level = level_arg == "auto" ? UBIDI_DEFAULT_LTR : static_cast<UBiDiLevel>(std::stoi(level_arg));
  UBiDi* paragraph = ubidi_open();
  UBiDi* line = ubidi_open();
  ubidi_setPara(paragraph, reinterpret_cast<const UChar*>(text.data()), length, level, nullptr, &status);
  if (U_FAILURE(status)) {
    std::cerr << "ubidi_setPara: " << u_errorName(status) << "\n";
    return 1;
  }
  std::cout << (ubidi_getParaLevel(paragraph) & 1 ? "rtl:" : "ltr:");

  std::ifstream lines(argv[3]);
  bool first = true;
  for (int start, end, next; lines >> start >> end >> next;) {
    std::cout << (first ? " " : " / ");
    first = false;
    ubidi_setLine(paragraph, u16_at[static_cast<size_t>(start)], u16_at[static_cast<size_t>(next)], line, &status);
    const int32_t runs = ubidi_countRuns(line, &status);
    std::string out;
    for (int32_t r = 0; r < runs; ++r) {
      int32_t logical = 0, count = 0;
      ubidi_getVisualRun(line, r, &logical, &count);
      // Clip the run to the line's content: trailing whitespace hangs.
      int32_t from = cp_at[static_cast<size_t>(u16_at[static_cast<size_t>(start)] + logical)];
      int32_t to = cp_at[static_cast<size_t>(u16_at[static_cast<size_t>(start)] + logical + count)];
      to = std::min(to, end);
      if (to <= from) continue;
      const int run_level = ubidi_getLevelAt(line, u16_at[static_cast<size_t>(from)] - u16_at[static_cast<size_t>(start)]);
      std::string run_text;
      const int32_t a = u16_at[static_cast<size_t>(from)], b = u16_at[static_cast<size_t>(to)];
      char buffer[4096];
      int32_t written = 0;
      UErrorCode s = U_ZERO_ERROR;
      u_strToUTF8(buffer, sizeof buffer, &written, reinterpret_cast<const UChar*>(text.data()) + a, b - a, &s);
      run_text.assign(buffer, static_cast<size_t>(written));
      out += (out.empty() ? "" : " ") + std::to_string(run_level) + "{" + run_text + "}";
    }
    std::cout << (out.empty() ? "-" : out);
  }
  std::cout << "\n";
  ubidi_close(line);
  ubidi_close(paragraph);
  return 0;
}
