// GET /healthz: is the server up and its database answering?
#include "web/handlers.h"

namespace attune::web {

http::Response Healthz(const WebContext& ctx, http::Request&) {
  Status db = ctx.store.Ping();
  nlohmann::json body = {{"status", db.ok() ? "ok" : "unavailable"},
                         {"database", db.ok() ? "ok" : db.message()},
                         {"version", ctx.version}};
  return http::Response::Json(body, db.ok() ? 200 : 503);
}

}  // namespace attune::web
