// The arrows of DESIGN.md ("Layers and the one direction of arrows"), checked on every
// #include of the project's sources. Each folder (a room) is one library and may include
// only the rooms listed for it below; C libraries are included only by the rooms that wrap
// them. Tests, benchmarks and fuzzers stand outside and may include anything.
//
//   kiosk/commands -> kiosk/player -> kiosk/appliance, kiosk/slides -> kiosk/config
//   kiosk/*        -> render/*, feeds, fonts, base
//   render/sdl     -> render/draw -> render/text -> fonts -> base;   feeds -> base
// SDL2_image (photo decoding) is render/sdl's alone, pixman (photo scaling) render/draw's.
//
// A new folder must be added here before it can hold a source file.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Room {
  std::string folder;                   // "render/text"
  std::vector<std::string> may_include;  // rooms, or single headers ("render/draw/color.hpp")
};

const std::vector<Room>& rooms() {
  static const std::vector<Room> all{
      {"base", {}},
      {"fonts", {"base"}},
      {"render/text", {"fonts", "base"}},
      {"render/draw", {"render/text", "fonts", "base"}},
      {"render/sdl", {"render/draw", "render/text", "fonts", "base"}},
      {"feeds", {"base"}},
      // Settings are plain values; a theme's colours are the one thing they take from render/.
      {"kiosk/config", {"feeds", "base", "render/draw/color.hpp"}},
      {"kiosk/slides", {"kiosk/config", "render/draw", "render/text", "feeds", "fonts", "base"}},
      {"kiosk/appliance", {"kiosk/config", "feeds", "base"}},
      {"kiosk/player",
       {"kiosk/appliance", "kiosk/slides", "kiosk/config", "render/sdl", "render/draw", "render/text", "feeds", "fonts",
        "base"}},
      {"kiosk/commands",
       {"kiosk/player", "kiosk/appliance", "kiosk/slides", "kiosk/config", "render/sdl", "render/draw", "render/text",
        "feeds", "fonts", "base"}},
  };
  return all;
}

// C libraries (by the first part of their header's path) and the rooms that may include
// them: each is wrapped in one place, and the text engine never sees SDL or FreeType.
struct Library {
  std::string header;  // "SDL2" for <SDL2/SDL.h>, "ft2build" for <ft2build.h>, "SDL2/SDL_image" for that header
  std::vector<std::string> rooms;
};

const std::vector<Library>& libraries() {
  static const std::vector<Library> all{
      {"SDL2", {"render/sdl", "kiosk/player", "kiosk/commands"}},
      // Photos are decoded in one place; the rest of the program sees RgbaImage values.
      {"SDL2/SDL_image", {"render/sdl"}},
      {"ft2build", {"render/draw"}},
      {"freetype", {"render/draw"}},
      {"png", {"render/draw"}},
      {"qrencode", {"render/draw"}},
      {"pixman", {"render/draw"}},
      {"fribidi", {"render/text"}},
      {"fontconfig", {"fonts"}},
      {"curl", {"feeds"}},
      {"libxml", {"feeds"}},
      {"libical", {"feeds"}},
      {"openssl", {"feeds"}},
      {"zlib", {"feeds"}},
      {"toml++", {"kiosk/config"}},
      {"systemd", {"kiosk/appliance"}},
      {"libudev", {"kiosk/player"}},
  };
  return all;
}

bool inside(const std::string& path, const std::string& folder) {
  return path == folder || path.rfind(folder + "/", 0) == 0;
}

// The room a project path belongs to: the longest folder that holds it.
const Room* room_of(const std::string& path) {
  const Room* best = nullptr;
  for (const Room& room : rooms()) {
    if (inside(path, room.folder) && (!best || room.folder.size() > best->folder.size())) best = &room;
  }
  return best;
}

struct Include {
  std::string file;  // "kiosk/slides/show.cpp"
  int line;
  std::string target;  // "render/draw/scene.hpp" or "SDL2/SDL.h"
  bool system;         // <...>
};

std::vector<Include> includes_of(const fs::path& root, const std::string& file) {
  static const std::regex directive(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<Include> found;
  std::ifstream in(root / file);
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    std::smatch m;
    if (std::regex_search(text, m, directive)) found.push_back({file, line, m[2].str(), m[1].str() == "<"});
  }
  return found;
}

// Every source file of the project's libraries, as paths relative to `root`.
std::vector<std::string> sources(const fs::path& root) {
  std::vector<std::string> files;
  for (const char* top : {"base", "fonts", "render", "feeds", "kiosk"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      const std::string name = entry.path().filename().string();
      const bool source = name.ends_with(".cpp") || name.ends_with(".hpp") || name.ends_with(".cpp.in");
      if (entry.is_regular_file() && source) files.push_back(fs::relative(entry.path(), root).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The library a system header belongs to: the longest one named by its first path parts
// ("SDL2/SDL_image.h" is SDL2_image's, "SDL2/SDL.h" SDL's); null for any other header.
const Library* library_of(const std::string& header) {
  const Library* best = nullptr;
  for (const Library& library : libraries()) {
    const std::string& name = library.header;
    const bool named = header.rfind(name, 0) == 0 && (header.size() == name.size() || header[name.size()] == '/' ||
                                                       header[name.size()] == '.');
    if (named && (!best || name.size() > best->header.size())) best = &library;
  }
  return best;
}

// What is wrong with one include, or nothing.
std::string judge(const fs::path& root, const Include& include) {
  const Room* from = room_of(include.file);
  if (!from) return "is in no room of tests/arrows_test.cpp";
  if (include.system) {
    const Library* library = library_of(include.target);
    if (!library || std::count(library->rooms.begin(), library->rooms.end(), from->folder) > 0) return "";
    std::string owners;
    for (const std::string& room : library->rooms) owners += (owners.empty() ? "" : ", ") + room;
    return "includes <" + include.target + ">: " + library->header + " is for " + owners + " only";
  }
  if (!fs::exists(root / include.target)) return "includes \"" + include.target + "\", which does not exist";
  const Room* to = room_of(include.target);
  if (!to) return "includes \"" + include.target + "\" from outside the libraries";
  if (to == from) return "";
  for (const std::string& allowed : from->may_include) {
    if (allowed == to->folder || allowed == include.target) return "";
  }
  return "includes \"" + include.target + "\": " + from->folder + " may not include " + to->folder;
}

fs::path source_root() {
  const char* dir = std::getenv("LAFITA_ARROWS_ROOT");  // a copy with a planted include, to see the test fail
  return dir ? fs::path(dir) : fs::path(LAFITA_SOURCE_DIR);
}

}  // namespace

TEST_SUITE("arrows") {
  TEST_CASE("every include of the libraries follows the arrows of DESIGN.md") {
    const fs::path root = source_root();
    const std::vector<std::string> files = sources(root);
    REQUIRE(files.size() > 100);
    std::ostringstream wrong;
    size_t checked = 0;
    for (const std::string& file : files) {
      for (const Include& include : includes_of(root, file)) {
        ++checked;
        const std::string why = judge(root, include);
        if (!why.empty()) wrong << file << ":" << include.line << ": " << why << "\n";
      }
    }
    INFO(checked, " includes in ", files.size(), " files");
    CHECK_MESSAGE(wrong.str().empty(), "\n" << wrong.str());
  }

  TEST_CASE("the rules themselves: upward, sideways and SDL includes are caught") {
    const fs::path root = LAFITA_SOURCE_DIR;
    CHECK(judge(root, {"render/text/shaper.cpp", 1, "render/draw/scene.hpp", false}) ==
          "includes \"render/draw/scene.hpp\": render/text may not include render/draw");
    CHECK(judge(root, {"feeds/item.hpp", 1, "render/text/bidi.hpp", false}) ==
          "includes \"render/text/bidi.hpp\": feeds may not include render/text");
    CHECK(judge(root, {"render/text/bidi.cpp", 1, "feeds/item.hpp", false}) ==
          "includes \"feeds/item.hpp\": render/text may not include feeds");
    CHECK(judge(root, {"kiosk/slides/show.cpp", 1, "kiosk/player/player.hpp", false}) ==
          "includes \"kiosk/player/player.hpp\": kiosk/slides may not include kiosk/player");
    CHECK(judge(root, {"kiosk/slides/show.cpp", 1, "SDL2/SDL.h", true}) ==
          "includes <SDL2/SDL.h>: SDL2 is for render/sdl, kiosk/player, kiosk/commands only");
    CHECK(judge(root, {"kiosk/player/slide_preparer.cpp", 1, "SDL2/SDL_image.h", true}) ==
          "includes <SDL2/SDL_image.h>: SDL2/SDL_image is for render/sdl only");
    CHECK(judge(root, {"render/sdl/photo_decoder.cpp", 1, "SDL2/SDL_image.h", true}).empty());
    CHECK(judge(root, {"kiosk/slides/slide_template.cpp", 1, "pixman.h", true}) ==
          "includes <pixman.h>: pixman is for render/draw only");
    CHECK(judge(root, {"render/text/shaper.cpp", 1, "ft2build.h", true}) ==
          "includes <ft2build.h>: ft2build is for render/draw only");
    CHECK(judge(root, {"kiosk/slides/slide_template.cpp", 1, "qrencode.h", true}) ==
          "includes <qrencode.h>: qrencode is for render/draw only");
    CHECK(judge(root, {"render/draw/qrencode_handles.hpp", 1, "qrencode.h", true}).empty());
    CHECK(judge(root, {"kiosk/config/show_options.hpp", 1, "render/draw/scene.hpp", false}) ==
          "includes \"render/draw/scene.hpp\": kiosk/config may not include render/draw");
    CHECK(judge(root, {"kiosk/config/slide_settings.hpp", 1, "render/draw/color.hpp", false}).empty());
    CHECK(judge(root, {"kiosk/player/player.cpp", 1, "kiosk/slides/show.hpp", false}).empty());
    CHECK(judge(root, {"kiosk/new_room/x.cpp", 1, "base/c_deleter.hpp", false}) == "is in no room of tests/arrows_test.cpp");
  }
}
