#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lafita::feeds {

// Whether `source` is a URL ("scheme://...") rather than a file name. Only http, https and
// file URLs are fetched; any other fails, saying so.
bool is_url(std::string_view source);

// Whether `source` is fetched over the network (http:// or https://), the only sources
// whose copies are kept on disk.
bool is_remote(std::string_view source);

// The file a feed source names: a file name as it is, a file:// URL's path (percent-decoded;
// its host empty or "localhost"). Nothing for other URLs (`why` left empty: they are the
// network's), and nothing with `why` for a file:// URL Lafita does not read.
std::optional<std::string> local_file(std::string_view source, std::string& why);

// Whether `url` parses as a URL with a host (libcurl's parser).
bool has_host(std::string_view url);

// Whether two URLs have the same scheme, host and port (ports as the scheme's default
// when not given): where a feed's bearer token may also be sent.
bool same_origin(std::string_view a, std::string_view b);

// `url` as it may be shown in a log, a status file, a metric or on screen. A feed URL may
// carry a credential, and all of those are world-readable or seen by all: the user name
// and password become "***", so do the values of query and fragment parameters whose names
// look secret (token, key, secret, pass, auth, sig, session, code, ...) and path segments
// that look like keys (long runs of hexadecimal, random-looking mixed case and digits,
// "private-..." as in calendar secret addresses). File names are shown as they are.
std::string redact_url(std::string_view url);

// Whether redact_url() hides anything in `url`: a credential, which belongs in a token file.
bool has_credentials(std::string_view url);

}  // namespace lafita::feeds
