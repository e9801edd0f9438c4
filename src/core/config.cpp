#include "core/config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <utility>

namespace attune {
namespace {

Status ParseBool(const std::string& name, const std::string& text, bool& out) {
  if (text == "1" || text == "true" || text == "yes") {
    out = true;
  } else if (text == "0" || text == "false" || text == "no") {
    out = false;
  } else {
    return Status::Invalid(name + " must be true or false, not '" + text + "'", name);
  }
  return Status::Ok();
}

Status ParseInt(const std::string& name, const std::string& text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return Status::Invalid(name + " must be a whole number, not '" + text + "'", name);
  }
  return Status::Ok();
}

}  // namespace

Status LoadConfigFile(const std::string& path, bool required, Config& config) {
  if (!std::filesystem::exists(path)) {
    if (required) return Status::Invalid("configuration file " + path + " does not exist");
    return Status::Ok();
  }
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return Status::Invalid(path + ":" + std::to_string(where.line) + ":" +
                           std::to_string(where.column) + ": " + std::string(e.description()));
  }
  for (auto& [key, node] : table) {
    std::string k(key.str());
    auto fail = [&](const char* want) {
      return Status::Invalid(path + ": option '" + k + "' must be " + want, k);
    };
    if (k == "db" || k == "host" || k == "static_dir" || k == "log_level") {
      auto v = node.value<std::string>();
      if (!v) return fail("text");
      if (k == "db") config.db = *v;
      if (k == "host") config.host = *v;
      if (k == "static_dir") config.static_dir = *v;
      if (k == "log_level") config.log_level = *v;
    } else if (k == "port" || k == "threads" || k == "io_threads" || k == "max_connections" ||
               k == "keep_alive_max" || k == "keep_alive_timeout" || k == "proxy_hops" ||
               k == "session_hours") {
      auto v = node.value<int64_t>();
      if (!v) return fail("a whole number");
      int n = static_cast<int>(*v);
      if (k == "port") config.port = n;
      if (k == "threads") config.threads = n;
      if (k == "io_threads") config.io_threads = n;
      if (k == "max_connections") config.max_connections = n;
      if (k == "proxy_hops") config.proxy_hops = n;
      if (k == "keep_alive_max") config.keep_alive_max = n;
      if (k == "keep_alive_timeout") config.keep_alive_timeout = n;
      if (k == "session_hours") config.session_hours = n;
    } else if (k == "secure_cookies" || k == "trust_proxy") {
      auto v = node.value<bool>();
      if (!v) return fail("true or false");
      if (k == "secure_cookies") config.secure_cookies = *v;
      if (k == "trust_proxy") config.trust_proxy = *v;
    } else {
      return Status::Invalid(path + ": unknown option '" + k + "'", k);
    }
  }
  return Status::Ok();
}

Status LoadConfigEnvironment(Config& config) {
  auto env = [](const char* name) -> const char* { return std::getenv(name); };
  if (auto v = env("ATTUNE_DB")) config.db = v;
  if (auto v = env("ATTUNE_HOST")) config.host = v;
  if (auto v = env("ATTUNE_STATIC_DIR")) config.static_dir = v;
  if (auto v = env("ATTUNE_LOG_LEVEL")) config.log_level = v;
  const std::pair<const char*, int*> whole_numbers[] = {
      {"ATTUNE_PORT", &config.port},
      {"ATTUNE_THREADS", &config.threads},
      {"ATTUNE_IO_THREADS", &config.io_threads},
      {"ATTUNE_MAX_CONNECTIONS", &config.max_connections},
      {"ATTUNE_PROXY_HOPS", &config.proxy_hops},
      {"ATTUNE_KEEP_ALIVE_MAX", &config.keep_alive_max},
      {"ATTUNE_KEEP_ALIVE_TIMEOUT", &config.keep_alive_timeout},
      {"ATTUNE_SESSION_HOURS", &config.session_hours},
  };
  for (const auto& [name, field] : whole_numbers) {
    if (auto v = env(name)) ATTUNE_RETURN_IF_ERROR(ParseInt(name, v, *field));
  }
  if (auto v = env("ATTUNE_SECURE_COOKIES"))
    ATTUNE_RETURN_IF_ERROR(ParseBool("ATTUNE_SECURE_COOKIES", v, config.secure_cookies));
  if (auto v = env("ATTUNE_TRUST_PROXY"))
    ATTUNE_RETURN_IF_ERROR(ParseBool("ATTUNE_TRUST_PROXY", v, config.trust_proxy));
  return Status::Ok();
}

Status ValidateConfig(const Config& config) {
  if (config.port < 1 || config.port > 65535)
    return Status::Invalid("port must be between 1 and 65535", "port");
  if (config.threads < 2 || config.threads > 1024)
    return Status::Invalid("threads must be between 2 and 1024", "threads");
  if (config.io_threads < 1 || config.io_threads > 64)
    return Status::Invalid("io_threads must be between 1 and 64", "io_threads");
  if (config.max_connections < 16 || config.max_connections > 1000000)
    return Status::Invalid("max_connections must be between 16 and 1000000", "max_connections");
  if (config.proxy_hops < 1 || config.proxy_hops > 16)
    return Status::Invalid("proxy_hops must be between 1 and 16", "proxy_hops");
  if (config.keep_alive_max < 1) return Status::Invalid("keep_alive_max must be at least 1");
  if (config.keep_alive_timeout < 1)
    return Status::Invalid("keep_alive_timeout must be at least 1 second");
  if (config.session_hours < 1 || config.session_hours > 24 * 30)
    return Status::Invalid("session_hours must be between 1 and 720", "session_hours");
  if (config.db.empty()) return Status::Invalid("db must name a file", "db");
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error"};
  bool level_ok = false;
  for (auto* l : kLevels) level_ok = level_ok || config.log_level == l;
  if (!level_ok) return Status::Invalid("log_level must be trace, debug, info, warn or error");
  return Status::Ok();
}

}  // namespace attune
