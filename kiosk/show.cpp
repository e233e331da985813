#include "kiosk/show.hpp"

#include "kiosk/content.hpp"

#include <ostream>

namespace lafita::kiosk {

Show open_show(const ShowOptions& options, std::vector<std::string>& warnings) {
  use_time_zone(options.time_zone);
  Show show;
  show.items = load_items(options.feed, warnings);
  if (show.items.empty()) {
    throw UsageError("feed '" + (options.feed.empty() ? std::string("built-in sample") : options.feed) + "': has no item to show");
  }
  show.library = std::make_unique<fonts::FontLibrary>();
  show.slide_template = std::make_unique<SlideTemplate>(*show.library, Theme{}, options.slides, warnings);
  show.rasterizer = std::make_unique<render::GlyphRasterizer>();
  return show;
}

Show open_show(const ShowOptions& options, std::ostream& log) {
  std::vector<std::string> warnings;
  Show show = open_show(options, warnings);
  for (const auto& warning : warnings) log << "lafita: warning: " << warning << "\n";
  return show;
}

feeds::Time minute_of(feeds::Time time) { return std::chrono::floor<std::chrono::minutes>(time); }

}  // namespace lafita::kiosk
