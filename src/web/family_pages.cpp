// A parent or carer's pages (decision 0026): their children, each child's
// notes from school, plans and calls, a thank-you to a note, the school's
// policy in plain words, and their account (a weekly email instead of one
// a note). Every page is asked of FamilyService for the signed-in family
// only; another pupil is "not found".
#include "services/text.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/policy_explained.h"
#include "web/site.h"

namespace attune::web {
namespace {

std::string WhenWords(Timestamp t) { return DateWords(LondonDate(t)); }

nlohmann::json ChildJson(const FamilyChild& c) {
  return {{"id", c.pupil_id},
          {"name", c.first_name + " " + c.last_name},
          {"first_name", c.first_name},
          {"year",
           c.year_group == 0 ? std::string("Reception") : "Year " + std::to_string(c.year_group)},
          {"form", c.form_name}};
}

// A record as the family reads it: a positive note in the adult's own
// words; anything else by the category's name and any words for home.
nlohmann::json RecordJson(const FamilyRecord& r, const std::string& first_name) {
  bool positive = r.behaviour_class == "prosocial";
  std::string heading = positive ? (r.reward_name.empty() ? "A note from school" : r.reward_name)
                                 : (r.category_name.empty() ? "From school" : r.category_name);
  nlohmann::json j = {{"incident_id", r.incident_id},
                      {"heading", heading},
                      {"positive", positive},
                      {"what", positive && !r.category_name.empty() ? r.category_name : ""},
                      {"words", r.words},
                      {"when", WhenWords(r.occurred_at)},
                      {"by", r.recorded_by},
                      {"reply", r.reply},
                      {"has_reply", !r.reply.empty()},
                      {"may_reply", positive && r.reply.empty()},
                      {"first_name", first_name}};
  return j;
}

}  // namespace

http::Response FamilyHome(const WebContext& ctx, http::Request& req) {
  auto children = ctx.families.Children(*req.principal);
  if (!children.ok()) return RenderError(ctx, req, children.status());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : *children) list.push_back(ChildJson(c));
  nlohmann::json view = {
      {"children", list}, {"has_children", !children->empty()}, {"name", req.principal->name}};
  return RenderPage(ctx, req, "family_home", "My children", view);
}

// A failed answer to a request for the family's view: what was typed, kept.
struct FailedView {
  long long request_id = 0;
  Status error;
  std::map<std::string, std::string> words;
};

// The requests for the family's view, open ones as forms.
nlohmann::json ViewsJson(const std::vector<FamilyView>& views, const FailedView* failed) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : views) {
    bool failed_here = failed && failed->request_id == v.request.id;
    nlohmann::json questions = nlohmann::json::array();
    for (const auto& q : v.questions) {
      std::string words = q.words;
      if (failed_here) {
        auto it = failed->words.find(q.field_id);
        words = it == failed->words.end() ? "" : it->second;
      }
      nlohmann::json j = {{"field", q.field_id},
                          {"label", q.label},
                          {"help", q.help},
                          {"words", words},
                          {"input_id", "view-" + std::to_string(v.request.id) + "-" + q.field_id}};
      if (failed_here && failed->error.field() == q.field_id) j["error"] = failed->error.message();
      questions.push_back(j);
    }
    out.push_back({{"id", v.request.id},
                   {"plan", v.plan_name},
                   {"section", v.section_title},
                   {"open", v.request.open},
                   {"asked", WhenWords(v.request.asked_at)},
                   {"answered", v.answered_at ? WhenWords(*v.answered_at) : ""},
                   {"questions", questions},
                   {"max", FamilyService::kViewMax}});
  }
  return out;
}

http::Response RenderFamilyChild(const WebContext& ctx, http::Request& req, long long pupil_id,
                                 const Status* failed, long long failed_incident,
                                 const FailedView* failed_view = nullptr) {
  // ?before=ID: the page of notes older than record ID.
  auto before = http::IntValue(req.query.Get("before"), 0, "before");
  if (!before.ok()) return RenderError(ctx, req, before.status());
  auto page = ctx.families.Child(*req.principal, pupil_id, *before);
  if (!page.ok()) return RenderError(ctx, req, page.status());
  const FamilyChild& c = page->child;
  nlohmann::json records = nlohmann::json::array();
  for (const auto& r : page->records) {
    nlohmann::json j = RecordJson(r, c.first_name);
    if (failed && failed_incident == r.incident_id) j["reply_error"] = failed->message();
    records.push_back(j);
  }
  nlohmann::json plans = nlohmann::json::array();
  for (const auto& p : page->plans) {
    nlohmann::json j = {{"name", p.name},
                        {"target", p.target},
                        {"active", p.status == "active"},
                        {"started", DateWords(p.started_on)},
                        {"ended", p.status != "active" && p.ends_on ? DateWords(*p.ends_on) : ""}};
    if (p.next) {
      // A date gone by is being arranged: not a meeting the family missed.
      j["next"] = p.next->on < LondonDate(Now())
                      ? "The next " + std::string(p.next->Words()) + " is being arranged"
                      : Capitalised(p.next->Words()) + " on " + DateWords(p.next->on);
    }
    nlohmann::json agreed = nlohmann::json::array();
    for (const auto& t : p.agreed_targets) agreed.push_back(t);
    nlohmann::json week = nlohmann::json::array();
    for (const auto& [day, t] : p.week_targets) {
      week.push_back({{"day", Trim(date::format("%A", day))}, {"target", t}});
    }
    j["agreed"] = agreed;
    j["has_agreed"] = !agreed.empty();
    j["week"] = week;
    j["has_week"] = !week.empty();
    plans.push_back(j);
  }
  nlohmann::json contacts = nlohmann::json::array();
  for (const auto& e : page->contacts) {
    contacts.push_back({{"kind", ContactKindLabel(e.kind)},
                        {"when", WhenWords(e.at)},
                        {"with", e.contact_name},
                        {"by", e.staff_name}});
  }
  nlohmann::json view = {
      {"child", ChildJson(c)},
      {"records", records},
      {"has_records", !records.empty()},
      {"older", records.size() >= FamilyService::kRecordsShown
                    ? "/family/pupils/" + std::to_string(pupil_id) + "?before=" +
                          std::to_string(page->records.back().incident_id) + "#notes-heading"
                    : ""},
      {"paged", *before != 0},
      {"plans", plans},
      {"has_plans", !plans.empty()},
      {"contacts", contacts},
      {"views", ViewsJson(page->views, failed_view)},
      {"has_views", !page->views.empty()},
      {"has_contacts", !contacts.empty()},
      {"reply_max", FamilyService::kReplyMax}};
  // A refusal with no form to stand beside (thanked already, a question
  // closed) is said at the top of the page.
  for (const Status* st : {failed, failed_view ? &failed_view->error : nullptr}) {
    if (st && st->code() == StatusCode::kConflict) view["page_error"] = st->message();
  }
  int status = failed        ? HttpStatusFor(*failed)
               : failed_view ? HttpStatusFor(failed_view->error)
                             : 200;
  return RenderPage(ctx, req, "family_child", c.first_name + " " + c.last_name, view, status);
}

http::Response FamilyChildShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderFamilyChild(ctx, req, *id, nullptr, 0);
}

http::Response FamilyReply(const WebContext& ctx, http::Request& req) {
  auto pupil = http::ParamId(req, 0);
  auto incident = http::ParamId(req, 1);
  if (!pupil.ok()) return RenderError(ctx, req, pupil.status());
  if (!incident.ok()) return RenderError(ctx, req, incident.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.families.Reply(*req.principal, *pupil, *incident, form->Get("words"), req.ip);
  if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kConflict) {
    return RenderFamilyChild(ctx, req, *pupil, &st, *incident);
  }
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/family/pupils/" + std::to_string(*pupil) +
                                              "#note-" + std::to_string(*incident));
  SetFlash(r, "Thank you. Your message is with the school.", ctx.secure_cookies);
  return r;
}

http::Response FamilyViewGive(const WebContext& ctx, http::Request& req) {
  auto pupil = http::ParamId(req, 0);
  auto request = http::ParamId(req, 1);
  if (!pupil.ok()) return RenderError(ctx, req, pupil.status());
  if (!request.ok()) return RenderError(ctx, req, request.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  FailedView failed;
  failed.request_id = *request;
  for (const auto& [name, value] : form->pairs()) {
    if (name.rfind("view.", 0) == 0) failed.words[name.substr(5)] = value;
  }
  failed.error = ctx.families.GiveView(*req.principal, *pupil, *request, failed.words, req.ip);
  if (failed.error.code() == StatusCode::kInvalid || failed.error.code() == StatusCode::kConflict) {
    return RenderFamilyChild(ctx, req, *pupil, nullptr, 0, &failed);
  }
  if (!failed.error.ok()) return RenderError(ctx, req, failed.error);
  http::Response r = http::Response::Redirect("/family/pupils/" + std::to_string(*pupil) +
                                              "#view-" + std::to_string(*request));
  SetFlash(r, "Thank you. Your view is with the school, for the plan.", ctx.secure_cookies);
  return r;
}

http::Response FamilyPolicy(const WebContext& ctx, http::Request& req) {
  auto loaded = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  if (!loaded.ok() && loaded.status().code() != StatusCode::kNotFound) {
    return RenderError(ctx, req, loaded.status());
  }
  nlohmann::json view = PolicyExplanationJson(loaded.ok() ? &*loaded : nullptr);
  view["for_family"] = true;
  return RenderPage(ctx, req, "policy", "Our policy", view);
}

namespace {

http::Response RenderFamilyAccount(const WebContext& ctx, http::Request& req, const Status& error) {
  auto account = ctx.families.Account(*req.principal);
  if (!account.ok()) return RenderError(ctx, req, account.status());
  nlohmann::json view = PasswordChangeView(error, "/family/account/password");
  view["name"] = account->name;
  view["email"] = account->email;
  view["weekly"] = account->weekly_digest;
  view["each"] = !account->weekly_digest;
  return RenderPage(ctx, req, "family_account", "Account", view,
                    error.ok() ? 200 : HttpStatusFor(error));
}

}  // namespace

http::Response FamilyAccountShow(const WebContext& ctx, http::Request& req) {
  return RenderFamilyAccount(ctx, req, Status::Ok());
}

http::Response FamilyChangePassword(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st =
      ctx.auth.ChangePassword(*req.principal, form->Get("current_password"),
                              form->Get("new_password"), form->Get("confirm_password"), req.ip);
  if (!st.ok()) return RenderFamilyAccount(ctx, req, st);
  http::Response r = http::Response::Redirect("/family/account");
  SetFlash(r, "Your password has been changed.", ctx.secure_cookies);
  return r;
}

http::Response FamilyDigest(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string choice = form->Get("email");
  if (choice != "weekly" && choice != "each") {
    return RenderError(ctx, req, Status::Invalid("Choose how you would like our emails", "email"));
  }
  Status st = ctx.families.SetDigest(*req.principal, choice == "weekly", req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/family/account");
  SetFlash(r,
           choice == "weekly" ? "Saved: one email a week, on Friday afternoon."
                              : "Saved: an email with each note.",
           ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
