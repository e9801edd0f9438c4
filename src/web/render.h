// Rendering mustache templates (compiled into the binary from templates/)
// with a view given as JSON.
//
// View values: strings are HTML-escaped by {{x}}; an empty string, null and
// false are all "false" in sections; numbers become text.
//
// Thread-safety: Render may be called from any thread. kainjow's render() is
// not const, so each thread parses a template once, on its first use there,
// and keeps it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

namespace attune::web {

class Renderer {
 public:
  // Loads every embedded template, with its partials (named by path without
  // the extension, e.g. {{> partials/field}}) put in place once, here.
  // Throws std::runtime_error for an unknown partial (a bug).
  Renderer();

  // `name` without extension, e.g. "pages/home". Throws std::runtime_error
  // when the template is unknown or broken (a bug, not a user error).
  std::string Render(const std::string& name, const nlohmann::json& view) const;

 private:
  std::uint64_t id_;  // which thread-local parsed templates are this renderer's
  std::unordered_map<std::string, std::string> templates_;
};

}  // namespace attune::web
