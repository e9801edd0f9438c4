// Planning staff and pupils (planner.h): matched, created, changed, marked
// left and back.
#include <algorithm>

#include "import/planner.h"

namespace attune::import {
namespace {

// "Year 8", or "Reception".
std::string YearWords(int year) { return year == 0 ? "Reception" : "Year " + std::to_string(year); }

// What differs between a pupil as attune holds them and as they will be,
// in words for the office ("year 7 → 8, form 7B → 8B"); "" when nothing.
std::string PupilDifferences(const Pupil& was, const Pupil& next,
                             const std::unordered_map<long long, std::string>& form_names) {
  std::vector<std::string> parts;
  auto form_name = [&](long long id) {
    auto it = form_names.find(id);
    return it == form_names.end() ? std::string("no form") : it->second;
  };
  if (was.first_name != next.first_name || was.last_name != next.last_name ||
      was.preferred_name != next.preferred_name) {
    parts.push_back("name");
  }
  if (was.upn != next.upn) parts.push_back("UPN");
  if (was.date_of_birth != next.date_of_birth) parts.push_back("date of birth");
  if (was.sex != next.sex) parts.push_back("sex");
  if (was.year_group != next.year_group) {
    parts.push_back(YearWords(was.year_group) + " → " + YearWords(next.year_group));
  }
  if (was.form_id != next.form_id) {
    parts.push_back(form_name(was.form_id) + " → " + form_name(next.form_id));
  }
  if (was.sen != next.sen || was.ethnicity_code != next.ethnicity_code || was.ehcp != next.ehcp ||
      was.fsm != next.fsm || was.looked_after != next.looked_after) {
    parts.push_back("census details");
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

Status Planner::PlanStaff() {
  KindCount& count = report_.Count(Kind::kStaff);
  for (const ExportStaff& s : e_.staff) {
    if (!InSchool(s.schools)) continue;
    if (s.leaving) continue;
    if (!s.source_id.empty()) present_[static_cast<int>(Kind::kStaff)].insert(s.source_id);
    const MisLink* link = LinkOf(Kind::kStaff, s.source_id);
    const Staff* found = nullptr;
    if (link && staff_by_id_.count(link->local_id)) found = staff_by_id_[link->local_id];
    bool linked_now = false;
    if (!found && staff_by_email_.count(s.email)) {
      found = staff_by_email_[s.email];
      linked_now = !s.source_id.empty();
    }
    auto& claimed = claimed_[static_cast<int>(Kind::kStaff)];
    if (found && claimed.count(found->id)) {
      Problem(s.at, s.email + " is the same member of staff in attune as an earlier row");
      continue;
    }
    if (!found) {
      auto elsewhere = context_.email_elsewhere(s.email);
      if (!elsewhere.ok()) return elsewhere.status();
      if (*elsewhere) {
        Problem(s.at, s.email +
                          " already signs in to attune at another school; a member of "
                          "staff belongs to one school");
        continue;
      }
      Staff n;
      n.id = NewId();
      n.school_id = plan_.school_id;
      n.email = s.email;
      n.name = s.name;
      n.role = s.role;
      if (context_.by_role && !MayGrantRole(*context_.by_role, n.role)) n.role = Role::kTeacher;
      n.job_title = s.job_title.value_or("");
      n.active = true;
      plan_.staff_created.push_back(n);
      staff_ids_[s.key] = n.id;
      Link(Kind::kStaff, s.source_id, n.id);
      ++count.created;
      report_.AddChange(Kind::kStaff, std::string("new (") + RoleLabel(n.role) + ")", n.name);
      continue;
    }
    Staff next = *found;
    next.name = s.name;
    next.email = s.email;
    if (s.job_title) next.job_title = *s.job_title;
    if (next.email != found->email) {
      auto other = staff_by_email_.find(next.email);
      auto elsewhere = context_.email_elsewhere(next.email);
      if (!elsewhere.ok()) return elsewhere.status();
      if ((other != staff_by_email_.end() && other->second->id != found->id) || *elsewhere) {
        Problem(s.at, "the new email " + next.email + " of " + found->name +
                          " is already someone else's in attune");
        keep_staff_places_.insert(found->id);
        continue;
      }
    }
    claimed.insert(found->id);
    staff_ids_[s.key] = found->id;
    if (linked_now) ++count.linked;
    Link(Kind::kStaff, s.source_id, found->id);
    bool changed = next.name != found->name || next.email != found->email ||
                   next.job_title != found->job_title;
    if (changed) plan_.staff_changed.push_back(next);
    if (!found->active && link && link->left_on) {
      if (context_.by_role && !MayGrantRole(*context_.by_role, found->role)) {
        report_.notes.push_back(found->name + " is in the MIS again but holds the role " +
                                RoleLabel(found->role) +
                                ": ask the designated safeguarding lead or a senior leader to "
                                "reactivate them on the staff page");
      } else {
        plan_.staff_back.push_back(found->id);
        ++count.back;
        report_.AddChange(Kind::kStaff, "back: reactivated", found->name);
        continue;
      }
    }
    if (changed) {
      ++count.updated;
      report_.AddChange(Kind::kStaff, "updated", next.name);
    } else {
      ++count.unchanged;
    }
  }
  return Status::Ok();
}

void Planner::PlanStaffLeaving() {
  if (!SaysWhoLeft()) return;
  KindCount& count = report_.Count(Kind::kStaff);
  int admins = 0;
  for (const auto& s : now_.staff) admins += s.active && s.role == Role::kAdmin;
  for (const auto& link : now_.links) {
    if (link.kind != "staff" || present_[static_cast<int>(Kind::kStaff)].count(link.source_id) ||
        e_.bad_keys.count(link.source_id)) {
      continue;
    }
    auto it = staff_by_id_.find(link.local_id);
    if (it == staff_by_id_.end() || !it->second->active) continue;
    const Staff& s = *it->second;
    if (s.id == context_.by_staff_id) {
      report_.notes.push_back(s.name +
                              " is not in the MIS export, but is importing it, so stays "
                              "active");
      continue;
    }
    if (s.role == Role::kAdmin && admins <= 1) {
      report_.notes.push_back(s.name +
                              " is not in the MIS export, but is the school's only "
                              "active administrator, so stays active");
      continue;
    }
    admins -= s.role == Role::kAdmin;
    plan_.staff_leaving.push_back(s.id);
    plan_.links.push_back({"staff", link.source_id, s.id, context_.today});
    ++count.left;
    report_.AddChange(Kind::kStaff, "left: deactivated", s.name);
  }
}

Status Planner::PlanPupils() {
  KindCount& count = report_.Count(Kind::kPupils);
  auto& claimed = claimed_[static_cast<int>(Kind::kPupils)];
  std::unordered_map<long long, std::string> form_names;
  for (const auto& f : now_.forms) form_names[f.id] = f.name;
  for (const auto& f : plan_.forms_created) form_names[f.id] = f.name;
  for (const auto& f : plan_.forms_changed) form_names[f.id] = f.name;
  std::unordered_map<long long, int> form_years;
  for (const std::vector<Form>* forms : std::initializer_list<const std::vector<Form>*>{
           &now_.forms, &plan_.forms_created, &plan_.forms_changed}) {
    for (const auto& f : *forms) form_years[f.id] = f.year_group;
  }
  // Rows matched by their link first, so that a UPN given to another
  // pupil cannot take a pupil from the row it is linked to.
  std::vector<std::pair<const ExportPupil*, const Pupil*>> rows;
  for (const ExportPupil& p : e_.pupils) {
    if (!InSchool(p.schools)) continue;
    if (p.leaving) continue;
    if (!p.source_id.empty()) present_[static_cast<int>(Kind::kPupils)].insert(p.source_id);
    const MisLink* link = LinkOf(Kind::kPupils, p.source_id);
    const Pupil* found = nullptr;
    if (link && pupil_by_id_.count(link->local_id)) found = pupil_by_id_[link->local_id];
    if (found) claimed.insert(found->id);
    rows.emplace_back(&p, found);
  }
  for (auto& [p, found] : rows) {
    if (found) continue;
    auto it = pupil_by_upn_.find(p->upn);
    if (it != pupil_by_upn_.end() && !claimed.count(it->second->id)) {
      found = it->second;
      claimed.insert(found->id);
    }
  }
  // Each pupil's UPN as it will be, so that a UPN another pupil keeps is refused.
  std::unordered_map<std::string, long long> upn_taken;
  for (const auto& p : now_.pupils) {
    if (!claimed.count(p.id)) upn_taken[p.upn] = p.id;
  }
  for (const auto& [p, found] : rows) {
    if (found && p->upn != found->upn && upn_taken.count(p->upn)) {
      Problem(p->at, "UPN " + p->upn + " is another pupil's in attune (" +
                         pupil_by_id_[upn_taken[p->upn]]->DisplayName() +
                         ", not in this export): check which pupil has it");
      keep_pupil_places_.insert(found->id);
      continue;
    }
    auto form = form_of_.find(p->key);
    long long form_id = 0;
    if (form != form_of_.end() && class_ids_.count(form->second))
      form_id = class_ids_[form->second];
    std::optional<int> year = p->year_group;
    if (!year && form_years.count(form_id)) year = form_years[form_id];
    if (!found) {
      std::vector<std::string> missing;
      if (!p->date_of_birth) missing.push_back("a date of birth");
      if (!p->sex) missing.push_back("their sex (female or male, as in the school census)");
      if (!year) missing.push_back("a year group (grades)");
      if (!missing.empty()) {
        std::string words;
        for (size_t i = 0; i < missing.size(); ++i) {
          words += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
        }
        Problem(p->at, p->Name() + " is new to attune, which needs " + words +
                           " for a new pupil (in a OneRoster export, demographics.csv holds the "
                           "first two)");
        continue;
      }
      Pupil n;
      n.id = NewId();
      n.school_id = plan_.school_id;
      n.upn = p->upn;
      n.first_name = p->first_name;
      n.last_name = p->last_name;
      n.preferred_name = p->preferred_name.value_or("");
      n.date_of_birth = *p->date_of_birth;
      n.sex = *p->sex;
      n.year_group = *year;
      n.form_id = form_id;
      n.sen = p->sen.value_or(SenStatus::kNone);
      n.ethnicity_code = p->ethnicity_code.value_or("REFU");
      n.ehcp = p->ehcp.value_or(false);
      n.fsm = p->fsm.value_or(false);
      n.looked_after = p->looked_after.value_or(false);
      plan_.pupils_created.push_back(n);
      pupil_ids_[p->key] = n.id;
      Link(Kind::kPupils, p->source_id, n.id);
      ++count.created;
      report_.AddChange(Kind::kPupils, "new (" + YearWords(n.year_group) + ")", n.DisplayName());
      continue;
    }
    pupil_ids_[p->key] = found->id;
    if (e_.places_unknown.count(p->key)) keep_pupil_places_.insert(found->id);
    const MisLink* link = LinkOf(Kind::kPupils, p->source_id);
    bool linked_now = !p->source_id.empty() && (!link || link->local_id != found->id) &&
                      !LinkTo(Kind::kPupils, found->id);
    if (linked_now) ++count.linked;
    Link(Kind::kPupils, p->source_id, found->id);
    Pupil next = *found;
    next.upn = p->upn;
    next.first_name = p->first_name;
    next.last_name = p->last_name;
    if (p->preferred_name) next.preferred_name = *p->preferred_name;
    if (p->date_of_birth) next.date_of_birth = *p->date_of_birth;
    if (p->sex) next.sex = *p->sex;
    if (p->year_group) next.year_group = *p->year_group;
    bool form_known = e_.has_forms && !e_.unsure_of_places && !keep_pupil_places_.count(found->id);
    if (form_known || form_id) next.form_id = form_id;
    if (p->sen) next.sen = *p->sen;
    if (p->ethnicity_code) next.ethnicity_code = *p->ethnicity_code;
    if (p->ehcp) next.ehcp = *p->ehcp;
    if (p->fsm) next.fsm = *p->fsm;
    if (p->looked_after) next.looked_after = *p->looked_after;
    next.left_on.reset();
    std::string differences = PupilDifferences(*found, next, form_names);
    if (next.upn != found->upn) plan_.pupils_renumbered.push_back(found->id);
    if (found->left_on) {
      plan_.pupils_changed.push_back(next);
      ++count.back;
      report_.AddChange(Kind::kPupils, "back on roll", next.DisplayName());
    } else if (!differences.empty()) {
      plan_.pupils_changed.push_back(next);
      ++count.updated;
      report_.AddChange(Kind::kPupils, "updated: " + differences, next.DisplayName());
    } else {
      ++count.unchanged;
    }
  }
  return Status::Ok();
}

void Planner::PlanPupilsLeaving() {
  if (!SaysWhoLeft()) return;
  KindCount& count = report_.Count(Kind::kPupils);
  for (const auto& link : now_.links) {
    if (link.kind != "pupil" || present_[static_cast<int>(Kind::kPupils)].count(link.source_id) ||
        e_.bad_keys.count(link.source_id)) {
      continue;
    }
    auto it = pupil_by_id_.find(link.local_id);
    if (it == pupil_by_id_.end() || it->second->left_on) continue;
    Pupil next = *it->second;
    next.left_on = context_.today;
    plan_.pupils_changed.push_back(next);
    ++count.left;
    report_.AddChange(Kind::kPupils, "left", next.DisplayName());
  }
}

}  // namespace attune::import
