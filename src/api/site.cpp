#include "api/site.h"

#include "services/audit.h"
#include "services/authorization.h"

namespace attune::api {

http::Response JsonError(const Status& status) {
  nlohmann::json error = {{"code", status.code_name()}, {"message", status.message()}};
  error["field"] =
      status.field().empty() ? nlohmann::json(nullptr) : nlohmann::json(status.field());
  http::Response r = http::Response::Json({{"error", error}}, http::HttpStatusFor(status));
  if (status.code() == StatusCode::kUnauthenticated) {
    r.SetHeader("WWW-Authenticate", "Bearer realm=\"attune\"");
  }
  return r;
}

http::Response WithReadsAudited(const ApiContext& ctx, const http::Request& req,
                                http::Response response) {
  if (!req.principal) return response;
  Status audited =
      AuditRequestReads(ctx.store, *req.principal, req.method + " " + req.path, req.ip);
  return audited.ok() ? response : JsonError(audited);
}

http::Site BuildSite(const ApiContext& ctx, const http::Router& router) {
  http::Site site;
  site.prefix = "/api/";
  site.router = &router;
  site.authenticate = [&ctx](http::Request& req) -> Result<std::optional<Principal>> {
    std::string header = req.Header("authorization");
    if (header.empty()) return std::optional<Principal>();
    const std::string prefix = "Bearer ";
    if (header.rfind(prefix, 0) != 0) {
      return Status::Unauthenticated("Use 'Authorization: Bearer <token>'");
    }
    auto principal = ctx.auth.AuthenticateToken(header.substr(prefix.size()));
    if (!principal.ok()) return principal.status();
    principal->reads = std::make_shared<ReadLedger>();
    return std::optional<Principal>(std::move(*principal));
  };
  // Bearer tokens are not sent by browsers on their own, so no CSRF check.
  site.authorize = [](const Principal* principal, Permission permission) -> Status {
    if (!principal && permission != Permission::kPublic) {
      return Status::Unauthenticated(
          "This API needs a token: send 'Authorization: Bearer <token>' (create one with "
          "'attune token create --email ...')");
    }
    return Authorize(principal, permission);
  };
  site.render_error = [](const http::Request&, const Status& status) { return JsonError(status); };
  return site;
}

}  // namespace attune::api
