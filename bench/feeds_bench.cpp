// What feeds cost, as ratios against a baseline in the same process:
//  - parsing a 1 MB RSS feed (WordPress-shaped: Arabic HTML in CDATA, content:encoded)
//    into sanitised items, against libxml2 parsing the same document alone;
//  - the peak memory of fetching a body at the size cap, over the cap (bar: at most 2),
//    with and without Content-Length, from a server in a child process;
//  - the peak memory of parsing a hostile feed at the size cap (hundreds of thousands of
//    tiny items, RSS and JSON Feed), over the document's size.
#include "bench/bench_program.hpp"
#include "feeds/feed_parser.hpp"
#include "feeds/http_fetcher.hpp"

#include <benchmark/benchmark.h>
#include <httplib.h>
#include <libxml/parser.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace lafita::bench {
namespace {

constexpr const char* kParagraph =
    "<p>استضافت حكومة تركمانستان في 17 مارس 2023 اجتماعاً عبر الإنترنت مع <strong>المنظمة الدولية للهجرة "
    "(IOM)</strong> ووكالات الأمم المتحدة (UN) ومنظمة المدن المتحدة والحكومات المحلية &#8211; الشرق الأوسط "
    "وغرب آسيا (UCLG-MEWA)&#8230; <a href=\"https://baladiya.example/a\">اقرأ المزيد</a></p>\n";

// About 1 MB of RSS 2.0, as a WordPress site with long posts writes it.
const std::string& one_megabyte_rss() {
  static const std::string document = [] {
    std::string rss =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
        "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>بلدية المدينة</title>"
        "<language>ar</language>\n";
    for (int i = 0; rss.size() < (1 << 20); ++i) {
      const std::string n = std::to_string(i);
      rss += "<item><title>اجتماع المجلس البلدي رقم " + n + " حول ميزانية 2025</title><link>https://baladiya.example/p/" +
             n + "</link><guid isPermaLink=\"false\">https://baladiya.example/?p=" + n +
             "</guid><pubDate>Tue, 14 Mar 2023 10:00:00 +0000</pubDate><description><![CDATA[" + kParagraph +
             "]]></description><content:encoded><![CDATA[";
      for (int p = 0; p < 8; ++p) rss += kParagraph;
      rss += "<script>track()</script>]]></content:encoded></item>\n";
    }
    return rss + "</channel></rss>\n";
  }();
  return document;
}

// The baseline: libxml2 parsing the document into a tree, alone.
class Libxml2Alone {
 public:
  void operator()() {
    xmlDocPtr doc = xmlReadMemory(rss_.data(), static_cast<int>(rss_.size()), nullptr, nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    benchmark::DoNotOptimize(doc);
    xmlFreeDoc(doc);
  }

 private:
  const std::string& rss_ = one_megabyte_rss();
};

void BM_Libxml2Alone(benchmark::State& state) {
  Libxml2Alone parse;
  for (auto _ : state) parse();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * one_megabyte_rss().size()));
}
BENCHMARK(BM_Libxml2Alone)->Unit(benchmark::kMillisecond);

// The whole parse into sanitised items.
class ParseFeed {
 public:
  void operator()() {
    const feeds::Feed feed = feeds::parse_feed(rss_, "bench.xml", options_);
    items = feed.items.size();
    benchmark::DoNotOptimize(feed.items.data());
  }

  size_t items = 0;

 private:
  const std::string& rss_ = one_megabyte_rss();
  feeds::ParseOptions options_;
};

void BM_ParseFeed(benchmark::State& state) {
  ParseFeed parse;
  for (auto _ : state) parse();
  state.counters["items"] = static_cast<double>(parse.items);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * one_megabyte_rss().size()));
}
BENCHMARK(BM_ParseFeed)->Unit(benchmark::kMillisecond);

// kB of a /proc/self/status field ("VmRSS", "VmHWM").
long status_kb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

// Peak resident memory `work` adds, in bytes, measured in a fresh child process after
// `warm_up`: glibc keeps freed heap resident, so earlier work in this process would hide
// the cost. `work` says whether it did what it should; -1 when not.
template <typename WarmUp, typename Work>
long peak_in_child(WarmUp warm_up, Work work) {
  int result_pipe[2];
  if (::pipe(result_pipe) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    warm_up();
    std::ofstream("/proc/self/clear_refs") << "5";  // resets VmHWM to the current VmRSS
    const long before = status_kb("VmRSS");
    const bool done = work();
    const long peak = done ? (status_kb("VmHWM") - before) * 1024 : -1;
    ::_exit(::write(result_pipe[1], &peak, sizeof peak) == sizeof peak ? 0 : 1);
  }
  long peak = -1;
  if (::read(result_pipe[0], &peak, sizeof peak) != sizeof peak) peak = -1;
  ::waitpid(child, nullptr, 0);
  ::close(result_pipe[0]);
  ::close(result_pipe[1]);
  return peak;
}

// Peak resident memory one fetch of `url` adds, libcurl warmed up with a small fetch.
long client_peak(const std::string& url, const std::string& small_url, size_t cap) {
  feeds::FetchRequest request;
  return peak_in_child(
      [&] {
        request.url = small_url;
        feeds::fetch(request);
      },
      [&] {
        request.url = url;
        request.max_bytes = cap;
        const feeds::FetchResult result = feeds::fetch(request);
        return result.outcome == feeds::FetchResult::Outcome::fetched && result.body.size() == cap;
      });
}

// Peak resident memory added by one fetch of a `cap`-byte body, in bytes. The server runs
// in a child process, so only the client's memory is counted.
long fetch_peak(size_t cap, bool chunked) {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    httplib::Server server;
    const std::string body(cap, 'x');
    server.Get("/small", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
    server.Get("/feed", [&](const httplib::Request&, httplib::Response& res) {
      if (!chunked) {
        res.set_content(body, "application/octet-stream");
        return;
      }
      res.set_chunked_content_provider("application/octet-stream", [&](size_t offset, httplib::DataSink& sink) {
        if (offset >= body.size()) {
          sink.done();
          return true;
        }
        sink.write(body.data() + offset, std::min<size_t>(65536, body.size() - offset));
        return true;
      });
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    if (::write(ready[1], &port, sizeof port) != sizeof port) ::_exit(1);
    server.listen_after_bind();
    ::_exit(0);
  }
  int port = 0;
  if (::read(ready[0], &port, sizeof port) != sizeof port) return -1;
  ::close(ready[0]);
  ::close(ready[1]);
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  const long peak = client_peak(base + "/feed", base + "/small", cap);
  ::kill(child, SIGTERM);
  ::waitpid(child, nullptr, 0);
  return peak;
}

// A feed of `bytes` made of the smallest items a format allows, as an attacker would send.
std::string tiny_items(bool json, size_t bytes) {
  std::string document = json ? "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":["
                              : "<rss version=\"2.0\"><channel><title>t</title>";
  for (size_t i = 0; document.size() < bytes - 64; ++i) {
    document += json ? std::string(i ? "," : "") + "{\"title\":\"a\"}" : "<item><title>a</title></item>";
  }
  return document + (json ? "]}" : "</channel></rss>");
}

// Peak resident memory one parse of `document` adds, the parser warmed up on a small one.
long parse_peak(const std::string& document) {
  return peak_in_child([&] { feeds::parse_feed(tiny_items(document.front() == '{', 4096), "warm-up", feeds::ParseOptions{}); },
                       [&] { return feeds::parse_feed(document, "bench", feeds::ParseOptions{}).items.size() == feeds::TextLimits{}.items; });
}

// The memory ratios: each measured once, in child processes.
void print_memory_ratios() {
  std::printf("\nmemory ratios (peak resident memory in a fresh child process):\n");
  const size_t cap = feeds::FetchRequest{}.max_bytes;
  for (const bool chunked : {false, true}) {
    const long peak = fetch_peak(cap, chunked);
    std::printf("  peak memory fetching %zu bytes (%s) / the cap  %5.2f  (bar: at most 2)\n", cap,
                chunked ? "chunked       " : "Content-Length", static_cast<double>(peak) / static_cast<double>(cap));
  }
  for (const bool json : {false, true}) {
    const std::string document = tiny_items(json, cap);
    const long peak = parse_peak(document);
    std::printf("  peak memory parsing %zu bytes of tiny items (%s) / the document  %5.2f  (bar: at most 4)\n",
                document.size(), json ? "JSON Feed" : "RSS      ", static_cast<double>(peak) / static_cast<double>(document.size()));
  }
}

const BenchProgram kProgram{
    "ratios",
    {{"BM_Libxml2Alone", workload<Libxml2Alone>()}, {"BM_ParseFeed", workload<ParseFeed>()}},
    {{"parse a 1 MB RSS feed / libxml2 alone", "BM_ParseFeed", "BM_Libxml2Alone", ""}},
    print_memory_ratios};

}  // namespace
}  // namespace lafita::bench

int main(int argc, char** argv) { return lafita::bench::run_bench_program(argc, argv, lafita::bench::kProgram); }
