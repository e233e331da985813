#include "feeds/http_fetcher.hpp"

#include "base/ascii.hpp"
#include "base/regular_file.hpp"
#include "feeds/curl_handles.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

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
  const std::string type = ascii_lowercase(content_type);
  const size_t key = type.find("charset=");
  if (key == std::string::npos) return {};
  std::string value = type.substr(key + 8);
  value = value.substr(0, value.find_first_of("; "));
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  return value;
}

// The token in `file`: a regular file of at most 4 KiB, whitespace at its ends removed.
// Anything but visible ASCII inside (a line break would start a header of its own) is
// refused, saying so in `why`.
std::optional<std::string> read_token(const std::string& file, std::string& why) {
  std::string reason;
  auto token = read_regular_file(file, kMaxTokenBytes, reason);
  if (!token) {
    why = "cannot read the token file '" + file + "': " + reason;
    return std::nullopt;
  }
  const auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  token->erase(token->begin(), std::find_if_not(token->begin(), token->end(), space));
  token->erase(std::find_if_not(token->rbegin(), token->rend(), space).base(), token->end());
  const auto bad = std::find_if(token->begin(), token->end(), [](unsigned char c) { return c <= 0x20 || c >= 0x7F; });
  if (token->empty() || bad != token->end()) {
    why = "the token file '" + file + "' " +
          (token->empty() ? std::string("is empty")
                          : "holds a character a token cannot have (byte " + std::to_string(bad - token->begin() + 1) +
                                "; one token of visible ASCII, on one line)");
    return std::nullopt;
  }
  return token;
}

FetchResult failure(const FetchRequest& request, const std::string& why) {
  FetchResult result;
  result.error = "feed '" + redact_url(request.url) + "': failed to fetch: " + why;
  return result;
}

// A feed that is a file: read at once, as large as a body may be, never a special file.
FetchResult read_local(const FetchRequest& request, const std::string& file) {
  FetchResult result;
  std::string why;
  auto bytes = read_regular_file(file, request.max_bytes, why);
  if (!bytes) {
    result.error = "feed '" + redact_url(request.url) + "': " + why;
    return result;
  }
  result.body = std::move(*bytes);
  result.outcome = FetchResult::Outcome::fetched;
  return result;
}

// One HTTP(S) transfer: the easy handle and everything libcurl points into while it runs.
struct Transfer {
  FetchRequest request;
  CurlEasy easy;
  Body body;
  CurlHeaders headers;
  char error[CURL_ERROR_SIZE] = "";
};

// Sets `transfer` up; the reason when it cannot start (a token that cannot be read).
std::optional<std::string> configure(Transfer& transfer) {
  CURL* easy = transfer.easy.get();
  const FetchRequest& request = transfer.request;
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are a thread
#if LIBCURL_VERSION_NUM >= 0x075700
  curl_easy_setopt(easy, CURLOPT_QUICK_EXIT, 1L);  // a name lookup under way never delays giving up
#endif
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(request.low_speed_bytes));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(request.low_speed_time.count()));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!request.ca_file.empty()) {
    if (auto why = not_regular_file(request.ca_file)) return "the CA file '" + request.ca_file + "' " + *why;
    curl_easy_setopt(easy, CURLOPT_CAINFO, request.ca_file.c_str());
  }
  curl_easy_setopt(easy, CURLOPT_USERAGENT, kUserAgent);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer.body);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);

  const auto add_header = [&](const std::string& line) {
    transfer.headers.reset(curl_slist_append(transfer.headers.release(), line.c_str()));
  };
  // Validators come from a server; one with a line break would add a header of its own.
  const auto one_line = [](const std::string& value) { return value.find_first_of("\r\n") == std::string::npos; };
  if (!request.etag.empty() && one_line(request.etag)) add_header("If-None-Match: " + request.etag);
  if (!request.last_modified.empty() && one_line(request.last_modified)) add_header("If-Modified-Since: " + request.last_modified);
  if (transfer.headers) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.headers.get());
  if (!request.token_file.empty()) {
    std::string why;
    const auto token = read_token(request.token_file, why);
    if (!token) return why;
    curl_easy_setopt(easy, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
    curl_easy_setopt(easy, CURLOPT_XOAUTH2_BEARER, token->c_str());  // libcurl keeps a copy
  }
  return std::nullopt;
}

std::string describe(CURLcode code, const Transfer& transfer) {
  if (transfer.body.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return "the body is larger than the limit of " + std::to_string(transfer.request.max_bytes) + " bytes";
  }
  return transfer.error[0] ? transfer.error : curl_easy_strerror(code);
}

// What a finished transfer brought.
FetchResult finish(Transfer& transfer, CURLcode code) {
  CURL* easy = transfer.easy.get();
  const FetchRequest& request = transfer.request;
  FetchResult result;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.status);
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
    result.retry_after = std::chrono::seconds(retry_after);
  }
  const auto failed = [&](const std::string& why) {
    FetchResult answer = failure(request, why);
    answer.status = result.status;
    answer.retry_after = result.retry_after;
    return answer;
  };
  if (code != CURLE_OK) return failed(describe(code, transfer));
  if (result.status == 304) {
    if (request.etag.empty() && request.last_modified.empty()) {
      return failed("the server answered 304 Not Modified to a request that had no copy to compare with");
    }
    result.outcome = FetchResult::Outcome::not_modified;
    return result;
  }
  if (result.status < 200 || result.status > 299) return failed("the server answered HTTP " + std::to_string(result.status));
  result.outcome = FetchResult::Outcome::fetched;
  result.body = std::move(transfer.body.bytes);
  result.etag = header(easy, "ETag");
  result.last_modified = header(easy, "Last-Modified");
  const char* content_type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
  result.charset = charset_of(content_type);
  return result;
}

}  // namespace

struct Fetcher::Impl {
  CurlMulti multi{curl_multi_init()};
  std::map<size_t, std::unique_ptr<Transfer>> transfers;
  std::vector<std::pair<size_t, FetchResult>> ready;  // files read and transfers that never started

  // Moves the results of finished transfers to `results`.
  void collect(std::vector<std::pair<size_t, FetchResult>>& results) {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* transfer = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
      const auto found = std::find_if(transfers.begin(), transfers.end(),
                                      [&](const auto& entry) { return entry.second.get() == transfer; });
      if (found == transfers.end()) continue;
      results.emplace_back(found->first, finish(*transfer, message->data.result));
      curl_multi_remove_handle(multi.get(), message->easy_handle);
      transfers.erase(found);
    }
  }
};

Fetcher::Fetcher() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_ = std::make_unique<Impl>();
  if (!impl_->multi) throw std::bad_alloc();  // libcurl allocates nothing else at this point
}

Fetcher::~Fetcher() {
  for (auto& [key, transfer] : impl_->transfers) curl_multi_remove_handle(impl_->multi.get(), transfer->easy.get());
}

void Fetcher::add(size_t key, const FetchRequest& request) {
  std::string why;
  if (const auto file = local_file(request.url, why)) {
    impl_->ready.emplace_back(key, read_local(request, *file));
    return;
  }
  const std::string_view url = request.url;
  if (!why.empty() || !(url.starts_with("http://") || url.starts_with("https://"))) {
    impl_->ready.emplace_back(key, failure(request, why.empty() ? "only http://, https:// and file:// URLs are fetched" : why));
    return;
  }
  auto transfer = std::make_unique<Transfer>();
  transfer->request = request;
  transfer->easy.reset(curl_easy_init());
  transfer->body = Body{.easy = transfer->easy.get(), .bytes = {}, .max_bytes = request.max_bytes};
  if (!transfer->easy || !impl_->multi) {
    impl_->ready.emplace_back(key, failure(request, "libcurl could not start"));
    return;
  }
  if (auto problem = configure(*transfer)) {
    impl_->ready.emplace_back(key, failure(request, *problem));
    return;
  }
  if (curl_multi_add_handle(impl_->multi.get(), transfer->easy.get()) != CURLM_OK) {
    impl_->ready.emplace_back(key, failure(request, "libcurl could not start"));
    return;
  }
  impl_->transfers.emplace(key, std::move(transfer));
}

bool Fetcher::busy(size_t key) const {
  return impl_->transfers.count(key) > 0 ||
         std::any_of(impl_->ready.begin(), impl_->ready.end(), [&](const auto& entry) { return entry.first == key; });
}

size_t Fetcher::under_way() const { return impl_->transfers.size() + impl_->ready.size(); }

std::vector<std::pair<size_t, FetchResult>> Fetcher::run(std::chrono::steady_clock::time_point deadline) {
  std::vector<std::pair<size_t, FetchResult>> results = std::move(impl_->ready);
  impl_->ready.clear();
  if (!results.empty()) return results;
  int running = 0;
  curl_multi_perform(impl_->multi.get(), &running);
  impl_->collect(results);
  if (!results.empty()) return results;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  const int timeout = static_cast<int>(std::clamp<int64_t>(left.count(), 0, 3'600'000));
  // Returns when a transfer can move, at libcurl's own next timeout, at the deadline, or
  // at wake(); waits even with no transfers at all.
  curl_multi_poll(impl_->multi.get(), nullptr, 0, timeout, nullptr);
  curl_multi_perform(impl_->multi.get(), &running);
  impl_->collect(results);
  return results;
}

void Fetcher::wake() { curl_multi_wakeup(impl_->multi.get()); }

FetchResult fetch(const FetchRequest& request) {
  Fetcher fetcher;
  fetcher.add(0, request);
  for (;;) {
    auto results = fetcher.run(std::chrono::steady_clock::now() + std::chrono::hours(1));
    if (!results.empty()) return std::move(results.front().second);
  }
}

}  // namespace lafita::feeds
