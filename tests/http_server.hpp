#pragma once
// A real HTTP(S) server on 127.0.0.1 and an ephemeral port, for the fetching tests
// (cpp-httplib). Handlers are set before start(); the destructor releases handlers that
// wait on `release` and stops the server.
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace lafita::test {

class HttpServer {
 public:
  explicit HttpServer(std::unique_ptr<httplib::Server> server = std::make_unique<httplib::Server>())
      : server_(std::move(server)) {
    // Enough threads for every feed of a test at once, with their kept-alive connections.
    server_->new_task_queue = [] { return new httplib::ThreadPool(32); };
  }
  ~HttpServer() {
    {
      const std::lock_guard lock(mutex_);
      released_ = true;
    }
    release_.notify_all();
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Server& routes() { return *server_; }

  void start() {
    port_ = server_->bind_to_any_port("127.0.0.1");  // listening from here on: no race with clients
    thread_ = std::thread([this] { server_->listen_after_bind(); });
  }

  std::string url(const std::string& path, const std::string& scheme = "http") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + path;
  }

  // Blocks a handler until the server is destroyed: a server that hangs.
  void hang() {
    std::unique_lock lock(mutex_);
    release_.wait(lock, [&] { return released_; });
  }

  // Blocks a handler for `pause`, or until the server is destroyed (then false): a server
  // that trickles its answer.
  bool pause(std::chrono::milliseconds pause) {
    std::unique_lock lock(mutex_);
    return !release_.wait_for(lock, pause, [&] { return released_; });
  }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable release_;
  bool released_ = false;
};

}  // namespace lafita::test
