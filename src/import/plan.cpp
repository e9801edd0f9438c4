// PlanSchool (plan.h): the snapshot indexed, the school's own details, and
// the order the parts are planned in (planner.h).
#include "import/planner.h"

namespace attune::import {
namespace {

constexpr const char* kLinkKinds[kKinds] = {"school", "staff", "pupil", "form", "group"};

int KindOf(const std::string& link_kind) {
  for (int k = 0; k < kKinds; ++k) {
    if (link_kind == kLinkKinds[k]) return k;
  }
  return -1;
}

}  // namespace

size_t SchoolPlan::Writes() const {
  return (school ? 1 : 0) + staff_created.size() + staff_changed.size() + staff_leaving.size() +
         staff_back.size() + forms_created.size() + forms_changed.size() + groups_created.size() +
         groups_changed.size() + pupils_created.size() + pupils_changed.size() +
         members_added.size() + members_removed.size() + teachers_added.size() +
         teachers_removed.size() + links.size();
}

Planner::Planner(const Export& e, const ExportSchool* org, long long school_id,
                 const RosterSnapshot& now, PlanContext& context, ImportReport& report)
    : e_(e), org_(org), now_(now), context_(context), report_(report) {
  plan_.school_id = school_id;
  for (const auto& l : now.links) {
    int k = KindOf(l.kind);
    if (k < 0) continue;
    link_by_source_[k][l.source_id] = &l;
    link_by_local_[k][l.local_id] = &l;
  }
  for (const auto& s : now.staff) {
    staff_by_id_[s.id] = &s;
    staff_by_email_[s.email] = &s;
  }
  for (const auto& p : now.pupils) {
    pupil_by_id_[p.id] = &p;
    pupil_by_upn_[p.upn] = &p;
  }
  for (const auto& f : now.forms) {
    form_by_id_[f.id] = &f;
    form_by_name_[f.name] = &f;
  }
  for (const auto& g : now.groups) {
    group_by_id_[g.id] = &g;
    group_by_name_[g.name] = &g;
  }
  for (const auto& p : e.pupils) pupils_by_key_[p.key] = &p;
}

bool Planner::InSchool(const std::vector<std::string>& schools) const {
  if (!org_) return true;
  for (const auto& s : schools) {
    if (s == org_->key) return true;
  }
  return false;
}

bool Planner::InSchool(const std::string& school) const { return !org_ || school == org_->key; }

const MisLink* Planner::LinkOf(Kind kind, const std::string& source_id) const {
  if (source_id.empty()) return nullptr;
  const auto& by = link_by_source_[static_cast<int>(kind)];
  auto it = by.find(source_id);
  return it == by.end() ? nullptr : it->second;
}

const MisLink* Planner::LinkTo(Kind kind, long long local_id) const {
  const auto& by = link_by_local_[static_cast<int>(kind)];
  auto it = by.find(local_id);
  return it == by.end() ? nullptr : it->second;
}

void Planner::Link(Kind kind, const std::string& source_id, long long local_id) {
  if (source_id.empty()) return;
  const MisLink* held = LinkOf(kind, source_id);
  if (held && held->local_id == local_id && !held->left_on) return;
  plan_.links.push_back({kLinkKinds[static_cast<int>(kind)], source_id, local_id, std::nullopt});
}

void Planner::Problem(const RowPlace& at, std::string message) {
  report_.AddProblem({at, std::move(message)});
}

void Planner::PlanSchoolDetails() {
  if (!org_) return;
  KindCount& count = report_.Count(Kind::kSchools);
  report_.schools.push_back(org_->name);
  if (plan_.school_id < 0) {
    School s;
    s.name = org_->name;
    s.urn = org_->identifier;
    plan_.school = s;
    ++count.created;
    report_.AddChange(Kind::kSchools, "new", org_->name);
  } else {
    School s = now_.school;
    s.name = org_->name;
    if (!org_->identifier.empty()) s.urn = org_->identifier;
    if (s.name != now_.school.name || s.urn != now_.school.urn) {
      plan_.school = s;
      ++count.updated;
      report_.AddChange(Kind::kSchools, "updated", now_.school.name + " → " + s.name);
    } else {
      ++count.unchanged;
    }
    if (!LinkOf(Kind::kSchools, org_->key)) ++count.linked;
  }
  Link(Kind::kSchools, org_->key, plan_.school_id);
}

Result<SchoolPlan> Planner::Run() {
  PlanSchoolDetails();
  ATTUNE_RETURN_IF_ERROR(PlanStaff());
  PlanStaffLeaving();
  PlanForms();
  PlanGroups();
  ATTUNE_RETURN_IF_ERROR(PlanPupils());
  PlanPupilsLeaving();
  ATTUNE_RETURN_IF_ERROR(CheckLeavers());
  PlanPlaces();
  return std::move(plan_);
}

Status Planner::CheckLeavers() const {
  if (context_.allow_many_leavers) return Status::Ok();
  long long pupils = 0, staff = 0, pupils_left = 0;
  for (const auto& p : now_.pupils) pupils += !p.left_on;
  for (const auto& s : now_.staff) staff += s.active;
  for (const auto& p : plan_.pupils_changed) pupils_left += p.left_on.has_value();
  long long staff_left = static_cast<long long>(plan_.staff_leaving.size());
  std::string words;
  if (pupils_left * 2 > pupils) {
    words = std::to_string(pupils_left) + " of " + std::to_string(pupils) + " pupils";
  }
  if (staff_left * 2 > staff) {
    words += (words.empty() ? "" : " and ") + std::to_string(staff_left) + " of " +
             std::to_string(staff) + " active staff";
  }
  if (words.empty()) return Status::Ok();
  return Status::Invalid(
      "This export would mark " + words + " of " + now_.school.name +
      " as left, more than half, so nothing was imported: an export that has lost most of "
      "the school (users.csv cut short, or the wrong school or year chosen in the MIS) looks "
      "like this. Check the export; if it is right, " +
      (context_.by_role ? std::string("ask whoever runs attune for the school to import it "
                                      "with `attune import oneroster DIR --allow-many-leavers`")
                        : std::string("run the import again with --allow-many-leavers")));
}

Result<SchoolPlan> PlanSchool(const Export& e, const ExportSchool* org, long long school_id,
                              const RosterSnapshot& now, PlanContext& context,
                              ImportReport& report) {
  return Planner(e, org, school_id, now, context, report).Run();
}

}  // namespace attune::import
