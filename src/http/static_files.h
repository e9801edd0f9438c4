// Static browser assets (css, icons, htmx), read into memory at
// start-up and served with an ETag and a cache lifetime.
//
// Thread-safety: load before serving; Serve is then safe from any thread.
#pragma once

#include <string>
#include <unordered_map>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"

namespace attune::http {

class StaticFiles {
 public:
  // Reads every file under `folder`. Invalid when the folder does not exist.
  Status Load(const std::string& folder);
  // `relative` is the path after the static prefix, e.g. "css/attune.css".
  Response Serve(const Request& request, const std::string& relative) const;

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string etag;
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace attune::http
