#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace attune::http {
namespace {

std::string ContentType(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json" || ext == ".webmanifest") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string Etag(const std::string& content) {
  // FNV-1a: enough to tell versions of one file apart.
  unsigned long long h = 1469598103934665603ULL;
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  std::ostringstream out;
  out << '"' << std::hex << h << '"';
  return out.str();
}

}  // namespace

Status StaticFiles::Load(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return Status::Invalid("static folder " + folder + " does not exist; set static_dir",
                           "static_dir");
  }
  for (const auto& entry : fs::recursive_directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    File f;
    f.content = content.str();
    f.content_type = ContentType(entry.path());
    f.etag = Etag(f.content);
    files_[fs::relative(entry.path(), folder).generic_string()] = std::move(f);
  }
  return Status::Ok();
}

Response StaticFiles::Serve(const Request& request, const std::string& relative) const {
  auto it = files_.find(relative);
  if (it == files_.end() || (request.method != "GET" && request.method != "HEAD")) {
    return Response::Text("Not found", 404);
  }
  Response r;
  r.SetHeader("ETag", it->second.etag);
  r.SetHeader("Cache-Control", "public, max-age=3600");
  if (request.Header("if-none-match") == it->second.etag) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = it->second.content_type;
  r.body = it->second.content;
  return r;
}

}  // namespace attune::http
