#pragma once

#include "base/c_deleter.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <memory>

namespace lafita::render {

// FreeType's objects, each freed by the function FreeType names for it.
using FtLibrary = std::unique_ptr<FT_LibraryRec_, CDeleter<FT_Done_FreeType>>;
using FtFace = std::unique_ptr<FT_FaceRec_, CDeleter<FT_Done_Face>>;

}  // namespace lafita::render
