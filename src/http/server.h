// The HTTP server: Boost.Beast on Boost.Asio behind attune's Request and
// Response (decision 0012). A few event-loop threads read and write every
// connection; a pool of worker threads runs the handlers, which may wait on
// the database. Every request is read under limits (head size, body size
// for every transfer coding, a smaller body for requests without
// credentials) and deadlines a slow sender cannot extend, so thousands of
// idle or slow connections cost memory, not threads, and slow no one else.
// Writes one structured log line per request.
//
// Thread-safety: Listen blocks the calling thread; Stop may be called from
// any other thread (e.g. a signal watcher).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/dispatcher.h"
#include "http/wire.h"

namespace attune::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // Default: 127.0.0.1
  int port = 8080;                 // Default: 8080
  // Event-loop threads reading and writing sockets. Default: 2
  int io_threads = 2;
  // Worker threads running handlers; bounds the requests handled at once
  // (not the connections held). Default: 64
  int threads = 64;
  int keep_alive_max = 100;    // requests per connection. Default: 100
  int keep_alive_timeout = 5;  // seconds idle before the next request's head is whole. Default: 5
  int header_timeout = 10;     // seconds for a new connection's first head. Default: 10
  int body_timeout = 30;       // seconds for a body, and for writing an answer. Default: 30
  size_t max_header_bytes = 16 * 1024;          // larger heads get 431. Default: 16 KiB
  size_t max_body_bytes = 1 << 20;              // larger bodies get 413. Default: 1 MiB
  size_t max_anonymous_body_bytes = 64 * 1024;  // without cookie or token. Default: 64 KiB
  // Connections held at once; more are answered 503 and closed. Default: 10000
  int max_connections = 10000;
  ProxyTrust proxy;  // Default: no proxy trusted
};

class Server {
 public:
  // REQUIRES: `dispatcher` outlives the server.
  Server(ServerOptions options, const Dispatcher& dispatcher);
  ~Server();

  // Binds and serves until Stop(). `on_ready` runs once listening.
  // Unavailable when the address cannot be bound.
  Status Listen(const std::function<void()>& on_ready);
  // Stops accepting, closes idle connections, lets requests in progress be
  // answered (for up to 10 s), then makes Listen return.
  void Stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace attune::http
