// Reading the configuration: defaults, the TOML file, the environment, checks
// (core/config.h).
#include "core/config.h"

#include <toml++/toml.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <utility>

#include "core/oidc_config_file.h"

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

// The options whose value is text, by their name in the file (and, in
// capitals after ATTUNE_, in the environment).
std::map<std::string, std::string*> TextOptions(Config& config) {
  return {{"db", &config.db},
          {"host", &config.host},
          {"static_dir", &config.static_dir},
          {"log_level", &config.log_level},
          {"smtp_host", &config.smtp_host},
          {"smtp_tls", &config.smtp_tls},
          {"smtp_ca_file", &config.smtp_ca_file},
          {"smtp_user", &config.smtp_user},
          {"smtp_password", &config.smtp_password},
          {"smtp_from", &config.smtp_from},
          {"smtp_retry", &config.smtp_retry},
          {"base_url", &config.base_url}};
}

// Whether `text` could be one email address: something@something, with no
// space, angle bracket or line break (it goes into a header).
bool LooksLikeAddress(const std::string& text) {
  auto at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= text.size()) return false;
  return text.find_first_of(" \t\r\n<>,;\"") == std::string::npos && text.size() <= 254;
}

}  // namespace

int SmtpPort(const Config& config) {
  if (config.smtp_port) return config.smtp_port;
  return config.smtp_tls == "none" ? 25 : config.smtp_tls == "tls" ? 465 : 587;
}

std::string BaseUrl(const Config& config) {
  std::string url = config.base_url;
  if (url.empty()) url = "http://" + config.host + ":" + std::to_string(config.port);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

Result<std::vector<int>> RetryWaits(const std::string& text) {
  auto bad = [&] {
    return Status::Invalid(
        "smtp_retry must be 1 to 20 waits in seconds, separated by commas (e.g. "
        "60,300,1800,7200,21600), not '" +
            text + "'",
        "smtp_retry");
  };
  std::vector<int> waits;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    int n = 0;
    if (!ParseInt("smtp_retry", part, n).ok() || n < 1 || n > 604800) return bad();
    waits.push_back(n);
    start = end + 1;
  }
  if (waits.empty() || waits.size() > 20) return bad();
  return waits;
}

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
  auto text_options = TextOptions(config);
  for (auto& [key, node] : table) {
    std::string k(key.str());
    auto fail = [&](const char* want) {
      return Status::Invalid(path + ": option '" + k + "' must be " + want, k);
    };
    if (auto text = text_options.find(k); text != text_options.end()) {
      auto v = node.value<std::string>();
      if (!v) return fail("text");
      *text->second = *v;
    } else if (k == "port" || k == "threads" || k == "io_threads" || k == "max_connections" ||
               k == "keep_alive_max" || k == "keep_alive_timeout" || k == "proxy_hops" ||
               k == "session_hours" || k == "smtp_port" || k == "smtp_timeout") {
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
      if (k == "smtp_port") config.smtp_port = n;
      if (k == "smtp_timeout") config.smtp_timeout = n;
    } else if (k == "secure_cookies" || k == "trust_proxy") {
      auto v = node.value<bool>();
      if (!v) return fail("true or false");
      if (k == "secure_cookies") config.secure_cookies = *v;
      if (k == "trust_proxy") config.trust_proxy = *v;
    } else if (k == "oidc") {
      ATTUNE_RETURN_IF_ERROR(ReadOidcProviders(path, node, config.oidc));
    } else {
      return Status::Invalid(path + ": unknown option '" + k + "'", k);
    }
  }
  return Status::Ok();
}

Status LoadConfigEnvironment(Config& config) {
  auto env = [](const char* name) -> const char* { return std::getenv(name); };
  for (const auto& [key, field] : TextOptions(config)) {
    std::string name = "ATTUNE_" + key;
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (auto v = env(name.c_str())) *field = v;
  }
  const std::pair<const char*, int*> whole_numbers[] = {
      {"ATTUNE_PORT", &config.port},
      {"ATTUNE_THREADS", &config.threads},
      {"ATTUNE_IO_THREADS", &config.io_threads},
      {"ATTUNE_MAX_CONNECTIONS", &config.max_connections},
      {"ATTUNE_PROXY_HOPS", &config.proxy_hops},
      {"ATTUNE_KEEP_ALIVE_MAX", &config.keep_alive_max},
      {"ATTUNE_KEEP_ALIVE_TIMEOUT", &config.keep_alive_timeout},
      {"ATTUNE_SESSION_HOURS", &config.session_hours},
      {"ATTUNE_SMTP_PORT", &config.smtp_port},
      {"ATTUNE_SMTP_TIMEOUT", &config.smtp_timeout},
  };
  for (const auto& [name, field] : whole_numbers) {
    if (auto v = env(name)) ATTUNE_RETURN_IF_ERROR(ParseInt(name, v, *field));
  }
  if (auto v = env("ATTUNE_SECURE_COOKIES"))
    ATTUNE_RETURN_IF_ERROR(ParseBool("ATTUNE_SECURE_COOKIES", v, config.secure_cookies));
  if (auto v = env("ATTUNE_TRUST_PROXY"))
    ATTUNE_RETURN_IF_ERROR(ParseBool("ATTUNE_TRUST_PROXY", v, config.trust_proxy));
  LoadOidcSecrets(config.oidc);
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
  if (config.smtp_tls != "none" && config.smtp_tls != "starttls" && config.smtp_tls != "tls")
    return Status::Invalid("smtp_tls must be none, starttls or tls", "smtp_tls");
  if (!config.smtp_ca_file.empty() && !std::ifstream(config.smtp_ca_file).good())
    return Status::Invalid("smtp_ca_file names no file attune can read: " + config.smtp_ca_file,
                           "smtp_ca_file");
  if (config.smtp_port < 0 || config.smtp_port > 65535)
    return Status::Invalid("smtp_port must be between 1 and 65535", "smtp_port");
  if (config.smtp_timeout < 1 || config.smtp_timeout > 3600)
    return Status::Invalid("smtp_timeout must be between 1 and 3600 seconds", "smtp_timeout");
  if (!LooksLikeAddress(config.smtp_from))
    return Status::Invalid("smtp_from must be one email address, e.g. attune@school.example",
                           "smtp_from");
  if (config.smtp_host.find_first_of(" /\r\n") != std::string::npos)
    return Status::Invalid("smtp_host must be a host name or address, without spaces or slashes",
                           "smtp_host");
  if (!config.base_url.empty() && config.base_url.rfind("http://", 0) != 0 &&
      config.base_url.rfind("https://", 0) != 0)
    return Status::Invalid("base_url must start with http:// or https://", "base_url");
  if (auto waits = RetryWaits(config.smtp_retry); !waits.ok()) return waits.status();
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error"};
  bool level_ok = false;
  for (auto* l : kLevels) level_ok = level_ok || config.log_level == l;
  if (!level_ok) return Status::Invalid("log_level must be trace, debug, info, warn or error");
  return ValidateOidcProviders(config.oidc);
}

}  // namespace attune
