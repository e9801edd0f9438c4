#include "http/server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "http/connection.h"
#include "http/worker_pool.h"

namespace attune::http {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// When many connections arrive at once (a class opening a page together, a
// load test starting) the kernel queues up to this many before accept; the
// rest would wait for TCP to retry (0.2–1 s). Capped by net.core.somaxconn.
constexpr int kListenBacklog = 1024;
constexpr auto kDrainTime = std::chrono::seconds(10);

// Each connection is a file descriptor: allow as many as the hard limit.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

struct Server::State {
  State(ServerOptions options, const Dispatcher& dispatcher)
      : workers(options.threads),
        shared(std::move(options), dispatcher, workers),
        acceptor(ioc),
        drain_timer(ioc) {}

  void Accept() {
    acceptor.async_accept(
        asio::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
          if (!acceptor.is_open()) return;
          if (ec) {
            // Out of descriptors, most likely: wait a moment rather than spin.
            spdlog::warn("could not accept a connection: {}", ec.message());
            auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(50));
            timer->async_wait([this, timer](boost::system::error_code) { Accept(); });
            return;
          }
          boost::system::error_code ignored;
          socket.set_option(tcp::no_delay(true), ignored);
          if (shared.OpenCount() >= static_cast<size_t>(shared.options.max_connections)) {
            static const std::string kBusy =
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                "Retry-After: 5\r\nConnection: close\r\nContent-Length: 45\r\n\r\n"
                "attune is very busy; please try again soon.\r\n";
            socket.non_blocking(true, ignored);
            socket.write_some(asio::buffer(kBusy), ignored);
            socket.close(ignored);
          } else {
            std::make_shared<Connection>(std::move(socket), shared)->Start();
          }
          Accept();
        });
  }

  void BeginStop() {
    if (shared.stopping.exchange(true)) return;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    std::vector<std::shared_ptr<Connection>> open;
    {
      std::lock_guard<std::mutex> lock(shared.mu);
      for (auto& [raw, weak] : shared.open) {
        if (auto c = weak.lock()) open.push_back(std::move(c));
      }
    }
    for (auto& c : open) c->StopWhenIdle();
    drain_deadline = std::chrono::steady_clock::now() + kDrainTime;
    Drain();
  }

  // Waits for the connections still answering, then ends the event loop.
  void Drain() {
    if (shared.OpenCount() == 0 || std::chrono::steady_clock::now() >= drain_deadline) {
      ioc.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(20));
    drain_timer.async_wait([this](boost::system::error_code) { Drain(); });
  }

  // Declared so that the event loop ends first (with the connections its
  // queue still holds), then the state they point to.
  WorkerPool workers;
  ServerShared shared;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::steady_timer drain_timer;
  std::chrono::steady_clock::time_point drain_deadline;
};

Server::Server(ServerOptions options, const Dispatcher& dispatcher)
    : state_(std::make_unique<State>(std::move(options), dispatcher)) {}

Server::~Server() {
  state_->workers.Stop();
  // Connections still queued in the event loop end with it, before the
  // shared state they point to.
}

Status Server::Listen(const std::function<void()>& on_ready) {
  State& s = *state_;
  const ServerOptions& o = s.shared.options;
  RaiseOpenFileLimit();
  boost::system::error_code ec;
  auto address = asio::ip::make_address(o.host, ec);
  if (ec) return Status::Invalid("host " + o.host + " is not an IP address", "host");
  tcp::endpoint endpoint(address, static_cast<unsigned short>(o.port));
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(kListenBacklog, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                               " (is another server using it?)");
  }
  s.Accept();
  if (on_ready) on_ready();

  std::vector<std::thread> loops;
  for (int i = 1; i < o.io_threads; ++i) loops.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : loops) t.join();
  s.workers.Stop();
  return Status::Ok();
}

void Server::Stop() {
  asio::post(state_->ioc, [s = state_.get()] { s->BeginStop(); });
}

}  // namespace attune::http
