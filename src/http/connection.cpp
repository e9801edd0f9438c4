#include "http/connection.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>

namespace attune::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using std::chrono::seconds;

namespace {

// After refusing a request whose body was not read, the rest of it is read
// and thrown away for at most this long (and this much), so the client sees
// the answer rather than a reset connection; then the connection closes.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 4 << 20;

// A limit as people read it: "1 MB", "16 KB".
std::string Size(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  return std::to_string(bytes / 1024) + " KB";
}

// Ends of a connection that need no answer: the client went away or the
// server is stopping.
bool Gone(const beast::error_code& ec) {
  return ec == beast_http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == beast::error::timeout ||
         ec == beast_http::error::partial_message;
}

// Reads and discards what the client still sends, then closes. Past the
// byte budget it stops reading and only waits out the time, so the client
// is slowed by TCP rather than reset before it reads the answer.
struct Linger : std::enable_shared_from_this<Linger> {
  explicit Linger(beast::tcp_stream s) : stream(std::move(s)), timer(stream.get_executor()) {}
  void Start() {
    timer.expires_after(kLingerTime);
    timer.async_wait([self = shared_from_this()](beast::error_code) { self->Close(); });
    Next();
  }
  void Next() {
    stream.socket().async_read_some(asio::buffer(scratch),
                                    [self = shared_from_this()](beast::error_code ec, size_t n) {
                                      self->read += n;
                                      if (ec) return self->Close();
                                      if (self->read <= kLingerBytes) self->Next();
                                    });
  }
  void Close() {
    beast::error_code ignored;
    timer.cancel();
    stream.socket().close(ignored);
  }
  beast::tcp_stream stream;
  asio::steady_timer timer;
  char scratch[16 * 1024];
  size_t read = 0;
};

}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, ServerShared& shared)
    : stream_(std::move(socket)), shared_(shared) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  peer_ = ec ? "unknown" : endpoint.address().to_string();
}

Connection::~Connection() {
  std::lock_guard<std::mutex> lock(shared_.mu);
  shared_.open.erase(this);
}

void Connection::Start() {
  {
    std::lock_guard<std::mutex> lock(shared_.mu);
    shared_.open.emplace(this, weak_from_this());
  }
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadRequestHead(); });
}

void Connection::StopWhenIdle() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->idle_) {
      beast::error_code ignored;
      self->stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      self->stream_.socket().close(ignored);
    }
  });
}

void Connection::ReadRequestHead() {
  const ServerOptions& o = shared_.options;
  if (shared_.stopping && buffer_.size() == 0) return Close();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(o.max_header_bytes));
  // Until the head says which route it is for, the largest any route takes.
  parser_->body_limit(shared_.largest_body);
  // One deadline for the whole head, set once: a client trickling bytes
  // cannot extend it. A kept-alive connection gets the idle time to start
  // and send its next head.
  stream_.expires_after(seconds(served_ == 0 ? o.header_timeout : o.keep_alive_timeout));
  idle_ = true;
  beast_http::async_read_header(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(
          [](std::shared_ptr<Connection> self, beast::error_code ec, size_t) { self->OnHead(ec); },
          shared_from_this()));
}

void Connection::OnHead(beast::error_code ec) {
  idle_ = false;
  const ServerOptions& o = shared_.options;
  request_ = Request();
  body_limit_ = 0;
  char id[24];
  std::snprintf(id, sizeof id, "r%llu", shared_.next_request.fetch_add(1));
  request_.request_id = id;
  request_.ip = peer_;
  if (ec) {
    if (Gone(ec)) return Close();
    // Answer on the site the address belongs to, when it got that far.
    std::string_view target(parser_->get().target().data(), parser_->get().target().size());
    request_.path = target.rfind("/", 0) == 0 ? std::string(target.substr(0, target.find('?')))
                                              : std::string("/");
    request_.method = std::string(parser_->get().method_string());
    if (ec == beast_http::error::header_limit) {
      return Refuse(
          431, Status::BadRequest("The address and headers of this request are longer than attune "
                                  "accepts (" +
                                  Size(o.max_header_bytes) +
                                  "). A link may have been built wrongly; clearing this site's "
                                  "cookies may also help."));
    }
    if (ec == beast_http::error::body_limit) return Refuse(413, TooLarge());
    return Refuse(400, Status::BadRequest("The request could not be read (" + ec.message() +
                                          "). Nothing has been saved."));
  }

  Status head = http::ReadHead(parser_->get().base(), peer_, o.proxy, request_);
  if (!head.ok()) return Refuse(400, head);

  // The request's own limit, applied before any byte of the body is read,
  // whatever its transfer coding: smaller for requests that carry no
  // credentials; larger for a route taking an upload, once a worker has
  // checked that the credentials are live and open the route (a made-up
  // cookie must not make the server hold an upload's worth of bytes).
  if (!request_.MayCarryCredentials()) return ReadBodyWithin(o.max_anonymous_body_bytes);
  if (!shared_.dispatcher.TakesUpload(request_.method, request_.path)) {
    return ReadBodyWithin(o.max_body_bytes);
  }
  stream_.expires_after(seconds(o.body_timeout));
  shared_.workers.Submit([self = shared_from_this()] {
    size_t route = self->shared_.dispatcher.UploadLimitFor(self->request_);
    size_t limit = std::max(self->shared_.options.max_body_bytes, route);
    asio::post(self->stream_.get_executor(), [self, limit] { self->ReadBodyWithin(limit); });
  });
}

void Connection::ReadBodyWithin(size_t limit) {
  body_limit_ = limit;
  auto length = parser_->content_length();
  if (length && *length > limit) return Refuse(413, TooLarge());
  parser_->body_limit(limit);
  ReadBody();
}

void Connection::ReadBody() {
  if (parser_->is_done()) return RunHandler();
  stream_.expires_after(seconds(shared_.options.body_timeout));
  auto read = [self = shared_from_this()] {
    beast_http::async_read(self->stream_, self->buffer_, *self->parser_,
                           [self](beast::error_code ec, size_t) { self->OnBody(ec); });
  };
  // A client that asked to be told before sending its body is told now.
  if (beast::iequals(parser_->get()[beast_http::field::expect], "100-continue")) {
    static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(stream_, asio::buffer(kContinue),
                      [self = shared_from_this(), read](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        read();
                      });
    return;
  }
  read();
}

void Connection::OnBody(beast::error_code ec) {
  if (ec == beast_http::error::body_limit) return Refuse(413, TooLarge());
  if (ec) {
    if (Gone(ec)) return Close();
    return Refuse(400, Status::BadRequest("The request's body could not be read (" + ec.message() +
                                          "). Nothing has been saved."));
  }
  RunHandler();
}

void Connection::RunHandler() {
  bool keep_alive = parser_->keep_alive();
  request_.body = std::move(parser_->get().body());
  parser_.reset();
  stream_.expires_never();
  shared_.workers.Submit([self = shared_from_this(), keep_alive] {
    auto started = std::chrono::steady_clock::now();
    Request& req = self->request_;
    Response res = self->shared_.dispatcher.Handle(req);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (spdlog::should_log(spdlog::level::info) && req.path.rfind("/static/", 0) != 0) {
      spdlog::info("request id={} method={} path={} status={} ms={:.2f} ip={}", req.request_id,
                   req.method, req.path, res.status, ms, req.ip);
    }
    asio::post(self->stream_.get_executor(), [self, keep_alive, res = std::move(res)]() mutable {
      self->Write(std::move(res), keep_alive);
    });
  });
}

Status Connection::TooLarge() const {
  const ServerOptions& o = shared_.options;
  // Before the head is read, credentials are unknown: the larger limit.
  if (!request_.headers.empty() && !request_.MayCarryCredentials()) {
    return Status::BadRequest("This is more than attune accepts before you sign in (" +
                              Size(o.max_anonymous_body_bytes) + "). Nothing has been saved.");
  }
  size_t limit = body_limit_ ? body_limit_ : shared_.largest_body;
  return Status::BadRequest("This is more than attune accepts in one request (" + Size(limit) +
                            "). Nothing has been saved; send less at once.");
}

void Connection::Refuse(int http_status, const Status& status) {
  Response res = shared_.dispatcher.Refuse(request_, http_status, status);
  if (spdlog::should_log(spdlog::level::info)) {
    spdlog::info("request id={} refused status={} ip={}: {}", request_.request_id, http_status,
                 request_.ip, status.message());
  }
  parser_.reset();
  Write(std::move(res), /*keep_alive=*/false, /*linger=*/true);
}

void Connection::Write(Response response, bool keep_alive, bool linger) {
  const ServerOptions& o = shared_.options;
  ++served_;
  bool keep = keep_alive && !shared_.stopping && served_ < o.keep_alive_max;
  ToWire(std::move(response), request_.method == "HEAD", keep, wire_);
  stream_.expires_after(seconds(o.body_timeout));
  beast_http::async_write(
      stream_, wire_, [self = shared_from_this(), keep, linger](beast::error_code ec, size_t) {
        self->wire_ = WireResponse();
        if (ec) return self->Close();
        if (!keep) {
          if (linger) {
            beast::error_code ignored;
            self->stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
            self->stream_.expires_never();
            std::make_shared<Linger>(std::move(self->stream_))->Start();
            return;
          }
          return self->Close();
        }
        // An idle connection keeps only a small buffer.
        if (self->buffer_.size() == 0 && self->buffer_.capacity() > 16 * 1024) {
          self->buffer_.shrink_to_fit();
        }
        self->ReadRequestHead();
      });
}

void Connection::Close() {
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace attune::http
