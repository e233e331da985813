// lafita_image_diff A.png B.png [--tolerance N] [--diff OUT.png]: whether two pictures are
// the same within N/255 on every channel of every pixel (default 8). Prints the largest
// difference and how many pixels exceed the tolerance; exit 0 when none does, 1 when
// some do or the sizes differ, 2 when a file cannot be read. The Xvfb window test uses it
// to compare a screenshot with a snapshot.
#include "image_compare.hpp"

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  std::string a, b, diff;
  int tolerance = 8;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--tolerance" && i + 1 < argc) {
      tolerance = std::atoi(argv[++i]);
    } else if (arg == "--diff" && i + 1 < argc) {
      diff = argv[++i];
    } else if (a.empty()) {
      a = arg;
    } else if (b.empty()) {
      b = arg;
    } else {
      a.clear();
      break;
    }
  }
  if (a.empty() || b.empty()) {
    std::cerr << "usage: lafita_image_diff A.png B.png [--tolerance N] [--diff OUT.png]\n";
    return 2;
  }
  std::string error;
  const auto first = lafita::test::read_png(a, error);
  const auto second = first ? lafita::test::read_png(b, error) : std::nullopt;
  if (!second) {
    std::cerr << "lafita_image_diff: " << error << "\n";
    return 2;
  }
  const auto difference = lafita::test::compare(*first, *second, tolerance);
  if (!difference.same_size) {
    std::cout << a << " is " << first->width << "x" << first->height << ", " << b << " is " << second->width << "x"
              << second->height << "\n";
    return 1;
  }
  if (!diff.empty()) lafita::test::write_difference_png(*first, *second, diff);
  std::cout << "largest difference " << difference.max_channel << "/255; " << difference.pixels_over
            << " pixels differ by more than " << tolerance << "/255\n";
  return difference.pixels_over == 0 ? 0 : 1;
}
