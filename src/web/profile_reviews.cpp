// GET /pupils/reviews: every pupil whose personal profile is due for review
// with the pupil under the policy's cycle ([profile]
// review_every_school_days), not only after an incident; profiles never
// gone through with the pupil first (decision 0028).
#include "services/profile_review_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response ProfileReviews(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  Date today = LondonDate(Now());
  auto due = ProfileReviewService(ctx.store, ctx.policies, ctx.clock).Due(by, today);
  if (!due.ok()) return RenderError(ctx, req, due.status());
  auto loaded = ctx.policies.InForce(by.school_id, today);
  std::optional<int> every;
  if (loaded.ok()) every = loaded->policy->profile.review_every_school_days;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : *due) {
    rows.push_back({{"id", r.pupil_id},
                    {"name", r.name},
                    {"form", r.form_name},
                    {"last", r.last_saved ? DateWords(*r.last_saved) : "Never written"},
                    {"reviewed", r.last_reviewed ? DateWords(*r.last_reviewed) : "Not yet"},
                    {"due", r.last_reviewed ? DateWords(r.due) : "Now"}});
  }
  nlohmann::json view = {{"rows", rows},
                         {"has_rows", !rows.empty()},
                         {"count", rows.size()},
                         {"has_cycle", every.has_value()},
                         {"every", every ? std::to_string(*every) : ""}};
  return RenderPage(ctx, req, "profile_reviews", "Profiles due for review", view);
}

}  // namespace attune::web
