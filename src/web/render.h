// Rendering mustache templates (compiled into the binary from templates/)
// with a view given as JSON.
//
// View values: strings are HTML-escaped by {{x}}; an empty string, null and
// false are all "false" in sections; numbers become text.
//
// Thread-safety: Render may be called from any thread. kainjow's render() is
// not const, so a parsed template is used by one render at a time: each is
// parsed when no idle copy is left and kept for the next render of it,
// whichever thread asks (there are as many copies as renders of it ever ran
// at once, not one per worker thread: with 64 workers, parsing per thread
// made a page's first 64 views parse it again).
#pragma once

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

namespace kainjow::mustache {
template <typename StringType>
class basic_mustache;
}  // namespace kainjow::mustache

namespace attune::web {

class Renderer {
 public:
  // Loads every embedded template, with its partials (named by path without
  // the extension, e.g. {{> partials/field}}) put in place once, here.
  // Throws std::runtime_error for an unknown partial (a bug).
  Renderer();
  ~Renderer();

  // `name` without extension, e.g. "pages/home". Throws std::runtime_error
  // when the template is unknown or broken (a bug, not a user error).
  std::string Render(const std::string& name, const nlohmann::json& view) const;

 private:
  std::unordered_map<std::string, std::string> templates_;
  mutable std::mutex mu_;
  // Parsed copies not in use, by template name. Guarded by mu_.
  mutable std::unordered_map<
      std::string, std::vector<std::unique_ptr<kainjow::mustache::basic_mustache<std::string>>>>
      idle_;
};

}  // namespace attune::web
