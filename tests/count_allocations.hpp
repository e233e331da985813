#pragma once

// Counts every heap allocation of the process, from C++ and from the C libraries
// (HarfBuzz, ICU, FriBidi) alike, by interposing malloc and friends. Link
// count_allocations.cpp only into programs built without sanitizers (which interpose
// malloc themselves).

#include <cstddef>

namespace lafita::test {

// Allocations (malloc, calloc, realloc, aligned) made by the calling thread so far.
size_t allocation_count();

}  // namespace lafita::test
