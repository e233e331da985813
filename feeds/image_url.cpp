#include "feeds/image_url.hpp"

#include "base/ascii.hpp"
#include "feeds/curl_handles.hpp"
#include "feeds/feed_url.hpp"
#include "feeds/untrusted_text.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace lafita::feeds {

namespace {

// The scheme of an absolute reference (RFC 3986: a letter, then letters, digits, + - .,
// then ':'), lowercased; empty for a relative reference ("img/a.jpg", "//host/a.jpg").
std::string scheme_of(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos || !std::isalpha(static_cast<unsigned char>(text[0]))) return {};
  const std::string_view scheme = text.substr(0, colon);
  const bool valid = std::all_of(scheme.begin(), scheme.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '-' || c == '.';
  });
  return valid ? ascii_lowercase(scheme) : std::string();
}

// `reference` resolved against `base` (nothing for no base) by libcurl, as an http(s) URL
// with a host; nothing when libcurl cannot read it or it ends up anywhere else.
std::optional<std::string> web_url(const std::string& reference, const std::string& base) {
  const CurlUrl url(curl_url());
  if (!url) return std::nullopt;
  if (!base.empty() && curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return std::nullopt;
  if (curl_url_set(url.get(), CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK) return std::nullopt;
  char* scheme = nullptr;
  char* host = nullptr;
  char* whole = nullptr;
  curl_url_get(url.get(), CURLUPART_SCHEME, &scheme, 0);
  curl_url_get(url.get(), CURLUPART_HOST, &host, 0);
  curl_url_get(url.get(), CURLUPART_URL, &whole, 0);
  const CurlString owned_scheme(scheme), owned_host(host), owned_whole(whole);
  if (!scheme || !host || !whole || *host == '\0') return std::nullopt;
  if (!is_remote(std::string(scheme) + "://")) return std::nullopt;
  return std::string(whole);
}

// A picture a local feed names: a file:// URL or a file name, relative to the feed's folder.
std::optional<std::string> local_picture(const std::string& text, const std::string& scheme, const std::string& feed_file,
                                         std::string& why) {
  if (scheme == "file") return local_file(text, why);
  if (text.starts_with("//")) {
    why = "a network address without a scheme, from a feed that is a file";
    return std::nullopt;
  }
  const std::filesystem::path picture(text);
  if (picture.is_absolute()) return text;
  return (std::filesystem::path(feed_file).parent_path() / picture).string();
}

std::optional<std::string> resolve(const std::string& text, std::string_view base, std::string& why) {
  const std::string scheme = scheme_of(text);
  const std::string base_text(base);
  std::string base_error;
  const auto feed_file = base.empty() || is_remote(base) ? std::nullopt : local_file(base, base_error);
  if (scheme == "http" || scheme == "https") {
    if (auto url = web_url(text, {})) return url;
    why = "not an http(s) URL with a host";
    return std::nullopt;
  }
  if (feed_file && (scheme.empty() || scheme == "file")) return local_picture(text, scheme, *feed_file, why);
  if (scheme == "file") {
    why = "a file:// address from a feed fetched over the network";
    return std::nullopt;
  }
  if (!scheme.empty()) {
    why = "the scheme '" + clean_token(scheme, 20) + ":' is not http or https";
    return std::nullopt;
  }
  if (!is_remote(base)) {
    why = "a relative address, and the feed's own address to resolve it against is unknown";
    return std::nullopt;
  }
  if (auto url = web_url(text, base_text)) return url;
  why = "a relative address that does not resolve to an http(s) URL";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> image_url(std::string_view raw, std::string_view base, size_t max_bytes, std::string& why) {
  why.clear();
  const std::string text = clean_token(raw, max_bytes + 1);
  if (text.empty()) return std::nullopt;
  if (text.size() > max_bytes) {
    why = "longer than " + std::to_string(max_bytes) + " bytes";
    return std::nullopt;
  }
  if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; })) {
    why = "holds a space or a control character";
    return std::nullopt;
  }
  auto resolved = resolve(text, base, why);
  if (resolved && resolved->size() > max_bytes) {
    why = "longer than " + std::to_string(max_bytes) + " bytes once resolved";
    return std::nullopt;
  }
  return resolved;
}

}  // namespace lafita::feeds
