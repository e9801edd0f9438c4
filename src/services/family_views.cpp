// Views from home (issue 15): staff writing a plan ask the pupil's family
// for their view on the sections the policy gives to the parent (the WAP's
// "Parental View", a contract's "Parent/carer's view"); each family account
// answers on its child's page and may change its answer until the request
// closes. Staff read every answer beside the plan; a family reads only its
// own.
#include <nlohmann/json.hpp>

#include "services/audit.h"
#include "services/authorization.h"
#include "services/family_service.h"
#include "services/text.h"

namespace attune {
namespace {

using nlohmann::json;

bool GivenToParent(const policy::PlanField& f) { return f.view_of == "parent"; }

const policy::PlanSection* FindSection(const policy::Plan& type, const std::string& id) {
  for (const auto* s : FamilyService::ViewSections(type)) {
    if (s->id == id) return s;
  }
  return nullptr;
}

}  // namespace

std::vector<const policy::PlanSection*> FamilyService::ViewSections(const policy::Plan& type) {
  std::vector<const policy::PlanSection*> out;
  if (!policy::Plan::Lists(type.participants, "parent")) return out;
  for (const auto& s : type.sections) {
    for (const auto& f : s.fields) {
      if (GivenToParent(f)) {
        out.push_back(&s);
        break;
      }
    }
  }
  return out;
}

bool FamilyService::MayAskForView(const Principal& by, const PlanDetail& d,
                                  const policy::PlanSection& s) {
  if (!d.type || d.plan.status != "active") return false;
  if (!RoleHas(by.role, Permission::kPlansWrite)) return false;
  switch (s.stage) {
    case policy::PlanStage::kStart:
      return policy::Plan::Lists(d.type->started_by, RoleName(by.role));
    case policy::PlanStage::kEntry:
      return d.may_write;
    case policy::PlanStage::kReview:
      return d.may_review;
    case policy::PlanStage::kEnd:
      return d.may_end;
  }
  return false;
}

Status FamilyService::AskForView(const Principal& by, const PlanDetail& d,
                                 const std::string& section_id, const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPlansWrite));
  if (!d.type) return Status::Conflict("This plan's type is no longer in the policy");
  const policy::PlanSection* s = FindSection(*d.type, section_id);
  if (!s) {
    return Status::Invalid("The policy asks the family nothing in that part of the plan",
                           "section");
  }
  if (d.plan.status != "active") {
    return Status::Conflict("This plan has ended; the family can no longer be asked");
  }
  if (!MayAskForView(by, d, *s)) {
    return Status::Forbidden("The policy does not give you this part of the " + d.type->name);
  }
  auto families = store_.ListPupilFamilies(by.school_id, d.plan.pupil_id);
  if (!families.ok()) return families.status();
  bool any = false;
  for (const auto& f : *families) any = any || f.active;
  if (!any) {
    return Status::Invalid(
        "No one in the family has an account yet: invite a parent or carer from the pupil's "
        "page first",
        "section");
  }
  FamilyViewRequest v;
  v.school_id = by.school_id;
  v.plan_id = d.plan.id;
  v.pupil_id = d.plan.pupil_id;
  v.section_id = s->id;
  v.asked_by_staff_id = by.staff_id;
  v.asked_at = Now();
  std::vector<NewMail> mails;
  if (outbox_) {
    auto school = SchoolName(by.school_id);
    auto pupil = store_.GetPupil(by.school_id, d.plan.pupil_id);
    if (!school.ok()) return school.status();
    if (!pupil.ok()) return pupil.status();
    const std::string& first = pupil->ShownFirstName();
    NewMail m;
    m.kind = "family_view";
    m.family_pupil_id = d.plan.pupil_id;
    m.every_family = true;
    m.message_domain = outbox_->settings().MessageDomain();
    m.subject = *school + " would like your view about " + first;
    m.body = "We would like your view, in your own words, for " + first + "'s " + d.type->name +
             " (" + s->title + ").\n\nYou can write it here when it suits you:\n" +
             outbox_->settings().base_url + "/family/pupils/" + std::to_string(d.plan.pupil_id) +
             "#views\n\n" + *school + "\n";
    mails.push_back(std::move(m));
  }
  auto id = store_.CreateFamilyViewRequest(v, mails);
  if (!id.ok()) return id.status();
  Audit(store_, &by, "family.view_asked", "plan", d.plan.id, s->id, ip);
  return Status::Ok();
}

Status FamilyService::CloseView(const Principal& by, const PlanDetail& d, long long request_id,
                                const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPlansWrite));
  auto requests = store_.ListPlanViewRequests(by.school_id, d.plan.id);
  if (!requests.ok()) return requests.status();
  for (const auto& r : *requests) {
    if (r.id != request_id || !r.open) continue;
    const policy::PlanSection* s = d.type ? FindSection(*d.type, r.section_id) : nullptr;
    if (!s || !MayAskForView(by, d, *s)) {
      return Status::Forbidden("The policy does not give you this part of the plan");
    }
    ATTUNE_RETURN_IF_ERROR(store_.CloseFamilyViewRequest(by.school_id, d.plan.id, r.id, Now()));
    Audit(store_, &by, "family.view_closed", "plan", d.plan.id, r.section_id, ip);
    return Status::Ok();
  }
  return Status::NotFound("No such open request");
}

Result<std::vector<FamilyViewRequest>> FamilyService::PlanViews(const Principal& by,
                                                                const PlanDetail& d) {
  // `d` was read through PlanService::Get, which decides (and audits) who
  // may read the plan; its family's answers are part of it.
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPupilsView));
  return store_.ListPlanViewRequests(by.school_id, d.plan.id);
}

Result<std::vector<FamilyView>> FamilyService::ViewsOf(const Principal& by, long long pupil_id) {
  auto requests = store_.ListFamilyViewRequests(by.school_id, by.family_id, pupil_id);
  if (!requests.ok()) return requests.status();
  auto in_force = policies_.InForce(by.school_id, LondonDate(Now()));
  std::vector<FamilyView> out;
  for (auto& r : *requests) {
    const policy::Plan* type = in_force.ok() ? in_force->policy->FindPlan(r.plan_type) : nullptr;
    const policy::PlanSection* s = type ? FindSection(*type, r.section_id) : nullptr;
    if (!s) continue;  // the policy no longer asks it
    FamilyView v;
    v.plan_name = type->name;
    v.section_title = s->title;
    json answer = json::object();
    if (!r.answers.empty()) {
      answer = json::parse(r.answers.front().fields, nullptr, false);
      v.answered_at = r.answers.front().at;
    }
    for (const auto& f : s->fields) {
      if (!GivenToParent(f)) continue;
      std::string words;
      if (answer.is_object() && answer.contains(f.id) && answer[f.id].is_string()) {
        words = answer[f.id].get<std::string>();
      }
      v.questions.push_back({f.id, f.label, f.help, words});
    }
    v.request = std::move(r);
    out.push_back(std::move(v));
  }
  // Asked again about the same part of the same plan, the family starts
  // from their last answer, and the closed question it replaces is not
  // shown twice.
  std::vector<FamilyView> shown;
  for (auto& v : out) {
    FamilyView* newer = nullptr;
    for (auto& s : shown) {
      if (s.request.plan_id == v.request.plan_id && s.request.section_id == v.request.section_id) {
        newer = &s;
      }
    }
    if (!newer) {
      shown.push_back(std::move(v));
      continue;
    }
    if (newer->request.open && !newer->answered_at && v.answered_at) {
      for (size_t q = 0; q < newer->questions.size() && q < v.questions.size(); ++q) {
        newer->questions[q].words = v.questions[q].words;
      }
    }
  }
  // Open ones first, each kind newest first (the store's order).
  std::stable_sort(shown.begin(), shown.end(), [](const FamilyView& a, const FamilyView& b) {
    return a.request.open && !b.request.open;
  });
  return shown;
}

Status FamilyService::GiveView(const Principal& by, long long pupil_id, long long request_id,
                               const std::map<std::string, std::string>& words,
                               const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(ParentOnly(by));
  auto views = ViewsOf(by, pupil_id);
  if (!views.ok()) return views.status();
  for (const auto& v : *views) {
    if (v.request.id != request_id) continue;
    if (!v.request.open) return Status::Conflict("The school has closed this question");
    json fields = json::object();
    for (const auto& q : v.questions) {
      auto it = words.find(q.field_id);
      auto text =
          TypedText(it == words.end() ? "" : it->second, kViewMax, q.field_id.c_str(), "your view");
      if (!text.ok()) return text.status();
      if (!text->empty()) fields[q.field_id] = *text;
    }
    if (fields.empty() && !v.questions.empty()) {
      return Status::Invalid("Write a few words first", v.questions.front().field_id);
    }
    ATTUNE_RETURN_IF_ERROR(store_.SaveFamilyViewAnswer(by.school_id, by.family_id, pupil_id,
                                                       request_id, fields.dump(), Now()));
    Audit(store_, &by, "family.view_given", "plan", v.request.plan_id, v.request.section_id, ip);
    return Status::Ok();
  }
  return Status::NotFound("No such question");
}

}  // namespace attune
