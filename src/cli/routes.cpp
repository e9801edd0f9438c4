// attune routes: the route tables with each route's permission and the
// roles holding it, as JSON (used by the test that walks every route).
#include <iostream>
#include <nlohmann/json.hpp>

#include "api/site.h"
#include "cli/commands.h"
#include "services/authorization.h"
#include "web/site.h"

namespace attune::cli {

Runner RegisterRoutes(CLI::App& app) {
  app.add_subcommand("routes", "Print every route, its permission and the roles holding it");
  return [] {
    nlohmann::json out = nlohmann::json::array();
    auto dump = [&](const http::Router& router, const char* site) {
      for (const auto& r : router.routes()) {
        nlohmann::json roles = nlohmann::json::array();
        for (Role role : RolesWith(r.permission)) roles.push_back(RoleName(role));
        std::string also;
        for (Permission a : r.also) {
          for (Role role : RolesWith(a)) roles.push_back(RoleName(role));
          also += (also.empty() ? "" : ",") + std::string(PermissionName(a));
        }
        out.push_back({{"site", site},
                       {"method", r.method},
                       {"pattern", r.pattern},
                       {"example", r.example},
                       {"permission", PermissionName(r.permission)},
                       {"also", also},
                       {"roles", roles}});
      }
    };
    dump(web::BuildRouter(nullptr), "web");
    dump(api::BuildRouter(nullptr), "api");
    std::cout << out.dump(2) << "\n";
    return 0;
  };
}

}  // namespace attune::cli
