// One client connection of http::Server: reads each request with Beast under
// the server's limits and deadlines, hands it to a worker, writes the answer
// and keeps the connection alive (or not). Private to http/server.cpp.
//
// Thread-safety: every step of a connection runs on its own strand; only the
// handler runs on a worker thread, on a Request the connection no longer
// touches until the answer is posted back.
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "http/dispatcher.h"
#include "http/server.h"
#include "http/wire.h"
#include "http/worker_pool.h"

namespace attune::http {

class Connection;

// What every connection of one server shares.
struct ServerShared {
  ServerShared(ServerOptions o, const Dispatcher& d, WorkerPool& w)
      : options(std::move(o)),
        dispatcher(d),
        workers(w),
        largest_body(std::max(options.max_body_bytes, d.LargestBodyLimit())) {}

  ServerOptions options;
  const Dispatcher& dispatcher;
  WorkerPool& workers;
  // The most any request's body may be (an upload route's), the limit
  // while a head is read; each request's own is set once its head is.
  size_t largest_body;
  std::atomic<unsigned long long> next_request{1};
  std::atomic<bool> stopping{false};

  // The open connections, so Stop can end the idle ones.
  std::mutex mu;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> open;  // guarded by mu

  size_t OpenCount() {
    std::lock_guard<std::mutex> lock(mu);
    return open.size();
  }
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, ServerShared& shared);
  ~Connection();

  // Registers the connection and reads its first request.
  void Start();
  // Closes the connection if it is waiting for a request; one that is busy
  // closes after its answer. Safe from any thread.
  void StopWhenIdle();

 private:
  void ReadRequestHead();
  void OnHead(boost::beast::error_code ec);
  void ReadBody();
  void OnBody(boost::beast::error_code ec);
  void RunHandler();
  // Answers `request` with the site's error page for a request attune will
  // not read further, then closes.
  void Refuse(int http_status, const Status& status);
  // Why a body over the limit is refused, naming the limit that applied.
  Status TooLarge() const;
  // Reads the body within `limit` bytes (refusing a longer one), then
  // runs the handler.
  void ReadBodyWithin(size_t limit);
  // Writes `response`; then reads the next request when `keep_alive`, or
  // closes, first reading what the client still sends when `linger`.
  void Write(Response response, bool keep_alive, bool linger = false);
  void Close();

  boost::beast::tcp_stream stream_;
  ServerShared& shared_;
  std::string peer_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  WireResponse wire_;
  Request request_;
  int served_ = 0;         // requests answered on this connection
  size_t body_limit_ = 0;  // the limit of the request being read, for TooLarge
  bool idle_ = false;      // waiting for the head of a request; guarded by the strand
};

}  // namespace attune::http
