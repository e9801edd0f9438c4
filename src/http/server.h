// The HTTP server: cpp-httplib behind attune's Request/Response. Writes one
// structured log line per request.
//
// Thread-safety: Listen blocks the calling thread; Stop may be called from
// any other thread (e.g. a signal watcher).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/dispatcher.h"

namespace httplib {
class Server;
}

namespace attune::http {

struct ServerOptions {
  std::string host = "127.0.0.1";   // Default: 127.0.0.1
  int port = 8080;                  // Default: 8080
  int threads = 64;                 // worker threads. Default: 64
  int keep_alive_max = 100;         // requests per connection. Default: 100
  int keep_alive_timeout = 5;       // seconds idle. Default: 5
  size_t max_body_bytes = 1 << 20;  // larger bodies get 413. Default: 1 MiB
  bool trust_proxy = false;         // believe X-Forwarded-For/-Proto. Default: false
};

class Server {
 public:
  // REQUIRES: `dispatcher` outlives the server.
  Server(ServerOptions options, const Dispatcher& dispatcher);
  ~Server();

  // Binds and serves until Stop(). `on_ready` runs once listening.
  Status Listen(const std::function<void()>& on_ready);
  void Stop();

 private:
  ServerOptions options_;
  const Dispatcher& dispatcher_;
  std::unique_ptr<httplib::Server> server_;
  std::atomic<unsigned long long> next_request_{1};
};

}  // namespace attune::http
