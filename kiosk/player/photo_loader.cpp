#include "kiosk/player/photo_loader.hpp"

#include "base/log_priority.hpp"
#include "feeds/feed_url.hpp"
#include "feeds/http_fetcher.hpp"
#include "render/draw/image_header.hpp"
#include "render/sdl/photo_decoder.hpp"

#include <ostream>

namespace lafita::kiosk {

namespace {

// The bytes of the photo at `address`, or nothing with `why`.
// A network photo's copy, kept by the feed updater (feeds::PhotoFetcher).
std::optional<std::string> cached_bytes(const std::string& address, const feeds::FeedCache* cache, std::string& why) {
  std::optional<feeds::CachedFeed> copy = cache ? cache->load(address, why) : std::nullopt;
  if (!copy) {
    if (why.empty()) why = "not in the cache (not fetched yet, or it failed)";
    return std::nullopt;
  }
  return std::move(copy->body);
}

std::optional<std::string> photo_bytes(const std::string& address, PhotoReach reach, const feeds::FeedCache* cache,
                                       const render::ImageLimits& limits, std::string& why) {
  if (reach == PhotoReach::cached && feeds::is_remote(address)) return cached_bytes(address, cache, why);
  if (reach == PhotoReach::files && feeds::is_remote(address)) {
    why = "not fetched here (only photos from files are read)";
    return std::nullopt;
  }
  feeds::FetchRequest request;
  request.url = address;
  request.max_bytes = limits.max_bytes;
  request.total_timeout = std::chrono::seconds(30);
  feeds::FetchResult result = feeds::fetch(request);
  if (result.outcome != feeds::FetchResult::Outcome::fetched) {
    // The fetcher's message names a feed; here the photo is named by the caller.
    const size_t reason = result.error.find("': ");
    why = reason == std::string::npos ? result.error : result.error.substr(reason + 3);
    return std::nullopt;
  }
  return std::move(result.body);
}

void warn(std::ostream& log, const feeds::Item& item, const std::string& why) {
  log << warning_priority << "lafita: warning: photo '" << feeds::redact_url(item.image) << "' of item '" << item.id
      << "': " << why << "; shown without it\n";
}

}  // namespace

PhotoSource photo_loader(std::ostream& log, PhotoReach reach, std::shared_ptr<const feeds::FeedCache> cache) {
  PhotoSource source;
  // The header only: a photo refused here (not to be had, not a picture, too large) is
  // never laid out, so the slide keeps its whole width for the text.
  source.has = [&log, reach, cache](const feeds::Item& item) {
    const render::ImageLimits limits;
    std::string why;
    const auto bytes = photo_bytes(item.image, reach, cache.get(), limits, why);
    if (bytes && render::check_image(*bytes, limits, why)) return true;
    warn(log, item, why);
    return false;
  };
  source.decode = [&log, reach, cache](const feeds::Item& item, int width,
                                       int height) -> std::shared_ptr<const render::RgbaImage> {
    const render::ImageLimits limits;
    std::string why;
    std::optional<render::RgbaImage> photo;
    if (const auto bytes = photo_bytes(item.image, reach, cache.get(), limits, why)) {
      photo = render::decode_photo(*bytes, limits, why, width, height);
    }
    if (!photo) {
      warn(log, item, why);
      return nullptr;
    }
    return std::make_shared<const render::RgbaImage>(std::move(*photo));
  };
  return source;
}

}  // namespace lafita::kiosk
