// Configuration of attune, from (lowest to highest precedence) built-in
// defaults, a TOML file, ATTUNE_* environment variables and command-line
// flags. Every option and its default is listed in README.md.
//
// Thread-safety: a Config is a plain value; it is read-only once serving.
#pragma once

#include <string>

#include "core/status.h"

namespace attune {

struct Config {
  // Path of the SQLite database file. Default: var/attune.db
  std::string db = "var/attune.db";
  // Address to listen on. Default: 127.0.0.1
  std::string host = "127.0.0.1";
  // Port to listen on. Default: 8080
  int port = 8080;
  // Worker threads running requests; they may wait on the database, so
  // this bounds the requests handled at once (connections are held by the
  // event loop, not by these threads). Default: 64
  int threads = 64;
  // Event-loop threads reading and writing connections. Default: 2
  int io_threads = 2;
  // Connections held at once; more are answered 503. Default: 10000
  int max_connections = 10000;
  // Requests served on one keep-alive connection before it is closed. Default: 100
  int keep_alive_max = 100;
  // Seconds an idle keep-alive connection is kept. Default: 5
  int keep_alive_timeout = 5;
  // Folder with css, icons and the npm-built js. Default: set at build time.
  std::string static_dir;
  // Mark cookies Secure (set true when served behind TLS). Default: false
  bool secure_cookies = false;
  // Believe X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. Default: false
  bool trust_proxy = false;
  // How many trusted proxies stand in front of attune: the client's address
  // is taken that many entries from the right of X-Forwarded-For, never from
  // the left, which the client writes. Default: 1
  int proxy_hops = 1;
  // Hours a sign-in lasts without activity. Default: 12
  int session_hours = 12;
  // trace, debug, info, warn, error. Default: info
  std::string log_level = "info";
};

// Overlays `path` (TOML: keys as above, e.g. port = 8081) onto `config`.
// A missing file is an error only if `required`.
Status LoadConfigFile(const std::string& path, bool required, Config& config);

// Overlays ATTUNE_DB, ATTUNE_HOST, ATTUNE_PORT, ATTUNE_THREADS,
// ATTUNE_IO_THREADS, ATTUNE_MAX_CONNECTIONS, ATTUNE_KEEP_ALIVE_MAX,
// ATTUNE_KEEP_ALIVE_TIMEOUT, ATTUNE_STATIC_DIR, ATTUNE_SECURE_COOKIES,
// ATTUNE_TRUST_PROXY, ATTUNE_PROXY_HOPS, ATTUNE_SESSION_HOURS,
// ATTUNE_LOG_LEVEL onto `config`.
Status LoadConfigEnvironment(Config& config);

// Checks ranges; returns Invalid naming the option.
Status ValidateConfig(const Config& config);

}  // namespace attune
