#include "http/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace attune::http {
namespace {

// Debian's cpp-httplib is a compiled library that listens with a backlog of
// 5. When more connections arrive at once (a class opening a page together,
// a load test starting), the kernel drops the rest, and each of those
// clients waits for TCP to try again: 0.2 to 1 s. This was the 0.2–0.8 s
// p99 of recording at 64 connections (docs/performance.md). The kernel caps
// it at net.core.somaxconn (4096 on Debian 12).
constexpr int kListenBacklog = 1024;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

Server::Server(ServerOptions options, const Dispatcher& dispatcher)
    : options_(std::move(options)),
      dispatcher_(dispatcher),
      server_(std::make_unique<httplib::Server>()) {}

Server::~Server() = default;

Status Server::Listen(const std::function<void()>& on_ready) {
  httplib::Server& srv = *server_;
  srv.set_tcp_nodelay(true);
  int threads = options_.threads;
  srv.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  srv.set_keep_alive_max_count(options_.keep_alive_max);
  srv.set_keep_alive_timeout(options_.keep_alive_timeout);
  srv.set_read_timeout(10, 0);
  srv.set_write_timeout(10, 0);
  srv.set_payload_max_length(options_.max_body_bytes);
  auto listening = std::make_shared<int>(-1);
  srv.set_socket_options([listening](socket_t sock) {
    httplib::default_socket_options(sock);
    *listening = sock;
  });

  auto handle = [this](const httplib::Request& in, httplib::Response& out) {
    auto started = std::chrono::steady_clock::now();
    Request req;
    req.method = in.method;
    req.path = in.path;
    req.body = in.body;
    req.ip = in.remote_addr;
    char id[24];
    std::snprintf(id, sizeof id, "r%llu", next_request_.fetch_add(1));
    req.request_id = id;
    for (const auto& [k, v] : in.headers) req.headers.emplace(Lower(k), v);
    if (options_.trust_proxy) {
      std::string fwd = req.Header("x-forwarded-for");
      if (!fwd.empty()) req.ip = fwd.substr(0, fwd.find(','));
      req.secure = req.Header("x-forwarded-proto") == "https";
    }
    auto query = in.target.find('?');
    if (query != std::string::npos) {
      auto parsed = FormData::Parse(std::string_view(in.target).substr(query + 1));
      if (parsed.ok()) req.query = std::move(*parsed);
    }

    for (const auto& [name, part] : in.files) req.multipart.Add(name, part.content);

    Response res = dispatcher_.Handle(req);
    out.status = res.status;
    for (const auto& [k, v] : res.headers) out.headers.emplace(k, v);
    if (!res.body.empty() || !res.content_type.empty()) {
      out.set_content(std::move(res.body), res.content_type.c_str());
    }

    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (spdlog::should_log(spdlog::level::info) && req.path.rfind("/static/", 0) != 0) {
      spdlog::info("request id={} method={} path={} status={} ms={:.2f} ip={}", req.request_id,
                   req.method, req.path, res.status, ms, req.ip);
    }
  };
  const char* any = ".*";
  srv.Get(any, handle);
  srv.Post(any, handle);
  srv.Put(any, handle);
  srv.Patch(any, handle);
  srv.Delete(any, handle);

  if (!srv.bind_to_port(options_.host, options_.port)) {
    return Status::Unavailable("cannot listen on " + options_.host + ":" +
                               std::to_string(options_.port) + " (is another server using it?)");
  }
  // listen() again on a listening socket sets its backlog anew.
  if (*listening >= 0 && ::listen(*listening, kListenBacklog) != 0) {
    spdlog::warn("could not widen the listen queue; bursts of connections may wait");
  }
  if (on_ready) on_ready();
  if (!srv.listen_after_bind()) return Status::Unavailable("the server stopped unexpectedly");
  return Status::Ok();
}

void Server::Stop() { server_->stop(); }

}  // namespace attune::http
