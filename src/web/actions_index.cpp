// GET /actions: "My actions" — the follow-ups for me (named) or my role, due
// times in words, overdue ones marked; complete with an outcome note, pass
// on, and for a call home the pupil's contacts and the call log in one step.
// Those who run the follow-up queue can switch to a role's queue or all.
#include <map>

#include "services/authorization.h"
#include "web/actions_page.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

// The roles that follow up records (office administrators do not).
std::vector<Role> FollowUpRoles() {
  std::vector<Role> out;
  for (Role r : AllRoles()) {
    if (RoleHas(r, Permission::kRestorativeRecord)) out.push_back(r);
  }
  return out;
}

// Who an action can be passed on to: a role's queue, or a named person.
nlohmann::json ReassignOptions(const WebContext& ctx, const Principal& by) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : FollowUpRoles()) {
    roles.push_back({{"value", std::string("role:") + RoleName(r)}, {"label", RoleLabel(r)}});
  }
  nlohmann::json people = nlohmann::json::array();
  auto staff = ctx.store.ListStaff(by.school_id);
  if (staff.ok()) {
    for (const auto& s : *staff) {
      if (!s.active || !RoleHas(s.role, Permission::kRestorativeRecord)) continue;
      people.push_back({{"value", "staff:" + std::to_string(s.id)},
                        {"label", s.name + " (" + RoleLabel(s.role) + ")"}});
    }
  }
  return {{"roles", roles}, {"people", people}};
}

// Where on the record an action that is done by its own record is done.
struct RecordLink {
  const char* anchor;
  const char* words;
  const char* hint;
};
RecordLink RecordLinkFor(const std::string& kind) {
  if (kind == "restorative_conversation") {
    return {"#restorative", "Record the conversation on the record",
            "Recording the conversation completes this. If it will not happen, a senior leader "
            "records why on the record."};
  }
  if (kind == "repair") {
    return {"#restorative", "Record the repair on the record",
            "Recording the repair with the adult involved completes this. If it will not "
            "happen, a senior leader records why on the record."};
  }
  if (kind == "amends") {
    return {"#amends", "Record the amends on the record",
            "Recording what the pupil proposes, in their own words, completes this."};
  }
  return {"#suspension", "Decide on the record", ""};
}

}  // namespace

http::FormData QueryOf(const std::string& path) {
  auto q = path.find('?');
  if (q == std::string::npos) return {};
  auto parsed = http::FormData::Parse(path.substr(q + 1));
  return parsed.ok() ? *parsed : http::FormData{};
}

http::Response RenderActionsPage(const WebContext& ctx, const http::Request& req,
                                 const http::FormData& query, const ActionFormError* failed) {
  const Principal& by = *req.principal;
  bool manage = RoleHas(by.role, Permission::kActionsManage);
  ActionFilter filter;
  std::string queue = query.Get("queue");
  if (!manage || queue.empty()) queue = "mine";
  if (queue == "all") {
    filter.scope = "all";
  } else if (queue.rfind("role:", 0) == 0) {
    filter.scope = "role";
    filter.role = queue.substr(5);
  } else {
    queue = "mine";
  }
  filter.status = query.Get("status") == "done" ? "done" : "open";
  auto actions = ctx.actions.List(by, filter, req.ip);
  if (!actions.ok()) return RenderError(ctx, req, actions.status());

  Timestamp now = Now();
  auto in_force = ctx.policies.InForce(by.school_id, LondonDate(now));
  std::shared_ptr<const policy::Policy> policy;
  if (in_force.ok()) policy = in_force->policy;

  std::string back = "/actions";
  if (queue != "mine" || filter.status != "open") {
    back += "?queue=" + queue + "&status=" + filter.status;
  }
  nlohmann::json reassign = ReassignOptions(ctx, by);
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& k : ContactKinds()) {
    kinds.push_back(
        {{"value", k}, {"label", ContactKindLabel(k)}, {"selected", k == "phone_call"}});
  }

  std::map<long long, nlohmann::json> contacts_read;  // by pupil
  bool failed_shown = false;
  int overdue = 0;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : *actions) {
    nlohmann::json item = ActionJson(a, now, by);
    if (a.Overdue(now)) ++overdue;
    bool mine = ActionService::IsAssignee(by, a);
    bool can_act = a.status == "open" && (mine || manage);
    item["can_act"] = can_act;
    // The suspension decision, the restorative conversation and the repair
    // are done by recording them on the record, never by a note here.
    bool on_record = ActionService::DoneByItsRecord(a.kind) && a.incident_id;
    item["on_record"] = on_record;
    if (on_record) {
      RecordLink link = RecordLinkFor(a.kind);
      item["record_href"] = "/incidents/" + std::to_string(a.incident_id) + link.anchor;
      item["record_words"] = link.words;
      item["record_hint"] = link.hint;
    }
    std::string category;
    if (policy && !a.category.empty()) {
      if (const auto* c = policy->FindCategory(a.category)) category = c->name;
    }
    item["category"] = category;
    // The adult who must call home needs the number, even without the
    // contacts permission: shown to the action's assignee only, audited.
    bool call = can_act && mine && a.kind == "phone_call_home" && a.pupil_id;
    item["call_home"] = call;
    if (call) {
      // One read (and one audit entry) per pupil on the page.
      auto read = contacts_read.find(a.pupil_id);
      if (read == contacts_read.end()) {
        auto contacts = ctx.actions.ContactsForCall(by, a, req.ip);
        if (!contacts.ok()) return RenderError(ctx, req, contacts.status());
        nlohmann::json list = nlohmann::json::array();
        for (const auto& c : *contacts) list.push_back(ContactJson(c));
        read = contacts_read.emplace(a.pupil_id, std::move(list)).first;
      }
      item["contacts"] = read->second;
      item["has_contacts"] = !read->second.empty();
      item["kinds"] = kinds;
    }
    if (failed && failed->action_id == a.id) {
      item[failed->form + "_error"] = failed->error.message();
      item[failed->form + "_text"] = failed->text;
      failed_shown = true;
    }
    items.push_back(std::move(item));
  }

  nlohmann::json queues = nlohmann::json::array();
  if (manage) {
    queues.push_back({{"value", "mine"}, {"label", "My actions"}, {"selected", queue == "mine"}});
    for (Role r : FollowUpRoles()) {
      std::string v = std::string("role:") + RoleName(r);
      queues.push_back({{"value", v},
                        {"label", std::string(RoleLabel(r)) + " queue"},
                        {"selected", queue == v}});
    }
    queues.push_back({{"value", "all"}, {"label", "Everyone's"}, {"selected", queue == "all"}});
  }
  std::string heading = "My actions";
  if (queue == "all") heading = "Everyone's actions";
  if (filter.scope == "role") heading = RoleWords(filter.role) + " queue";
  bool open = filter.status == "open";
  std::string summary;
  if (open) {
    summary = std::to_string(items.size()) + (items.size() == 1 ? " action" : " actions") + " open";
    if (overdue) summary += ", " + std::to_string(overdue) + " overdue";
  } else {
    summary = std::to_string(items.size()) + " done, most recent first";
  }
  nlohmann::json view = {{"heading", heading},
                         {"manage", manage},
                         {"queues", queues},
                         {"status_open", open},
                         {"summary", summary},
                         {"actions", items},
                         {"has_actions", !items.empty()},
                         {"mine", queue == "mine"},
                         {"back", back},
                         {"reassign_roles", reassign["roles"]},
                         {"reassign_people", reassign["people"]}};
  if (failed && !failed_shown) {
    // The action is not in this queue (someone else's, or done): the error
    // goes at the top, with the way to its record when it is done there.
    view["page_error"] = failed->error.message();
    auto action = ctx.actions.Get(by, failed->action_id, req.ip);
    if (action.ok() && action->incident_id && ActionService::DoneByItsRecord(action->kind)) {
      RecordLink link = RecordLinkFor(action->kind);
      view["page_error_href"] = "/incidents/" + std::to_string(action->incident_id) + link.anchor;
      view["page_error_words"] = link.words;
    }
  }
  int status = failed ? HttpStatusFor(failed->error) : 200;
  return RenderPage(ctx, req, "actions", heading, view, status);
}

http::Response ActionsIndex(const WebContext& ctx, http::Request& req) {
  return RenderActionsPage(ctx, req, req.query, nullptr);
}

}  // namespace attune::web
