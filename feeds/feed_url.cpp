#include "feeds/feed_url.hpp"

#include "base/ascii.hpp"
#include "feeds/curl_handles.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace lafita::feeds {

namespace {

constexpr std::string_view kHidden = "***";

// `text` with its %XX escapes decoded (libcurl's decoder).
std::string percent_decoded(std::string_view text) {
  int length = 0;
  const CurlString decoded(curl_easy_unescape(nullptr, text.data(), static_cast<int>(text.size()), &length));
  if (!decoded) return std::string(text);
  return std::string(decoded.get(), static_cast<size_t>(length));
}

// One part of a parsed URL (libcurl's), or nothing when it has none or libcurl says no.
std::optional<std::string> url_part(const CurlUrl& url, CURLUPart which, unsigned flags = 0) {
  char* value = nullptr;
  const CURLUcode code = curl_url_get(url.get(), which, &value, flags);
  const CurlString owned(value);
  if (code != CURLUE_OK || !owned) return std::nullopt;
  return std::string(owned.get());
}

// A query or fragment parameter's name that says its value is a secret (%74oken too).
bool secret_name(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kSecretWords{
      "token", "key",  "secret", "pass", "pwd",   "auth",      "sig",     "session",
      "sid",   "code", "cred",   "jwt",  "nonce", "signature", "private", "hash"};
  const std::string lower = ascii_lowercase(percent_decoded(name));
  return std::any_of(kSecretWords.begin(), kSecretWords.end(),
                     [&](std::string_view word) { return lower.find(word) != std::string::npos; });
}

// A path segment that looks like a key rather than a name: "private-..." (Google Calendar's
// secret address), 16 or more hexadecimal digits (with dashes: a GUID), or 20 or more
// letters and digits in mixed case, as random tokens are and slugs are not.
bool secret_segment(std::string_view segment) {
  if (ascii_lowercase(segment).starts_with("private-")) return true;
  size_t hex = 0, upper = 0, lower = 0, digits = 0, other = 0;
  for (unsigned char c : segment) {
    if (std::isxdigit(c)) ++hex;
    if (std::isupper(c)) ++upper;
    if (std::islower(c)) ++lower;
    if (std::isdigit(c)) ++digits;
    if (!std::isalnum(c) && c != '-' && c != '_') ++other;
  }
  if (other > 0) return false;
  const size_t dashes = static_cast<size_t>(std::count(segment.begin(), segment.end(), '-'));
  if (hex >= 16 && hex + dashes == segment.size() && digits > 0) return true;
  return segment.size() >= 20 && upper > 0 && lower > 0 && digits > 0;
}

// `text` with each piece between `separators` replaced by `redact(piece)`, the separators kept.
template <typename Redact>
std::string redact_pieces(std::string_view text, std::string_view separators, Redact&& redact) {
  std::string out;
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find_first_of(separators, start), text.size());
    out += redact(text.substr(start, end - start));
    if (end < text.size()) out += text[end];
    start = end + 1;
  }
  return out;
}

// "a=1&token=x" with the secret values hidden.
std::string redact_parameters(std::string_view parameters) {
  return redact_pieces(parameters, "&;", [](std::string_view pair) {
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos && secret_name(pair.substr(0, equals))) {
      return std::string(pair.substr(0, equals + 1)) + std::string(kHidden);
    }
    return equals == std::string_view::npos && secret_segment(pair) ? std::string(kHidden) : std::string(pair);
  });
}

std::string redact_path(std::string_view path) {
  return redact_pieces(path, "/", [](std::string_view segment) {
    return secret_segment(segment) ? std::string(kHidden) : std::string(segment);
  });
}

}  // namespace

bool is_url(std::string_view source) {
  const size_t colon = source.find("://");
  if (colon == 0 || colon == std::string_view::npos || !std::isalpha(static_cast<unsigned char>(source[0]))) return false;
  return std::all_of(source.begin(), source.begin() + static_cast<ptrdiff_t>(colon), [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '-' || c == '.';
  });
}

bool is_remote(std::string_view source) {
  const std::string scheme = ascii_lowercase(source.substr(0, 8));
  return scheme.starts_with("http://") || scheme == "https://";
}

std::optional<std::string> local_file(std::string_view source, std::string& why) {
  if (!is_url(source)) return std::string(source);
  if (ascii_lowercase(source.substr(0, 7)) != "file://") return std::nullopt;
  const CurlUrl url(curl_url());
  const std::string text(source);
  const auto path = url && curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) == CURLUE_OK
                        ? url_part(url, CURLUPART_PATH, CURLU_URLDECODE)
                        : std::nullopt;
  if (!path) {
    why = "not a file:// URL Lafita can read (file:///path/to/feed.xml)";
    return std::nullopt;
  }
  const std::string& file = *path;
  if (const auto name = url_part(url, CURLUPART_HOST); name && !name->empty() && ascii_lowercase(*name) != "localhost") {
    why = "a file:// URL names a file on this machine, not on '" + *name + "'";
    return std::nullopt;
  }
  if (file.find('\0') != std::string::npos) {
    why = "the file name holds a NUL";
    return std::nullopt;
  }
  return file;
}

bool has_host(std::string_view url) {
  const CurlUrl parsed(curl_url());
  const std::string text(url);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return false;
  const auto host = url_part(parsed, CURLUPART_HOST);
  return host && !host->empty();
}

bool same_origin(std::string_view a, std::string_view b) {
  auto origin = [](std::string_view url) -> std::optional<std::string> {
    const CurlUrl parsed(curl_url());
    const std::string text(url);
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return std::nullopt;
    const auto scheme = url_part(parsed, CURLUPART_SCHEME), host = url_part(parsed, CURLUPART_HOST),
               port = url_part(parsed, CURLUPART_PORT, CURLU_DEFAULT_PORT);
    if (!scheme || !host || !port) return std::nullopt;
    return ascii_lowercase(*scheme + "://" + *host + ":" + *port);
  };
  const auto first = origin(a), second = origin(b);
  return first && second && *first == *second;
}

std::string redact_url(std::string_view url) {
  // Not a URL (a file name): a '?' or '#' in it is still read as parameters, in case.
  if (!is_url(url)) {
    const size_t parameters = url.find_first_of("?#");
    if (parameters == std::string_view::npos) return std::string(url);
    return std::string(url.substr(0, parameters + 1)) + redact_parameters(url.substr(parameters + 1));
  }
  // Where the user name ends and the host begins is libcurl's to say: it is libcurl that
  // sends them. A URL it cannot read shows nothing but its scheme.
  const size_t scheme_end = url.find("://");
  const std::string scheme(url.substr(0, scheme_end));
  const CurlUrl parsed(curl_url());
  const std::string text(url);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return scheme + "://" + std::string(kHidden);
  }
  const auto part = [&](CURLUPart which) { return url_part(parsed, which); };
  std::string out = scheme + "://";
  if (part(CURLUPART_USER) || part(CURLUPART_PASSWORD) || part(CURLUPART_OPTIONS)) out += std::string(kHidden) + "@";
  out += part(CURLUPART_HOST).value_or("");
  if (const auto port = part(CURLUPART_PORT)) out += ":" + *port;
  out += redact_path(part(CURLUPART_PATH).value_or(""));
  if (const auto query = part(CURLUPART_QUERY)) out += "?" + redact_parameters(*query);
  if (const auto fragment = part(CURLUPART_FRAGMENT)) out += "#" + redact_parameters(*fragment);
  return out;
}

bool has_credentials(std::string_view url) { return redact_url(url) != url; }

}  // namespace lafita::feeds
