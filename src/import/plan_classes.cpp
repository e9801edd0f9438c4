// Planning forms, teaching groups and who is in each (planner.h): a form's
// tutor is its class's main teacher; a group's pupils and teachers are its
// enrollments now.
#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

#include "import/planner.h"

namespace attune::import {
namespace {

// What forms and teaching groups differ in, for the one planning of both.
struct FormSide {
  using Row = Form;
  static constexpr Kind kKind = Kind::kForms;
  static constexpr const char* kWord = "form";
};
struct GroupSide {
  using Row = TeachingGroup;
  static constexpr Kind kKind = Kind::kGroups;
  static constexpr const char* kWord = "teaching group";
};

}  // namespace

int Planner::YearFromPupils(const std::string& key) const {
  std::map<int, int> years;
  auto it = enrolled_.find(key);
  if (it == enrolled_.end()) return -1;
  for (const ExportEnrollment* en : it->second) {
    if (en->teacher) continue;
    auto p = pupils_by_key_.find(en->person_key);
    if (p != pupils_by_key_.end() && p->second->year_group) ++years[*p->second->year_group];
  }
  int best = -1, most = 0;
  for (const auto& [year, n] : years) {
    if (n > most) best = year, most = n;
  }
  return best;
}

template <typename Side>
void Planner::PlanClasses(std::unordered_map<long long, const typename Side::Row*>& by_id,
                          std::unordered_map<std::string, const typename Side::Row*>& by_name,
                          std::vector<typename Side::Row>& created,
                          std::vector<typename Side::Row>& changed) {
  using Row = typename Side::Row;
  constexpr bool kForm = std::is_same_v<Row, Form>;
  const int kind = static_cast<int>(Side::kKind);
  KindCount& count = report_.Count(Side::kKind);
  auto& claimed = claimed_[kind];
  // Matched by link first, then by name, as pupils are.
  std::vector<std::pair<const ExportClass*, const Row*>> rows;
  std::unordered_map<std::string, RowPlace> names;
  for (const ExportClass& k : e_.classes) {
    if (k.form != kForm || !InSchool(k.school) || k.leaving) continue;
    if (!k.source_id.empty()) present_[kind].insert(k.source_id);
    auto [seen, fresh] = names.emplace(k.name, k.at);
    if (!fresh) {
      Problem(k.at, std::string("the name \"") + k.name + "\" is also the " + Side::kWord + " of " +
                        seen->second.Text() + "; attune needs each " + Side::kWord +
                        "'s name once");
      continue;
    }
    const MisLink* link = LinkOf(Side::kKind, k.source_id);
    const Row* found = nullptr;
    if (link && by_id.count(link->local_id)) found = by_id[link->local_id];
    if (found) claimed.insert(found->id);
    rows.emplace_back(&k, found);
  }
  for (auto& [k, found] : rows) {
    if (found) continue;
    auto it = by_name.find(k->name);
    if (it != by_name.end() && !claimed.count(it->second->id)) {
      found = it->second;
      claimed.insert(found->id);
    }
  }
  for (const auto& [k, found] : rows) {
    // A name another row of attune keeps (not in this export) cannot be taken.
    auto holder = by_name.find(k->name);
    if (holder != by_name.end() && !claimed.count(holder->second->id)) {
      Problem(k->at, std::string("the name \"") + k->name + "\" is another " + Side::kWord +
                         "'s in attune, which is not in this export");
      continue;
    }
    int year = k->year_group ? *k->year_group : YearFromPupils(k->key);
    if (year < 0 && found) year = found->year_group;
    if (year < 0) {
      Problem(k->at, std::string("the ") + Side::kWord + " \"" + k->name +
                         "\" has no grades and no pupils, so its year group is not known");
      continue;
    }
    Row next = found ? *found : Row{};
    next.school_id = plan_.school_id;
    next.name = k->name;
    next.year_group = year;
    if constexpr (kForm) {
      // The tutor: the form's main teacher, else its first teacher.
      long long tutor = 0;
      for (const ExportEnrollment* en : enrolled_[k->key]) {
        if (!en->teacher || !staff_ids_.count(en->person_key)) continue;
        if (tutor == 0 || en->primary) tutor = staff_ids_[en->person_key];
        if (en->primary) break;
      }
      if (tutor) next.tutor_staff_id = tutor;
    } else {
      next.subject = k->subject;
    }
    if (!found) {
      next.id = NewId();
      created.push_back(next);
      class_ids_[k->key] = next.id;
      Link(Side::kKind, k->source_id, next.id);
      ++count.created;
      report_.AddChange(Side::kKind, "new", next.name);
      continue;
    }
    class_ids_[k->key] = found->id;
    const MisLink* link = LinkOf(Side::kKind, k->source_id);
    if (!k->source_id.empty() && (!link || link->local_id != found->id) &&
        !LinkTo(Side::kKind, found->id)) {
      ++count.linked;
    }
    Link(Side::kKind, k->source_id, found->id);
    bool differs = next.name != found->name || next.year_group != found->year_group;
    if constexpr (kForm) {
      differs = differs || next.tutor_staff_id != found->tutor_staff_id;
    } else {
      differs = differs || next.subject != found->subject;
    }
    if (differs) {
      if (next.name != found->name) {
        (kForm ? plan_.forms_renamed : plan_.groups_renamed).push_back(found->id);
      }
      changed.push_back(next);
      ++count.updated;
      report_.AddChange(Side::kKind, "updated",
                        found->name == next.name ? next.name : found->name + " → " + next.name);
    } else {
      ++count.unchanged;
    }
  }
}

void Planner::PlanForms() {
  for (const ExportEnrollment& en : e_.enrollments) enrolled_[en.class_key].push_back(&en);
  std::unordered_map<std::string, bool> is_form;
  for (const ExportClass& k : e_.classes) is_form[k.key] = k.form;
  for (const ExportEnrollment& en : e_.enrollments) {
    if (!en.teacher && is_form[en.class_key]) form_of_[en.person_key] = en.class_key;
  }
  PlanClasses<FormSide>(form_by_id_, form_by_name_, plan_.forms_created, plan_.forms_changed);
}

void Planner::PlanGroups() {
  PlanClasses<GroupSide>(group_by_id_, group_by_name_, plan_.groups_created, plan_.groups_changed);
}

void Planner::PlanPlaces() {
  // The places of people whose rows were bad stay as they are.
  for (const auto& key : e_.bad_keys) {
    if (const MisLink* link = LinkOf(Kind::kPupils, key)) keep_pupil_places_.insert(link->local_id);
    if (const MisLink* link = LinkOf(Kind::kStaff, key)) keep_staff_places_.insert(link->local_id);
  }
  std::unordered_map<long long, std::set<long long>> pupils_now, teachers_now;
  for (const auto& [g, p] : now_.members) pupils_now[g].insert(p);
  for (const auto& [g, s] : now_.teachers) teachers_now[g].insert(s);
  long long& added = report_.members_added;
  long long& removed = report_.members_removed;
  auto reconcile = [&](long long group, const std::set<long long>& want,
                       const std::set<long long>& have, std::vector<GroupPair>& add,
                       std::vector<GroupPair>& remove, const std::unordered_set<long long>& keep,
                       bool may_remove) {
    for (long long id : want) {
      if (!have.count(id)) add.push_back({group, id}), ++added;
    }
    if (!may_remove) return;
    for (long long id : have) {
      if (!want.count(id) && !keep.count(id)) remove.push_back({group, id}), ++removed;
    }
  };
  bool may_remove = !e_.unsure_of_places;
  std::unordered_set<long long> groups_in_export;
  for (const ExportClass& k : e_.classes) {
    if (k.form || !InSchool(k.school) || k.leaving || !class_ids_.count(k.key)) continue;
    long long group = class_ids_[k.key];
    groups_in_export.insert(group);
    std::set<long long> pupils, teachers;
    for (const ExportEnrollment* en : enrolled_[k.key]) {
      auto& ids = en->teacher ? staff_ids_ : pupil_ids_;
      auto it = ids.find(en->person_key);
      if (it != ids.end()) (en->teacher ? teachers : pupils).insert(it->second);
    }
    reconcile(group, pupils, pupils_now[group], plan_.members_added, plan_.members_removed,
              keep_pupil_places_, may_remove);
    reconcile(group, teachers, teachers_now[group], plan_.teachers_added, plan_.teachers_removed,
              keep_staff_places_, may_remove);
  }
  // Linked groups the whole export no longer has are emptied, not deleted.
  if (!e_.whole || e_.unsure_which_classes) return;
  KindCount& count = report_.Count(Kind::kGroups);
  for (const auto& link : now_.links) {
    if (link.kind != "group" || groups_in_export.count(link.local_id) ||
        e_.bad_keys.count(link.source_id) || !group_by_id_.count(link.local_id)) {
      continue;
    }
    size_t before = plan_.members_removed.size() + plan_.teachers_removed.size();
    reconcile(link.local_id, {}, pupils_now[link.local_id], plan_.members_added,
              plan_.members_removed, keep_pupil_places_, true);
    reconcile(link.local_id, {}, teachers_now[link.local_id], plan_.teachers_added,
              plan_.teachers_removed, keep_staff_places_, true);
    if (plan_.members_removed.size() + plan_.teachers_removed.size() > before) {
      ++count.left;
      report_.AddChange(Kind::kGroups, "no longer in the MIS: emptied",
                        group_by_id_[link.local_id]->name);
    }
  }
}

}  // namespace attune::import
