// GET /classes/{id}: a class as tiles, for recording in the lesson. Tap the
// pupils, then tap what you noticed: the note is saved with the
// recognition chosen above the chips (the policy's first, unless changed),
// and the page comes back with an Undo. From a lesson on "My day" that is
// three taps for one pupil: the lesson, the pupil, what you noticed.
// ?lesson= and ?place= (the lesson's period and room) travel with the note.
// When the class has a seating plan the tiles stand where the pupils sit
// (front of the room first); "Arrange seats" (web/static/js/seats.js) sets
// it by dragging, tapping or the arrow keys, saved by POST /classes/{id}/seats.
#include <algorithm>
#include <cctype>

#include "http/url.h"
#include "model/seating.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

// "Amelia Russo" -> "AR"; letters only, upper case, at most two.
std::string Initials(const Pupil& p) {
  std::string out;
  for (const std::string* part : {&p.ShownFirstName(), &p.last_name}) {
    if (part->empty()) continue;
    unsigned char c = static_cast<unsigned char>((*part)[0]);
    // A name that starts with a letter outside ASCII keeps its whole first
    // character (every byte of it), so no character is cut in half.
    if (c < 0x80) {
      out += static_cast<char>(std::toupper(c));
    } else {
      size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      out += part->substr(0, n);
    }
  }
  return out;
}

}  // namespace

http::Response ClassShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  const Principal& by = *req.principal;
  auto group = ctx.store.GetTeachingGroup(by.school_id, *id);
  if (!group.ok()) return RenderError(ctx, req, group.status());
  auto members = ctx.store.GroupMembers(by.school_id, *id);
  if (!members.ok()) return RenderError(ctx, req, members.status());
  auto in_force = ctx.policies.InForce(by.school_id, LondonDate(Now()));
  nlohmann::json view = {{"group", group->name},
                         {"subject", group->subject},
                         {"group_id", *id},
                         {"has_policy", in_force.ok()},
                         {"no_policy", !in_force.ok()}};
  // A lesson or room name longer than any real one is dropped, not cut.
  std::string lesson = req.query.Get("lesson");
  std::string place = req.query.Get("place");
  if (lesson.size() > 100) lesson.clear();
  if (place.size() > 100) place.clear();
  view["lesson"] = lesson;
  view["place"] = place;
  std::string back = "/classes/" + std::to_string(*id);
  if (!lesson.empty()) back += "?lesson=" + http::PercentEncode(lesson);
  if (!place.empty()) {
    back += (lesson.empty() ? "?place=" : "&place=") + http::PercentEncode(place);
  }
  view["back"] = back;
  std::string pupils_word = "pupils";
  if (in_force.ok()) {
    const policy::Policy& policy = *in_force->policy;
    RecordForm none;
    none.kind = RecordKind::kPositive;
    view.update(PositiveView(policy, none));
    if (!view["rewards"].empty()) view["rewards"][0]["selected"] = true;
    pupils_word = policy.Word("pupils", pupils_word);
  }
  auto plan = ctx.store.SeatingPlan(by.school_id, *id);
  if (!plan.ok()) return RenderError(ctx, req, plan.status());
  auto tile = [](const Pupil& p, const Seat* seat) {
    return nlohmann::json{{"id", p.id},
                          {"first", p.ShownFirstName()},
                          {"last", p.last_name},
                          {"initials", Initials(p)},
                          {"seated", seat != nullptr},
                          {"row", seat ? seat->row : 0},
                          {"column", seat ? seat->column : 0}};
  };
  // Seated pupils in the order they sit (row by row from the front), so
  // reading and tabbing follow the room; then those without a seat.
  nlohmann::json tiles = nlohmann::json::array(), seated = nlohmann::json::array(),
                 unseated = nlohmann::json::array();
  for (const auto& seat : *plan) {
    for (const auto& p : *members) {
      if (p.id == seat.pupil_id) seated.push_back(tile(p, &seat));
    }
  }
  for (const auto& p : *members) {
    bool has_seat =
        std::any_of(plan->begin(), plan->end(), [&](const Seat& s) { return s.pupil_id == p.id; });
    if (!has_seat) unseated.push_back(tile(p, nullptr));
    tiles.push_back(tile(p, nullptr));
  }
  bool has_plan = !seated.empty();
  view["tiles"] = tiles;
  view["has_tiles"] = !tiles.empty();
  view["has_plan"] = has_plan;
  view["seated"] = seated;
  view["unseated"] = unseated;
  view["has_unseated"] = has_plan && !unseated.empty();
  view["seat_rows"] = kSeatRows;
  view["seat_columns"] = kSeatColumns;
  view["count"] = std::to_string(tiles.size()) + " " + pupils_word;
  view["pupils_word"] = pupils_word;
  return RenderPage(ctx, req, "class", group->name, view);
}

}  // namespace attune::web
