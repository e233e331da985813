#include "kiosk/slides/show.hpp"

#include "base/log_priority.hpp"
#include "kiosk/slides/content.hpp"

#include <ostream>

namespace lafita::kiosk {

Show open_show(const ShowOptions& options, std::vector<std::string>& warnings) {
  use_time_zone(options.time_zone);
  const feeds::Time now = options.time.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  std::vector<feeds::Item> items = load_items(options, now, warnings);
  if (items.empty()) {
    std::string names;
    for (const std::string& feed : feed_names(options)) names += (names.empty() ? "'" : ", '") + feed + "'";
    throw UsageError("feed " + (names.empty() ? std::string("'built-in sample'") : names) + ": has no item to show now");
  }
  return make_show(options, std::move(items), warnings);
}

Show make_show(const ShowOptions& options, std::vector<feeds::Item> items, std::vector<std::string>& warnings) {
  Show show;
  show.items = std::move(items);
  show.library = std::make_unique<fonts::FontLibrary>();
  show.slide_template = std::make_unique<SlideTemplate>(*show.library, options.theme, options.slides, warnings);
  show.rasterizer = std::make_unique<render::GlyphRasterizer>();
  return show;
}

Show open_show(const ShowOptions& options, std::ostream& log) {
  std::vector<std::string> warnings;
  Show show = open_show(options, warnings);
  for (const auto& warning : warnings) log << warning_priority << "lafita: warning: " << warning << "\n";
  return show;
}

std::shared_ptr<const render::RgbaImage> Show::logo(const std::string& address) {
  if (const auto known = logos.find(address); known != logos.end()) return known->second;
  feeds::Item holder;  // what a PhotoSource reads: the address, and a name for its log line
  holder.id = "(the feed's logo)";
  holder.image = address;
  auto decoded = photos ? photos(holder) : nullptr;
  logos.emplace(address, decoded);
  return decoded;
}

feeds::Time minute_of(feeds::Time time) { return std::chrono::floor<std::chrono::minutes>(time); }

}  // namespace lafita::kiosk
