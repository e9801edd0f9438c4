// An open-loop HTTP load generator: sends POSTs at a fixed rate whatever the
// server's answers do, and measures each request's latency from the moment
// it was due, not from when it was sent, so a slow answer that delays the
// next request is counted against the server (no "coordinated omission";
// wrk cannot hold a rate and wrk2 is not packaged in Debian).
//
// Request i is due at start + i / rate. Worker threads, each with its own
// keep-alive connection, take the next request, sleep until it is due and
// send it; when every worker is busy, requests wait and their wait counts.
//
// Usage: open_loop HOST PORT PATH RATE SECONDS WORKERS BODIES [TOKEN]
//   BODIES: a file of request bodies (JSON), one per line, used in turn.
//   TOKEN:  sent as "Authorization: Bearer TOKEN".
// OPEN_LOOP_FIRST=N in the environment also prints the first N requests'
// latencies from their due time, in order (where a pause at the start lies).
// Prints requests sent, answers by status, the rate achieved and latency
// percentiles (from due time; and from send time, the server's own).
#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// One keep-alive connection that reconnects when the server closes it.
class Client {
 public:
  Client(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) {}

  // The answer's status, or -1 when there was none.
  int Post(const std::string& path, const std::string& token, const std::string& body) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      beast::error_code ec;
      if (!stream_ && !Connect()) return -1;
      http::request<http::string_body> req{http::verb::post, path, 11};
      req.set(http::field::host, host_);
      req.set(http::field::content_type, "application/json");
      if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
      req.body() = body;
      req.prepare_payload();
      http::write(*stream_, req, ec);
      http::response<http::string_body> res;
      if (!ec) http::read(*stream_, buffer_, res, ec);
      if (ec) {  // closed by the server between requests: once more
        stream_.reset();
        buffer_.clear();
        continue;
      }
      if (!res.keep_alive()) stream_.reset();
      return res.result_int();
    }
    return -1;
  }

 private:
  bool Connect() {
    beast::error_code ec;
    asio::ip::tcp::resolver resolver(ioc_);
    auto endpoints = resolver.resolve(host_, port_, ec);
    if (ec) return false;
    stream_.emplace(ioc_);
    stream_->connect(endpoints, ec);
    if (ec) {
      stream_.reset();
      return false;
    }
    stream_->socket().set_option(asio::ip::tcp::no_delay(true));
    return true;
  }

  std::string host_, port_;
  asio::io_context ioc_;
  std::optional<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
};

double Percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t k = static_cast<size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(k, sorted.size() - 1)];
}

void Print(const char* what, std::vector<double>& ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("%-22s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms\n",
              what, Percentile(ms, 50), Percentile(ms, 90), Percentile(ms, 99),
              Percentile(ms, 99.9), ms.empty() ? 0.0 : ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 8) {
    std::fprintf(stderr, "usage: open_loop HOST PORT PATH RATE SECONDS WORKERS BODIES [TOKEN]\n");
    return 2;
  }
  std::string host = argv[1];
  int port = std::atoi(argv[2]);
  std::string path = argv[3];
  double rate = std::atof(argv[4]);
  double seconds = std::atof(argv[5]);
  int workers = std::atoi(argv[6]);
  std::vector<std::string> bodies;
  {
    std::ifstream in(argv[7]);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) bodies.push_back(line);
    }
  }
  if (bodies.empty() || rate <= 0 || seconds <= 0 || workers < 1) {
    std::fprintf(stderr, "open_loop: nothing to send\n");
    return 2;
  }
  std::string token = argc > 8 ? argv[8] : "";

  const long long total = static_cast<long long>(rate * seconds);
  const auto interval = std::chrono::duration<double>(1.0 / rate);
  std::atomic<long long> next{0};
  std::mutex mu;
  std::vector<double> from_due, from_send;  // milliseconds, guarded by mu
  std::vector<double> by_index(total);      // from due, by request number
  std::map<int, long long> statuses;        // guarded by mu; -1: no answer
  from_due.reserve(total);
  from_send.reserve(total);

  const auto start = Clock::now() + std::chrono::milliseconds(50);
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      Client client(host, std::to_string(port));
      std::vector<double> due_ms, send_ms;
      std::map<int, long long> seen;
      for (long long i; (i = next.fetch_add(1)) < total;) {
        auto due = start + std::chrono::duration_cast<Clock::duration>(interval * i);
        std::this_thread::sleep_until(due);
        auto sent = Clock::now();
        int status = client.Post(path, token, bodies[i % bodies.size()]);
        auto done = Clock::now();
        seen[status]++;
        due_ms.push_back(std::chrono::duration<double, std::milli>(done - due).count());
        by_index[i] = due_ms.back();  // each i is one worker's alone
        send_ms.push_back(std::chrono::duration<double, std::milli>(done - sent).count());
      }
      std::lock_guard<std::mutex> lock(mu);
      from_due.insert(from_due.end(), due_ms.begin(), due_ms.end());
      from_send.insert(from_send.end(), send_ms.begin(), send_ms.end());
      for (auto [status, n] : seen) statuses[status] += n;
    });
  }
  for (auto& t : pool) t.join();
  double took = std::chrono::duration<double>(Clock::now() - start).count();

  std::printf("open loop: %lld requests at %.0f/s for %.0f s, %d workers; took %.2f s = %.0f/s\n",
              total, rate, seconds, workers, took, static_cast<double>(total) / took);
  std::printf("answers:");
  for (auto [status, n] : statuses) {
    if (status < 0) {
      std::printf("  no answer %lld", n);
    } else {
      std::printf("  %d: %lld", status, n);
    }
  }
  std::printf("\n");
  Print("latency from due time", from_due);
  Print("latency from send", from_send);
  // Whether the tail is one pause or spread over the run: each second's p99.
  std::printf("p99 from due time, second by second:");
  const long long per_second = std::max(1LL, static_cast<long long>(rate));
  for (long long from = 0; from < total; from += per_second) {
    std::vector<double> second(by_index.begin() + from,
                               by_index.begin() + std::min(total, from + per_second));
    std::sort(second.begin(), second.end());
    std::printf(" %.0f",
                second[static_cast<size_t>(0.99 * static_cast<double>(second.size() - 1))]);
  }
  std::printf(" ms\n");
  if (const char* dump = std::getenv("OPEN_LOOP_FIRST")) {
    for (long long i = 0; i < std::min<long long>(total, std::atoll(dump)); ++i)
      std::printf("%.0f ", by_index[i]);
    std::printf("\n");
  }
  return 0;
}
