#include "feeds/http_fetcher.hpp"

#include "feeds/curl_handles.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <mutex>
#include <sstream>

namespace lafita::feeds {

namespace {

constexpr const char* kUserAgent = "Lafita/" LAFITA_VERSION " (digital signage; +https://lafita.invalid)";

// The body as it arrives, refused past the cap.
struct Body {
  CURL* easy;
  std::string bytes;
  size_t max_bytes;
  bool too_large = false;
};

// Makes room for `needed` bytes. With a Content-Length (not compressed), exactly that.
// Otherwise the capacity steps through cap/2^k, so that it doubles and its last step lands
// on the cap: a body at the cap costs at most 1.5 times the cap while the last copy is
// made (libstdc++ rounds a reserve below twice the capacity up to twice; these never are).
void make_room(Body& body, size_t needed) {
  if (body.bytes.capacity() == 0) {
    curl_off_t announced = -1;
    curl_easy_getinfo(body.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
    if (announced > 0 && static_cast<size_t>(announced) <= body.max_bytes && static_cast<size_t>(announced) >= needed) {
      body.bytes.reserve(static_cast<size_t>(announced));
      return;
    }
  }
  size_t capacity = body.max_bytes;
  while ((capacity + 1) / 2 >= needed && capacity > 16384) capacity = (capacity + 1) / 2;
  body.bytes.reserve(capacity);
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
  Body& body = *static_cast<Body*>(user);
  const size_t length = size * count;
  if (length > body.max_bytes - body.bytes.size()) {
    body.too_large = true;
    return 0;  // anything but `length` aborts the transfer
  }
  if (body.bytes.size() + length > body.bytes.capacity()) make_room(body, body.bytes.size() + length);
  body.bytes.append(data, length);
  return length;
}

std::string header(CURL* easy, const char* name) {
  curl_header* found = nullptr;
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &found) != CURLHE_OK || found == nullptr) return {};
  return found->value ? found->value : "";
}

std::string charset_of(const char* content_type) {
  if (content_type == nullptr) return {};
  std::string type(content_type);
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  const size_t key = type.find("charset=");
  if (key == std::string::npos) return {};
  std::string value = type.substr(key + 8);
  value = value.substr(0, value.find_first_of("; "));
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  return value;
}

// The token in `file`, whitespace at its ends removed; nothing when unreadable.
std::optional<std::string> read_token(const std::string& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  token.erase(token.begin(), std::find_if_not(token.begin(), token.end(), space));
  token.erase(std::find_if_not(token.rbegin(), token.rend(), space).base(), token.end());
  return token;
}

FetchResult failure(const FetchRequest& request, const std::string& why) {
  FetchResult result;
  result.error = "feed '" + request.url + "': failed to fetch: " + why;
  return result;
}

void configure(CURL* easy, const FetchRequest& request, Body& body, char* error_buffer) {
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are a thread
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!request.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, request.ca_file.c_str());
  curl_easy_setopt(easy, CURLOPT_USERAGENT, kUserAgent);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
}

std::string describe(CURLcode code, const char* error_buffer, const Body& body, const FetchRequest& request) {
  if (body.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return "the body is larger than the limit of " + std::to_string(request.max_bytes) + " bytes";
  }
  return error_buffer[0] ? error_buffer : curl_easy_strerror(code);
}

}  // namespace

bool is_url(std::string_view source) {
  const size_t colon = source.find("://");
  if (colon == 0 || colon == std::string_view::npos || !std::isalpha(static_cast<unsigned char>(source[0]))) return false;
  return std::all_of(source.begin(), source.begin() + static_cast<ptrdiff_t>(colon), [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '-' || c == '.';
  });
}

namespace {
bool is_fetched_scheme(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://") || url.starts_with("file://");
}
}  // namespace

FetchResult fetch(const FetchRequest& request) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (!is_fetched_scheme(request.url)) return failure(request, "only http://, https:// and file:// URLs are fetched");
  const CurlEasy easy(curl_easy_init());
  if (!easy) return failure(request, "libcurl could not start");
  Body body{.easy = easy.get(), .bytes = {}, .max_bytes = request.max_bytes};
  char error_buffer[CURL_ERROR_SIZE] = "";
  configure(easy.get(), request, body, error_buffer);

  CurlHeaders headers;
  const auto add_header = [&](const std::string& line) { headers.reset(curl_slist_append(headers.release(), line.c_str())); };
  if (!request.etag.empty()) add_header("If-None-Match: " + request.etag);
  if (!request.last_modified.empty()) add_header("If-Modified-Since: " + request.last_modified);
  if (headers) curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, headers.get());
  std::string token;
  if (!request.token_file.empty()) {
    const auto read = read_token(request.token_file);
    if (!read) return failure(request, "cannot read the token file '" + request.token_file + "'");
    token = *read;
    curl_easy_setopt(easy.get(), CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
    curl_easy_setopt(easy.get(), CURLOPT_XOAUTH2_BEARER, token.c_str());
  }

  const CURLcode code = curl_easy_perform(easy.get());
  FetchResult result;
  curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &result.status);
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(easy.get(), CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
    result.retry_after = std::chrono::seconds(retry_after);
  }
  if (code != CURLE_OK) {
    FetchResult failed = failure(request, describe(code, error_buffer, body, request));
    failed.status = result.status;
    failed.retry_after = result.retry_after;
    return failed;
  }
  if (result.status == 304) {
    result.outcome = FetchResult::Outcome::not_modified;
    return result;
  }
  if (result.status != 0 && (result.status < 200 || result.status > 299)) {
    FetchResult failed = failure(request, "the server answered HTTP " + std::to_string(result.status));
    failed.status = result.status;
    failed.retry_after = result.retry_after;
    return failed;
  }
  result.outcome = FetchResult::Outcome::fetched;
  result.body = std::move(body.bytes);
  result.etag = header(easy.get(), "ETag");
  result.last_modified = header(easy.get(), "Last-Modified");
  const char* content_type = nullptr;
  curl_easy_getinfo(easy.get(), CURLINFO_CONTENT_TYPE, &content_type);
  result.charset = charset_of(content_type);
  return result;
}

}  // namespace lafita::feeds
