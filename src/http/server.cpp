#include "http/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace attune::http {
namespace {

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
  if (on_ready) on_ready();
  if (!srv.listen_after_bind()) return Status::Unavailable("the server stopped unexpectedly");
  return Status::Ok();
}

void Server::Stop() { server_->stop(); }

}  // namespace attune::http
