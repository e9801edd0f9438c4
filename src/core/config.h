// Configuration of attune, from (lowest to highest precedence) built-in
// defaults, a TOML file, ATTUNE_* environment variables and command-line
// flags. Every option and its default is listed in README.md.
//
// Thread-safety: a Config is a plain value; it is read-only once serving.
#pragma once

#include <string>
#include <vector>

#include "core/oidc_config.h"
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

  // Email (the outbox, decision 0025). With no smtp_host, mail is kept in
  // the outbox, pending, and the admin's page says so. Default: ""
  std::string smtp_host;
  // Default: 587 (25 with smtp_tls = "none", 465 with "tls") when 0.
  int smtp_port = 0;
  // "none" (plain, for a relay on the same machine), "starttls" (upgrade
  // and require TLS) or "tls" (TLS from the start, smtps). Default: starttls
  std::string smtp_tls = "starttls";
  // A file of the certificates (PEM) that may vouch for the SMTP server's,
  // for a school's own mail relay with a private authority; the system's
  // usual ones when empty. Default: ""
  std::string smtp_ca_file;
  // Sign-in for the SMTP server; none when empty. Default: ""
  std::string smtp_user;
  std::string smtp_password;
  // The From address of every email. Default: attune@localhost
  std::string smtp_from = "attune@localhost";
  // Seconds one message may take to send before it counts as failed; a
  // claimed message is another sender's again after twice this. Default: 60
  int smtp_timeout = 60;
  // Seconds to wait after the 1st, 2nd, ... failed attempt; after one more
  // failure than there are waits, the message is failed and waits for the
  // admin. Default: 60,300,1800,7200,21600 (1 min, 5 min, 30 min, 2 h, 6 h)
  std::string smtp_retry = "60,300,1800,7200,21600";
  // The site's address as staff reach it, for links in emails, e.g.
  // https://attune.school.example. Default: http://<host>:<port>
  std::string base_url;

  // OpenID Connect providers staff may sign in with ([[oidc]] tables,
  // core/oidc_config.h, decision 0031). Default: none (passwords only).
  std::vector<OidcProviderConfig> oidc;
};

// The effective SMTP port: smtp_port, or the usual port of its TLS mode.
int SmtpPort(const Config& config);
// The effective base URL, without a trailing slash.
std::string BaseUrl(const Config& config);
// smtp_retry read as whole seconds. Invalid naming smtp_retry when it is
// not a comma-separated list of 1 to 20 numbers, each 1 to 604800.
Result<std::vector<int>> RetryWaits(const std::string& text);

// Overlays `path` (TOML: keys as above, e.g. port = 8081) onto `config`.
// A missing file is an error only if `required`.
Status LoadConfigFile(const std::string& path, bool required, Config& config);

// Overlays ATTUNE_DB, ATTUNE_HOST, ATTUNE_PORT, ATTUNE_THREADS,
// ATTUNE_IO_THREADS, ATTUNE_MAX_CONNECTIONS, ATTUNE_KEEP_ALIVE_MAX,
// ATTUNE_KEEP_ALIVE_TIMEOUT, ATTUNE_STATIC_DIR, ATTUNE_SECURE_COOKIES,
// ATTUNE_TRUST_PROXY, ATTUNE_PROXY_HOPS, ATTUNE_SESSION_HOURS,
// ATTUNE_LOG_LEVEL, ATTUNE_SMTP_HOST, ATTUNE_SMTP_PORT, ATTUNE_SMTP_TLS,
// ATTUNE_SMTP_USER, ATTUNE_SMTP_PASSWORD, ATTUNE_SMTP_FROM,
// ATTUNE_SMTP_TIMEOUT, ATTUNE_SMTP_RETRY, ATTUNE_BASE_URL and each sign-in
// provider's ATTUNE_OIDC_<ID>_CLIENT_SECRET onto `config`.
Status LoadConfigEnvironment(Config& config);

// Checks ranges; returns Invalid naming the option.
Status ValidateConfig(const Config& config);

}  // namespace attune
