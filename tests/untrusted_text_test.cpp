// Sanitising what feeds say: each rule of untrusted_text.hpp and html_text.hpp, on inputs
// written to break it.
#include "base/stream_safe.hpp"
#include "feeds/html_text.hpp"
#include "feeds/untrusted_text.hpp"

#include <doctest/doctest.h>
#include <unicode/uchar.h>

namespace lafita::feeds {
namespace {

// How many of each bidi opener and closer a text holds.
struct BidiCount {
  int embeddings = 0, pdf = 0, isolates = 0, pdi = 0;
};
BidiCount count_bidi(const std::string& text) {
  BidiCount count;
  for (const std::string_view opener : {"\u202A", "\u202B", "\u202D", "\u202E"}) {
    for (size_t at = text.find(opener); at != std::string::npos; at = text.find(opener, at + 1)) ++count.embeddings;
  }
  for (const std::string_view opener : {"\u2066", "\u2067", "\u2068"}) {
    for (size_t at = text.find(opener); at != std::string::npos; at = text.find(opener, at + 1)) ++count.isolates;
  }
  for (size_t at = text.find("\u202C"); at != std::string::npos; at = text.find("\u202C", at + 1)) ++count.pdf;
  for (size_t at = text.find("\u2069"); at != std::string::npos; at = text.find("\u2069", at + 1)) ++count.pdi;
  return count;
}

TEST_SUITE("sanitise") {
  TEST_CASE("invalid UTF-8 becomes one U+FFFD per maximal ill-formed subpart") {
    const std::string text = "a\xC3" "b\xE2\x82" "c\xF0\x9F\x98\xFF" "d\xED\xA0\x80" "e";  // cut, cut, cut+bad, surrogate
    std::string repaired;
    CHECK(repair_utf8(text, repaired) == 7);  // F0 9F 98 is one subpart; ED A0 80 three (a surrogate is never well-formed)
    CHECK(repaired == "a\uFFFD" "b\uFFFD" "c\uFFFD\uFFFD" "d\uFFFD\uFFFD\uFFFD" "e");
    std::string untouched = "unchanged";
    CHECK(repair_utf8("مرحبا IOM 2023", untouched) == 0);
    CHECK(untouched == "unchanged");
  }

  TEST_CASE("control characters, noncharacters and a stray byte order mark are removed") {
    CHECK(clean_line("A\x01" "B\x7F" "C\xC2\x85" "D\xC2\x9B" "E\uFEFF" "F\uFFFE" "G\uFDD0" "H\uFFF9" "I", 100) ==
          "ABC DEFGHI");  // NEL is a line break: a space in a line
    CHECK(clean_line("\x1B[31mred\x1B[0m", 100) == "[31mred[0m");  // the escape goes, the rest is text
  }

  TEST_CASE("whitespace collapses to single spaces; paragraphs keep one newline between them") {
    CHECK(clean_line("  one \t two\r\n three\u2028four  ", 100) == "one two three four");
    CHECK(clean_paragraphs("  first  line \r\n\r\n\n  second\u2029third \n \n", 100) == "first line\nsecond\nthird");
    CHECK(clean_line("keeps\u00A0no-break\u202Fspaces", 100) == "keeps\u00A0no-break\u202Fspaces");
  }

  TEST_CASE("an override in a field is closed at its end and cannot reverse what follows") {
    const std::string title = clean_line("\u202Eevil title", 100);
    CHECK(title == "\u202Eevil title\u202C");
    const std::string isolate = clean_line("\u2067unclosed \u202Binside", 100);
    CHECK(isolate == "\u2067unclosed \u202Binside\u202C\u2069");  // innermost closed first
  }

  TEST_CASE("closers without an opener are removed, so a field cannot close the template's isolate") {
    // The slide template wraps each value in FSI ... PDI; a PDI in the value would end it early.
    CHECK(clean_line("name\u2069 \u202C tail", 100) == "name tail");
    CHECK(clean_line("\u2066a\u2069b\u2069", 100) == "\u2066a\u2069b");
    // A PDF cannot close an isolate (UAX #9 X7): it is dropped and the isolate closed at the end.
    CHECK(clean_line("\u2068a\u202Cb", 100) == "\u2068ab\u2069");
    // A PDI closes the embeddings opened inside its isolate (X6a): nothing left to close.
    CHECK(clean_line("\u2068a\u202Bb\u2069c", 100) == "\u2068a\u202Bb\u2069c");
  }

  TEST_CASE("bidi controls are balanced within each paragraph of a body") {
    const std::string body = clean_paragraphs("\u202Eone\nt\u2069wo\n\u2067three", 100);
    CHECK(body == "\u202Eone\u202C\ntwo\n\u2067three\u2069");
  }

  TEST_CASE("deep nesting is cut at 16 levels with the matching closers") {
    std::string raw;
    for (int i = 0; i < 40; ++i) raw += "\u2067x";
    for (int i = 0; i < 40; ++i) raw += "\u2069";
    raw += "after";
    const std::string text = clean_line(raw, 10000);
    const BidiCount count = count_bidi(text);
    CHECK(count.isolates == 16);
    CHECK(count.pdi == 16);
    CHECK(text.ends_with("\u2069after"));
  }

  TEST_CASE("combining marks past 30 in a row are removed, also through default-ignorables between them") {
    std::string shaddas;
    for (int i = 0; i < 70000; ++i) shaddas += "\u0651";
    const std::string line = clean_line("\u0628" + shaddas + " \u062A", 1'000'000);
    CHECK(line == "\u0628" + shaddas.substr(0, 30 * 2) + " \u062A");
    std::string interleaved = "\u0628";
    for (int i = 0; i < 1000; ++i) interleaved += "\u0651\u200C";
    const std::string body = clean_paragraphs(interleaved, 1'000'000);
    CHECK(lafita::longest_mark_run(body) == 30);
    CHECK(lafita::longest_mark_run("\u0628\u064E\u0651 \u062A\u0650") == 2);  // Arabic as written keeps its harakat
    CHECK(clean_line("\u0627\u0644\u0633\u0651\u064E\u0644\u0627\u0645", 100) == "\u0627\u0644\u0633\u0651\u064E\u0644\u0627\u0645");
  }

  TEST_CASE("long text is cut at a grapheme boundary and ends in an ellipsis") {
    const std::string cut = clean_line("abc مَرْحَبًا", 12);  // harakat: no cut between a letter and its marks
    CHECK(cut.size() <= 12);
    CHECK(cut.ends_with("\u2026"));
    std::string base = cut.substr(0, cut.size() - 3);
    CHECK(base == "abc \u0645\u064E");  // 4 + 2 + 2 bytes: meem with its fatha, not meem alone
    CHECK(clean_line("short", 12) == "short");
    CHECK(clean_line("\u202Eabcdefghijklmnop", 10).ends_with("\u2026\u202C"));  // closed after the cut
    CHECK(clean_line("anything", 2).empty());
  }

  TEST_CASE("the whitespace fast path agrees with ICU: no whitespace between U+0080 and U+1680 but NEL") {
    // normalise() asks ICU only from U+1680 on; this pins that shortcut to ICU's data.
    for (UChar32 c = 0x80; c < 0x1680; ++c) {
      if (u_isWhitespace(c)) CHECK(c == 0x85);  // NEL, a line break handled before the question
    }
  }

  TEST_CASE("blank means nothing a reader would see") {
    CHECK(is_blank(""));
    CHECK(is_blank(" \t\r\n\u00A0 "));
    CHECK_FALSE(is_blank("  x "));
    CHECK_FALSE(is_blank("\u0645"));
  }

  TEST_CASE("tokens lose controls, bidi controls and outer spaces, and keep everything else") {
    CHECK(clean_token("  https://example.org/a b\u202E\n ", 100) == "https://example.org/a b");
    CHECK(clean_token("abcdef", 3) == "abc");
  }

  TEST_CASE("HTML becomes text: entities decoded, blocks and breaks are paragraphs, scripts gone") {
    CHECK(clean_paragraphs(html_to_text("<p>One &amp; two&nbsp;&#8230;</p><p>Three<br>four</p>"), 200) ==
          "One & two\u00A0\u2026\nThree\nfour");
    CHECK(clean_paragraphs(html_to_text("<ul><li>a</li><li>b</li></ul>"), 200) == "\u2022 a\n\u2022 b");
    CHECK(clean_paragraphs(html_to_text("x<script>alert(1)</script><style>p{}</style>y"), 200) == "xy");
    CHECK(clean_paragraphs(html_to_text("<h2>عنوان</h2>نص <b>غامق</b> <a href='x'>رابط</a>"), 200) ==
          "عنوان\nنص غامق رابط");
    CHECK(html_to_text("plain text, no tags") == "plain text, no tags");
    CHECK(clean_paragraphs(html_to_text("<p>unclosed <b>bold <i>both"), 200) == "unclosed bold both");
    CHECK(html_to_text("").empty());
  }
}

}  // namespace
}  // namespace lafita::feeds
