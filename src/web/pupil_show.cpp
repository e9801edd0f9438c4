// GET /pupils/{id}: a pupil's page — profile first (editable with the pupil
// by those who may), then today's step, active plans, recognition and repair
// this term, the chronology of everything recorded (filtered by class and
// period), restorative conversations, contact with home and, for the roles
// allowed them, special-category fields and contacts.
//
// Recognition is this pupil's own: never a rank or a comparison with others.
#include <algorithm>
#include <map>
#include <set>

#include "services/authorization.h"
#include "services/profile_review_service.h"
#include "services/text.h"
#include "web/chronology.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/insight_charts.h"
#include "web/insight_figures.h"
#include "web/page.h"
#include "web/profile_page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

const char* YesNo(bool b) { return b ? "Yes" : "No"; }

// The calendar stretch of `kind` containing `today`, or the latest one begun.
std::optional<CalendarEntry> Stretch(const std::vector<CalendarEntry>& calendar, Date today,
                                     const std::string& kind) {
  std::optional<CalendarEntry> best;
  for (const auto& e : calendar) {
    if (e.kind != kind || e.starts_on > today) continue;
    if (!best || e.starts_on > best->starts_on) best = e;
  }
  return best;
}

// The pupil's records from `from`, newest first, at most `most`: one query
// on the pupil's own history index.
Result<std::vector<Incident>> RecordsSince(const WebContext& ctx, const http::Request& req,
                                           long long pupil_id, std::optional<Timestamp> from,
                                           const std::string& behaviour_class, int most) {
  PupilRecordQuery q;
  q.pupil_id = pupil_id;
  q.from = from;
  q.behaviour_class = behaviour_class;
  q.limit = most;
  return ctx.incidents.ForPupil(*req.principal, q, req.ip);
}

// The pupil's own pattern this school year (issue 14): when and where
// their records other than prosocial fall, as the insight engine counts
// them for this viewer (a restricted record only for the DSL).
json PatternView(const WebContext& ctx, const Principal& by, const Pupil& p,
                 const policy::Policy* policy, Date today) {
  InsightQuery q;
  q.pupil_id = p.id;
  q.from = TeachingYearStart(today);
  q.to = today;
  q.classes = 0xFF & ~1u;  // every class but prosocial
  auto counts = ctx.insight.Count(by, q);
  if (!counts.ok()) {
    return {{"loading", counts.status().code() == StatusCode::kUnavailable}};
  }
  const insight::Counts& c = counts->counts;
  std::string top, places;
  for (size_t i = 0; i < c.by_category.size() && i < 3; ++i) {
    const auto& [id, n] = c.by_category[i];
    const policy::Category* cat = policy ? policy->FindCategory(id) : nullptr;
    top += (top.empty() ? "" : ", ") + (cat ? cat->name : id) + " (" + std::to_string(n) + ")";
  }
  for (size_t i = 0, shown = 0; i < c.by_place.size() && shown < 3; ++i) {
    if (c.by_place[i].first.empty()) continue;
    places += (places.empty() ? "" : ", ") + c.by_place[i].first + " (" +
              std::to_string(c.by_place[i].second) + ")";
    ++shown;
  }
  return {{"total", c.total},
          {"has_records", c.total > 0},
          {"categories", top},
          {"places", places},
          {"has_places", !places.empty()},
          {"heatmap", HeatmapView(c, "pattern-heading")}};
}

}  // namespace

Result<std::vector<policy::ProfileItem>> ProfileChecklist(const WebContext& ctx,
                                                          long long school_id) {
  auto loaded = ctx.policies.InForce(school_id, LondonDate(Now()));
  if (loaded.ok()) return loaded->policy->profile.checklist;
  if (loaded.status().code() != StatusCode::kNotFound) return loaded.status();
  std::vector<policy::ProfileItem> items;
  for (const auto& text : CommunicationPreferences()) items.push_back({text, text, ""});
  return items;
}

http::Response RenderPupilPage(const WebContext& ctx, const http::Request& req, long long pupil_id,
                               const ProfileFormError* failed) {
  const Principal& by = *req.principal;
  auto page = ctx.pupils.Page(by, pupil_id, req.ip);
  if (!page.ok()) return RenderError(ctx, req, page.status());
  const Pupil& p = page->pupil;
  const PupilProfile& profile = page->profile;
  Timestamp now = Now();
  Date today = LondonDate(now);
  auto in_force = ctx.policies.InForce(by.school_id, today);
  const policy::Policy* policy = in_force.ok() ? in_force->policy.get() : nullptr;
  std::string step_word = policy ? policy->Word("step", "step") : "step";

  json contacts = json::array();
  // Which contacts sign in to attune, or have been invited (decision 0026).
  std::vector<FamilyAccount> families;
  if (page->show_contacts && !page->contacts.empty()) {
    auto linked = ctx.families.FamiliesOf(by, p.id);
    if (linked.ok()) families = std::move(*linked);
  }
  for (const auto& c : page->contacts) {
    json j = ContactJson(c);
    std::string email = ToLower(Trim(c.email));
    const FamilyAccount* account = nullptr;
    for (const auto& f : families) {
      if (f.email == email) account = &f;
    }
    j["pupil_id"] = p.id;
    j["signs_in"] = account && account->HasPassword();
    j["invited"] = account && !account->HasPassword();
    j["linked"] = c.family_account_id != 0;
    j["may_invite"] = !email.empty() && !(account && account->HasPassword());
    contacts.push_back(j);
  }

  // This term and half-term, from the school calendar.
  auto calendar = ctx.store.ListCalendar(by.school_id);
  if (!calendar.ok()) return RenderError(ctx, req, calendar.status());
  auto term = Stretch(*calendar, today, "term");
  auto half_term = Stretch(*calendar, today, "half_term");
  Timestamp term_start =
      term ? LondonInstant(term->starts_on, 0) : now - std::chrono::hours(24 * 98);

  // This term: recognition (this pupil's only) and repair within time.
  Timestamp today_start = LondonInstant(today, 0);
  auto this_term = RecordsSince(ctx, req, pupil_id, std::min(term_start, today_start), "", 5000);
  if (!this_term.ok()) return RenderError(ctx, req, this_term.status());
  // The chronology, filtered by class and period.
  std::string cls = req.query.Get("class");
  if (std::find(ClassNames().begin(), ClassNames().end(), cls) == ClassNames().end()) cls = "";
  std::string period = req.query.Get("period");
  if (period != "week" && period != "half_term" && period != "all") period = "term";
  std::optional<Timestamp> from;
  if (period == "week") from = now - std::chrono::hours(24 * 7);
  if (period == "half_term") {
    from = half_term ? LondonInstant(half_term->starts_on, 0) : now - std::chrono::hours(24 * 49);
  }
  if (period == "term") from = term_start;
  // The page opens on this term, every kind: the records already read for
  // the term's figures, not read again.
  // The newest 50: the full chronology pages through the rest.
  constexpr int kShown = 50;
  Result<std::vector<Incident>> records = std::vector<Incident>();
  if (period == "term" && cls.empty() && term_start <= today_start) {
    records->assign(this_term->begin(),
                    this_term->begin() + std::min<size_t>(this_term->size(), kShown));
  } else {
    records = RecordsSince(ctx, req, pupil_id, from, cls, kShown);
    if (!records.ok()) return RenderError(ctx, req, records.status());
  }
  // Where each record's repair stands: the conversations and repairs that
  // will not happen of the records above, this term's and those listed.
  long long term_from = Chronology::LowestId(*this_term);
  long long listed_from = Chronology::LowestId(*records);
  long long from_record = !term_from || !listed_from ? std::max(term_from, listed_from)
                                                     : std::min(term_from, listed_from);
  std::string pupil_word = policy ? policy->Word("pupil", "pupil") : "pupil";
  auto chronicle = Chronology::Load(ctx, req, pupil_id, pupil_word, from_record);
  if (!chronicle.ok()) return RenderError(ctx, req, chronicle.status());
  Chronology& records_of = *chronicle;
  // Today's step: the latest step reached today (the list is newest first).
  std::string step_today;
  for (const auto& i : *this_term) {
    if (i.occurred_at < today_start) break;
    const IncidentPupil* part = records_of.PartOf(i);
    if (!part || part->role != "involved" || part->step.empty()) continue;
    step_today = records_of.StepOf(i);
    break;
  }
  std::map<std::string, std::pair<int, int>> by_recognition;  // name -> count, points
  int points = 0, recognitions = 0;
  int needed = 0, in_time = 0, late = 0, pending = 0, overdue = 0, not_repaired = 0;
  for (const auto& i : *this_term) {
    if (i.occurred_at < term_start) break;
    const IncidentPupil* part = records_of.PartOf(i);
    if (!part) continue;
    if (!i.reward.empty() || part->points > 0) {
      const policy::Policy* pol = records_of.PolicyOf(i);
      const policy::Reward* r = pol && !i.reward.empty() ? pol->FindReward(i.reward) : nullptr;
      std::string name = r ? r->name : i.reward.empty() ? "Points" : i.reward;
      by_recognition[name].first += 1;
      by_recognition[name].second += part->points;
      points += part->points;
      ++recognitions;
    }
    RepairState state = records_of.RepairOf(i, now);
    if (state.state.empty()) continue;
    ++needed;
    if (state.state == "in_time") ++in_time;
    if (state.state == "late") ++late;
    if (state.state == "due") ++pending;
    if (state.state == "overdue") ++overdue;
    if (state.state == "not_repaired") ++not_repaired;
  }
  json rewards = json::array();
  for (const auto& [name, cp] : by_recognition) {
    rewards.push_back({{"name", name},
                       {"count", std::to_string(cp.first)},
                       {"points", Counted(cp.second, "point", "points")}});
  }
  std::string repair_words;
  int settled = needed - pending;
  if (settled > 0) {
    repair_words = std::to_string(in_time) + " of " + std::to_string(settled) +
                   (settled == 1 ? " record" : " records") + " repaired within the policy's time";
  }
  std::vector<std::string> repair_notes;
  if (late) repair_notes.push_back(std::to_string(late) + " repaired later");
  if (overdue) repair_notes.push_back(std::to_string(overdue) + " not yet repaired");
  if (not_repaired) {
    repair_notes.push_back(std::to_string(not_repaired) +
                           " not repaired: a senior leader recorded why it will not happen");
  }
  if (pending) repair_notes.push_back(std::to_string(pending) + " still within time");
  std::string repair_note;
  for (const auto& n : repair_notes) repair_note += (repair_note.empty() ? "" : "; ") + n;

  json chronology = json::array();
  for (const auto& i : *records) chronology.push_back(records_of.Row(i, now));
  json classes = json::array();
  classes.push_back({{"value", ""}, {"label", "Every kind"}, {"selected", cls.empty()}});
  for (const auto& c : ClassNames()) {
    classes.push_back({{"value", c}, {"label", ClassWords(c)}, {"selected", c == cls}});
  }
  json periods = json::array();
  for (auto [value, label] :
       {std::pair{"week", "The last 7 days"}, std::pair{"half_term", "This half-term"},
        std::pair{"term", "This term"}, std::pair{"all", "Everything"}}) {
    periods.push_back({{"value", value}, {"label", label}, {"selected", period == value}});
  }

  // Active plans, and plans proposed but not yet decided.
  auto plans = ctx.plans.ForPupil(by, pupil_id);
  if (!plans.ok()) return RenderError(ctx, req, plans.status());
  json active = json::array(), past = json::array();
  for (const auto& pl : *plans) {
    if (pl.status != "active") {
      past.push_back(
          {{"id", pl.id},
           {"name", pl.name},
           {"started", DateWords(pl.started_on, false)},
           {"ended", pl.ends_on ? DateWords(*pl.ends_on) : ""},
           {"outcome", pl.outcome == "successful" ? "it went well" : "it did not succeed"}});
      continue;
    }
    std::optional<PlanDue> next = NextDue(pl);
    active.push_back({{"id", pl.id},
                      {"name", pl.name},
                      {"target", pl.target},
                      {"started", DateWords(pl.started_on)},
                      {"next", next ? std::string(next->Words()) + " " + DateWords(next->on) : ""},
                      {"overdue", next && next->on < today},
                      {"ends_on", pl.ends_on ? DateWords(*pl.ends_on) : ""}});
  }
  auto proposals = ctx.plans.Proposals(by, pupil_id, req.ip);
  if (!proposals.ok()) return RenderError(ctx, req, proposals.status());
  json proposed = json::array();
  for (const auto& e : *proposals) {
    if (!policy) break;
    const policy::Plan* pl = e.plan.empty() ? nullptr : policy->FindPlan(e.plan);
    const policy::Step* st = e.step.empty() ? nullptr : policy->FindStep(e.step);
    std::string name = pl ? pl->name : st ? st->name : e.plan.empty() ? e.step : e.plan;
    proposed.push_back({{"name", name}, {"incident_id", e.incident_id}});
  }

  // Restorative conversations and contact with home.
  // Those about the records above only (the conversations read may reach
  // further back: LowestId).
  std::set<long long> above;
  for (const auto& i : *this_term) above.insert(i.id);
  for (const auto& i : *records) above.insert(i.id);
  json conversations = json::array();
  for (const auto& c : records_of.conversations()) {
    if (!above.count(c.incident_id)) continue;
    conversations.push_back({{"incident_id", c.incident_id},
                             {"when", WhenWords(c.held_at, now)},
                             {"led_by", c.led_by_name},
                             {"adult", c.adult_name},
                             {"same_adult", c.adult_staff_id == c.led_by_staff_id},
                             {"shuttle", c.shuttle},
                             {"agreement", c.agreement},
                             {"repaired", c.repaired}});
  }
  json contact_log = json::array();
  if (page->show_contacts) {
    auto log = ctx.restorative.Contacts(by, pupil_id, 0, req.ip);
    if (!log.ok()) return RenderError(ctx, req, log.status());
    for (const auto& e : *log) {
      contact_log.push_back({{"kind", ContactKindLabel(e.kind)},
                             {"contact", e.contact_name},
                             {"note", e.note},
                             {"when", WhenWords(e.at, now)},
                             {"by", e.staff_name},
                             {"incident_id", e.incident_id},
                             {"has_incident", e.incident_id != 0}});
    }
  }

  auto checklist = ProfileChecklist(ctx, by.school_id);
  if (!checklist.ok()) return RenderError(ctx, req, checklist.status());
  auto may_edit = ctx.pupils.MayEditProfile(by);
  if (!may_edit.ok()) return RenderError(ctx, req, may_edit.status());
  // The profile's review cycle, for every pupil (the policy's [profile]),
  // counted from the day the pupil last went through it (decision 0028).
  auto review = ProfileReviewService(ctx.store, ctx.policies, ctx.clock)
                    .DueOn(by.school_id, profile.reviewed_with_pupil_on, today);
  if (!review.ok()) return RenderError(ctx, req, review.status());
  json shown_profile = ProfileView(profile, p.ShownFirstName(), *review, today);

  json pattern = PatternView(ctx, by, p, policy, today);

  json view = {
      {"pattern", pattern},
      {"id", p.id},
      {"name", p.DisplayName()},
      {"first_name", p.preferred_name.empty() ? p.first_name : p.preferred_name},
      {"year_group", p.year_group},
      {"form", p.form_name},
      {"upn", p.upn},
      {"left_on", p.left_on ? DateWords(*p.left_on) : ""},
      {"key_adult", p.key_adult_name},
      {"key_adult_word",
       Capitalised(policy ? policy->Word("key_adult", "key adult") : "key adult")},
      {"sen_label", SenLabel(p.sen)},
      {"date_of_birth", date::format("%e %B %Y", p.date_of_birth)},
      {"age", AgeOn(p.date_of_birth, today)},
      {"show_sensitive", page->show_sensitive},
      {"ehcp", YesNo(p.ehcp)},
      {"fsm", YesNo(p.fsm)},
      {"looked_after", YesNo(p.looked_after)},
      {"ethnicity", p.ethnicity_code},
      {"show_contacts", page->show_contacts},
      {"contacts", contacts},
      {"has_contacts", !contacts.empty()},
      {"profile", shown_profile},
      {"has_profile", shown_profile["has_profile"]},
      {"can_edit", *may_edit},
      {"edit", ProfileForm(profile, *checklist, p.ShownFirstName(), failed)},
      {"step_word", Capitalised(step_word)},
      {"step_today", step_today},
      {"term_name", term ? term->name + " term" : "This term"},
      {"plans", active},
      {"past_plans", past},
      {"has_past_plans", !past.empty()},
      {"can_start_plan", RoleHas(by.role, Permission::kPlansWrite)},
      {"has_plans", !active.empty()},
      {"proposed", proposed},
      {"has_proposed", !proposed.empty()},
      {"rewards", rewards},
      {"has_rewards", !rewards.empty()},
      {"reward_count", recognitions == 1 ? std::string("Recognised once")
                                         : "Recognised " + std::to_string(recognitions) + " times"},
      {"reward_points", Counted(points, "point", "points")},
      {"repair_words", repair_words},
      {"repair_note", repair_note},
      {"repair_none", needed == 0},
      {"repair_waiting", needed > 0 && settled == 0},
      {"classes", classes},
      {"periods", periods},
      {"chronology", chronology},
      {"has_chronology", !chronology.empty()},
      {"chronology_full", chronology.size() >= static_cast<size_t>(kShown)},
      {"chronology_shown", kShown},
      {"conversations", conversations},
      {"has_conversations", !conversations.empty()},
      {"contact_log", contact_log},
      {"has_contact_log", !contact_log.empty()}};
  int status = failed ? HttpStatusFor(failed->error) : 200;
  return RenderPage(ctx, req, "pupil", p.DisplayName(), view, status);
}

http::Response PupilShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderPupilPage(ctx, req, *id, nullptr);
}

}  // namespace attune::web
