#pragma once

namespace lafita {

// The deleter of a std::unique_ptr holding an object of a C library, destroyed by the one
// function the library names for it: std::unique_ptr<FcPattern, CDeleter<FcPatternDestroy>>.
// In base/, below every layer, so that fonts/, render/, feeds/ and kiosk/ all use it.
template <auto Destroy>
struct CDeleter {
  template <typename T>
  void operator()(T* p) const { Destroy(p); }
};

}  // namespace lafita
