#include "kiosk/slides/show.hpp"

#include "base/log_priority.hpp"
#include "kiosk/slides/content.hpp"
#include "kiosk/slides/item_link.hpp"

#include <ostream>

namespace lafita::kiosk {

namespace {

// An item's id for a log line: ids may be links of up to 2,000 bytes; the first 80 bytes
// (cut before a UTF-8 continuation byte) say which item it is.
std::string short_id(const std::string& id) {
  if (id.size() <= 80) return id;
  size_t end = 80;
  while (end > 0 && (static_cast<unsigned char>(id[end]) & 0xc0) == 0x80) --end;
  return id.substr(0, end) + "…";
}

// One warning for each item whose link gets no QR code (a javascript: link, one too long),
// when a show is made: at start and at each reload.
void warn_about_links(const std::vector<feeds::Item>& items, std::vector<std::string>& warnings) {
  for (const feeds::Item& item : items) {
    std::string why;
    if (!item.link.empty() && !qr_link(item.link, why)) {
      warnings.push_back("item '" + short_id(item.id) + "': no QR code for its link: " + why);
    }
  }
}

}  // namespace

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
  if (options.slides.qr) warn_about_links(show.items, warnings);
  show.library = std::make_unique<fonts::FontLibrary>();
  SlideSettings slides = options.slides;
  slides.locale = options.language;  // its region names the months
  show.slide_template = std::make_unique<SlideTemplate>(*show.library, options.theme, std::move(slides), warnings);
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
  auto decoded = photos.decode ? photos.decode(holder, 0, 0) : nullptr;
  logos.emplace(address, decoded);
  return decoded;
}

feeds::Time minute_of(feeds::Time time) { return std::chrono::floor<std::chrono::minutes>(time); }

}  // namespace lafita::kiosk
