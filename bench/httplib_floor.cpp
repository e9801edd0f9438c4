// The floor for attune's HTTP figures: bare cpp-httplib with the same server
// settings as `attune serve`, answering a fixed 2-byte body. Measured in the
// same run as attune so the difference is attune's own work.
// Usage: httplib_floor PORT
#include <httplib.h>

#include <cstdlib>

int main(int argc, char** argv) {
  int port = argc > 1 ? std::atoi(argv[1]) : 18481;
  httplib::Server srv;
  srv.set_tcp_nodelay(true);
  srv.new_task_queue = [] { return new httplib::ThreadPool(64); };
  srv.set_keep_alive_max_count(100);
  srv.set_keep_alive_timeout(5);
  srv.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  return srv.listen("127.0.0.1", port) ? 0 : 1;
}
