// Steady-state layout allocates nothing in Lafita's own code: every C++ allocation is
// counted here (global operator new replaced), and laying a paragraph out again into the
// same ParagraphLayout, once the buffers have grown, must make none. (The C libraries'
// own mallocs, FriBidi's run list among them, are counted by bench/lafita_layout_bench.)
// Built without sanitizers only, which replace the allocator themselves.

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "base/utf8.hpp"
#include "bench/texts.hpp"
#include "fonts/font_library.hpp"
#include "render/text/text_layouter.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <new>

namespace {
size_t allocations = 0;
}

void* operator new(size_t size) {
  ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace lafita::render {
namespace {

TEST_CASE("laying out again into the same layout makes no C++ allocation, however many glyphs") {
  fonts::FontLibrary library;
  const auto stack = library.stack(std::vector<std::string>{test::naskh(), test::noto_sans()}, 40);
  const TextStyle style{&stack, 1.6f, Align::justify, BaseDirection::rtl, "ar"};
  TextLayouter layouter;
  std::u32string all;
  for (const char* paragraph : bench::kParagraphs) all += decode_utf8(paragraph) + U" ";
  ParagraphLayout layout;
  for (float width : {1720.0f, 900.0f, 300.0f}) layouter.layout(all, style, width, layout);  // grow every buffer
  for (float width : {1720.0f, 900.0f, 300.0f}) {
    CAPTURE(width);
    const size_t before = allocations;
    layouter.layout(all, style, width, layout);
    CHECK(allocations == before);
    CHECK(layout.glyphs.size() > 1400);
  }
}

}  // namespace
}  // namespace lafita::render
