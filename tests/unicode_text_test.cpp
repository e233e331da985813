#include "base/utf8.hpp"
#include "render/text/unicode_text.hpp"

#include <doctest/doctest.h>

namespace lafita::render {
namespace {

TEST_SUITE("unicode_text") {
  TEST_CASE("valid UTF-8 decodes to its code points and encodes back unchanged") {
    const std::string text = "IOM تعقد 2023 “اجتماعاً” 🇮🇲";
    const std::u32string decoded = decode_utf8(text);
    CHECK(decoded.size() == 27);
    CHECK(decoded[4] == U'\u062A');
    CHECK(decoded.back() == U'\U0001F1F2');
    CHECK(encode_utf8(decoded) == text);
  }

  // Unicode 15, section 3.9 "U+FFFD Substitution of Maximal Subparts" (Table 3-8 to 3-11):
  // one U+FFFD per maximal subpart of an ill-formed sequence, nothing dropped.
  TEST_CASE("each maximal subpart of ill-formed UTF-8 becomes one U+FFFD") {
    CHECK(decode_utf8("a\xFF" "b") == U"a\uFFFDb");
    CHECK(decode_utf8("\xE2\x82") == U"\uFFFD");                         // truncated 3-byte sequence
    CHECK(decode_utf8("\xC0\xAF") == U"\uFFFD\uFFFD");                   // overlong
    CHECK(decode_utf8("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");         // UTF-16 surrogate
    CHECK(decode_utf8("\xF4\x90\x80\x80") == U"\uFFFD\uFFFD\uFFFD\uFFFD");  // above U+10FFFF
    CHECK(decode_utf8("\xD8 x") == U"\uFFFD x");                         // Arabic lead byte alone
    CHECK(decode_utf8(std::string("a\0b", 3)) == std::u32string(U"a\0b", 3));
  }

  TEST_CASE("encoding replaces what UTF-8 cannot hold") {
    CHECK(encode_utf8(std::u32string{U'a', static_cast<char32_t>(0xD800), static_cast<char32_t>(0x110000)}) ==
          "a\xEF\xBF\xBD\xEF\xBF\xBD");
  }

  TEST_CASE("paragraphs split at every UAX #9 paragraph separator, CR LF counting once") {
    const std::u32string text = U"a\nb\r\nc\rd\u2029e\u0085f\u001Cg";
    const auto paragraphs = split_paragraphs(text);
    REQUIRE(paragraphs.size() == 7);
    CHECK(paragraphs[0] == U"a");
    CHECK(paragraphs[2] == U"c");
    CHECK(paragraphs[6] == U"g");
    CHECK(split_paragraphs(U"a\n").size() == 1);
    CHECK(split_paragraphs(U"\n") == std::vector<std::u32string_view>{U""});
    CHECK(split_paragraphs(U"a\n\nb").size() == 3);
    CHECK(split_paragraphs(U"").empty());
    CHECK(split_paragraphs(U"a\u2028b").size() == 1);  // a line separator is not a paragraph separator
  }
}

}  // namespace
}  // namespace lafita::render
