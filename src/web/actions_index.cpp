// GET /actions: the follow-up queue. Those who run it (actions.manage) see
// the team's queue by default; everyone else their own. Grouped by when
// each is due (overdue, today, this week, later, no time), 25 to a page,
// filtered by the pupil's year and form, the kind of action and who it is
// for. Complete with an outcome note; a call home shows the pupil's
// contacts and the call log in one step; passing on is its own page
// (web/actions_pass_on.cpp), so a page does not carry the staff list for
// every action.
#include <map>

#include "http/url.h"
#include "services/authorization.h"
#include "web/actions_page.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

constexpr int kPageSize = 25;

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
  if (kind == "plan_review") {
    return {"#review", "Write the review on the plan", "Writing the review completes this."};
  }
  if (kind == "plan_check_in") {
    return {"#entry", "Write the check-in on the plan", "Writing the check-in completes this."};
  }
  if (kind == "plan_end") {
    return {"#end-form", "Decide on the plan", "Ending the plan with how it went completes this."};
  }
  return {"#suspension", "Decide on the record", ""};
}

// The kinds of follow-up a queue can be filtered by: the policy's, and
// those the law adds.
const std::vector<std::string>& QueueKinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out = policy::ActionKinds();
    for (const char* legal : {"parent_notice", "physical_intervention_record",
                              "suspension_decision", "plan_check_in", "plan_end"}) {
      out.push_back(legal);
    }
    return out;
  }();
  return kinds;
}

// Which due group an open action is in: 0 overdue, 1 today, 2 this week,
// 3 later, 4 no due time (the order of the queue).
int DueGroup(const Action& a, const DueEdges& edges) {
  if (!a.due_at) return 4;
  if (*a.due_at < edges.now) return 0;
  if (*a.due_at < edges.end_of_today) return 1;
  if (*a.due_at < edges.end_of_week) return 2;
  return 3;
}

// The choices of the filter form: queues, years and forms, kinds, people.
void AddFilterChoices(const WebContext& ctx, const Principal& by, const QueueChoice& c,
                      nlohmann::json& view) {
  nlohmann::json queues = nlohmann::json::array();
  queues.push_back(
      {{"value", "all"}, {"label", "The team's queue"}, {"selected", c.queue == "all"}});
  queues.push_back({{"value", "mine"}, {"label", "Only mine"}, {"selected", c.queue == "mine"}});
  for (Role r : FollowUpRoles()) {
    std::string v = std::string("role:") + RoleName(r);
    queues.push_back({{"value", v},
                      {"label", std::string(RoleLabel(r)) + " queue"},
                      {"selected", c.queue == v}});
  }
  view["queues"] = queues;

  AddYearFormChoices(ctx, by.school_id, c.year ? c.year : -1, c.form, view);

  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& k : QueueKinds()) {
    kinds.push_back({{"value", k}, {"label", policy::ActionLabel(k)}, {"selected", k == c.kind}});
  }
  view["kinds"] = kinds;

  nlohmann::json people = nlohmann::json::array();
  for (Role r : FollowUpRoles()) {
    std::string v = std::string("role:") + RoleName(r);
    people.push_back({{"value", v},
                      {"label", std::string("Any ") + RoleLabel(r)},
                      {"selected", c.assignee == v}});
  }
  if (auto staff = ctx.store.ListStaff(by.school_id); staff.ok()) {
    for (const auto& s : *staff) {
      if (!s.active || !RoleHas(s.role, Permission::kRestorativeRecord)) continue;
      std::string v = "staff:" + std::to_string(s.id);
      people.push_back({{"value", v}, {"label", s.name}, {"selected", c.assignee == v}});
    }
  }
  view["people"] = people;
  view["filter_for"] = c.queue == "all";
  view["filtered"] = c.year || c.form || !c.kind.empty() || !c.assignee.empty();
}

const char* kGroupHeadings[] = {"Overdue", "Due today", "Due later this week",
                                "Due after this week", "No due time"};

}  // namespace

QueueChoice ReadQueueChoice(const http::FormData& query, bool manage) {
  QueueChoice c;
  c.queue = query.Get("queue");
  if (!manage) {
    c.queue = "mine";
  } else if (c.queue.empty()) {
    c.queue = "all";  // the team's queue first for those who run it
  } else if (c.queue != "all" && c.queue != "mine" && c.queue.rfind("role:", 0) != 0) {
    c.queue = "all";
  }
  c.status = query.Get("status") == "done" ? "done" : "open";
  c.year = static_cast<int>(QueryNumber(query, "year", 1, 14, 0));
  c.form = QueryNumber(query, "form", 1, 1LL << 53, 0);
  c.kind = query.Get("kind");
  if (std::find(QueueKinds().begin(), QueueKinds().end(), c.kind) == QueueKinds().end()) {
    c.kind.clear();
  }
  if (manage && c.queue == "all") {
    std::string who = query.Get("for");
    bool role = who.rfind("role:", 0) == 0 && ParseRole(who.substr(5));
    bool person = who.rfind("staff:", 0) == 0 && who.size() > 6 && who.size() < 22 &&
                  who.find_first_not_of("0123456789", 6) == std::string::npos;
    if (role || person) c.assignee = who;
  }
  c.page = static_cast<int>(QueryNumber(query, "page", 1, 40000, 0));
  if (c.page == 0) c.page = 1;
  return c;
}

ActionFilter QueueFilter(const QueueChoice& c) {
  ActionFilter f;
  if (c.queue == "all") {
    f.scope = "all";
  } else if (c.queue.rfind("role:", 0) == 0) {
    f.scope = "role";
    f.role = c.queue.substr(5);
  }
  f.status = c.status;
  f.year_group = c.year;
  f.form_id = c.form;
  f.kind = c.kind;
  f.assignee = c.assignee;
  f.limit = kPageSize;
  f.offset = (c.page - 1) * kPageSize;
  return f;
}

std::vector<Role> FollowUpRoles() {
  std::vector<Role> out;
  for (Role r : AllRoles()) {
    if (RoleHas(r, Permission::kRestorativeRecord)) out.push_back(r);
  }
  return out;
}

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
  QueueChoice choice = ReadQueueChoice(query, manage);
  ActionFilter filter = QueueFilter(choice);
  Timestamp now = Now();
  DueEdges edges = DueEdgesAt(now);
  auto counts = ctx.actions.Count(by, filter, now);
  if (!counts.ok()) return RenderError(ctx, req, counts.status());
  int pages = std::max(1, (counts->total + kPageSize - 1) / kPageSize);
  if (choice.page > pages) {
    choice.page = pages;
    filter.offset = (pages - 1) * kPageSize;
  }
  auto actions = ctx.actions.List(by, filter, req.ip);
  if (!actions.ok()) return RenderError(ctx, req, actions.status());

  auto in_force = ctx.policies.InForce(by.school_id, LondonDate(now));
  std::shared_ptr<const policy::Policy> policy;
  if (in_force.ok()) policy = in_force->policy;

  std::string back = "/actions?" + choice.Query(choice.page);
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& k : ContactKinds()) {
    kinds.push_back(
        {{"value", k}, {"label", ContactKindLabel(k)}, {"selected", k == "phone_call"}});
  }

  bool open = choice.status == "open";
  const int group_totals[] = {counts->overdue, counts->today, counts->week, counts->later,
                              counts->undated};
  std::map<long long, nlohmann::json> contacts_read;  // by pupil
  bool failed_shown = false;
  nlohmann::json groups = nlohmann::json::array();
  int current_group = -1;
  for (const auto& a : *actions) {
    nlohmann::json item = ActionJson(a, now, by);
    bool mine = ActionService::IsAssignee(by, a);
    bool can_act = a.status == "open" && (mine || manage);
    item["can_act"] = can_act;
    // The suspension decision, the restorative conversation and the repair
    // are done by recording them on the record, never by a note here.
    bool on_record = ActionService::DoneByItsRecord(a.kind) && (a.incident_id || a.plan_id);
    item["on_record"] = on_record;
    if (on_record) {
      RecordLink link = RecordLinkFor(a.kind);
      item["record_href"] = (a.plan_id ? "/plans/" + std::to_string(a.plan_id)
                                       : "/incidents/" + std::to_string(a.incident_id)) +
                            link.anchor;
      item["record_words"] = link.words;
      item["record_hint"] = link.hint;
    }
    std::string category;
    if (policy && !a.category.empty()) {
      if (const auto* c = policy->FindCategory(a.category)) category = c->name;
    }
    item["category"] = category;
    item["pass_on_href"] =
        "/actions/" + std::to_string(a.id) + "/pass-on?back=" + http::PercentEncode(back);
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
    int group = open ? DueGroup(a, edges) : 0;
    if (groups.empty() || group != current_group) {
      current_group = group;
      nlohmann::json g = {{"items", nlohmann::json::array()}, {"grouped", open}};
      if (open) {
        int n = group_totals[group];
        g["heading"] = kGroupHeadings[group];
        g["count"] = std::to_string(n) + (n == 1 ? " action" : " actions");
        g["id"] = "due-" + std::to_string(group);
        g["overdue"] = group == 0;
      }
      groups.push_back(std::move(g));
    }
    groups.back()["items"].push_back(std::move(item));
  }

  std::string heading = "My actions";
  if (choice.queue == "all") heading = "The team's queue";
  if (filter.scope == "role") heading = RoleWords(filter.role) + " queue";
  std::string summary;
  int total = counts->total;
  if (open) {
    summary = std::to_string(total) + (total == 1 ? " action" : " actions") + " open";
    if (counts->overdue) summary += ", " + std::to_string(counts->overdue) + " overdue";
    if (counts->today) summary += ", " + std::to_string(counts->today) + " due today";
  } else {
    summary = std::to_string(total) + " done, most recent first";
  }
  nlohmann::json view = {{"heading", heading},
                         {"manage", manage},
                         {"status_open", open},
                         {"summary", summary},
                         {"groups", groups},
                         {"has_actions", !actions->empty()},
                         {"mine", choice.queue == "mine"},
                         {"back", back},
                         {"csv_href", "/actions/export.csv?" + choice.Query(1)},
                         {"csv_capped", counts->total > kCsvMaxRows},
                         {"csv_max", kCsvMaxRows}};
  if (manage) AddFilterChoices(ctx, by, choice, view);
  Paging paging{choice.page, kPageSize, total, pages};
  view["paging"] =
      PagingView(paging, actions->size(), [&](int p) { return "/actions?" + choice.Query(p); });
  if (failed && !failed_shown) {
    // The action is not on this page (someone else's, or done): the error
    // goes at the top, with the way to its record when it is done there.
    view["page_error"] = failed->error.message();
    auto action = ctx.actions.Get(by, failed->action_id, req.ip);
    if (action.ok() && (action->incident_id || action->plan_id) &&
        ActionService::DoneByItsRecord(action->kind)) {
      RecordLink link = RecordLinkFor(action->kind);
      view["page_error_href"] =
          (action->plan_id ? "/plans/" + std::to_string(action->plan_id)
                           : "/incidents/" + std::to_string(action->incident_id)) +
          link.anchor;
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
