// POST /classes/{id}/seats: saves the class's seating plan, as arranged on
// the class page by dragging tiles (or with the arrow keys, or a tap on a
// tile and then on a seat). `seat` (repeated) is "pupil:row:seat"; none
// clears the plan. Checked by services/seating.h: a pupil not in the class,
// a seat outside the room or two pupils in one seat is refused (422) with
// the reason. Back to the class page (`back`, when it is this class's).
#include "services/seating.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

http::Response ClassSeats(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::vector<Seat> seats;
  for (const auto& text : form->GetAll("seat")) {
    auto seat = ParseSeat(text);
    if (!seat.ok()) return RenderError(ctx, req, seat.status());
    seats.push_back(*seat);
  }
  Status saved = SaveSeatingPlan(ctx.store, *req.principal, *id, seats);
  if (!saved.ok()) return RenderError(ctx, req, saved);
  std::string page = "/classes/" + std::to_string(*id);
  std::string back = SafeBack(form->Get("back"), page);
  if (back != page && back.rfind(page + "?", 0) != 0) back = page;
  http::Response r = http::Response::Redirect(back);
  SetFlash(r, seats.empty() ? "The seating plan is cleared." : "Seats saved.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
