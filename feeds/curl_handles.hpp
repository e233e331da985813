#pragma once

#include "base/c_deleter.hpp"

#include <curl/curl.h>

#include <memory>

namespace lafita::feeds {

// libcurl handles, each freed by the function libcurl names for it.
using CurlEasy = std::unique_ptr<CURL, CDeleter<curl_easy_cleanup>>;
using CurlMulti = std::unique_ptr<CURLM, CDeleter<curl_multi_cleanup>>;
using CurlUrl = std::unique_ptr<CURLU, CDeleter<curl_url_cleanup>>;
using CurlHeaders = std::unique_ptr<curl_slist, CDeleter<curl_slist_free_all>>;
using CurlString = std::unique_ptr<char, CDeleter<curl_free>>;  // what libcurl allocates for a caller

}  // namespace lafita::feeds
