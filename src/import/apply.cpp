// Writing a plan (apply.h).
#include "import/apply.h"

#include <unordered_map>
#include <unordered_set>

namespace attune::import {
namespace {

// The ids of rows written so far, by the ids below 0 the plan gave them.
class Made {
 public:
  void Add(long long planned, long long id) { ids_[planned] = id; }
  // `id`, or the row made for it.
  long long operator()(long long id) const {
    if (id >= 0) return id;
    auto it = ids_.find(id);
    return it == ids_.end() ? 0 : it->second;
  }
  std::vector<GroupPair> Pairs(const std::vector<GroupPair>& pairs) const {
    std::vector<GroupPair> out;
    out.reserve(pairs.size());
    for (const auto& [a, b] : pairs) out.emplace_back((*this)(a), (*this)(b));
    return out;
  }

 private:
  std::unordered_map<long long, long long> ids_;
};

// Counts rows written, telling `progress` every hundred.
class Counter {
 public:
  explicit Counter(const WriteProgress& progress) : progress_(progress) {}
  void Add(size_t n = 1) {
    size_t before = written_ / 100;
    written_ += n;
    if (progress_ && written_ / 100 != before) progress_(written_);
  }
  void Done() const {
    if (progress_) progress_(written_);
  }

 private:
  const WriteProgress& progress_;
  size_t written_ = 0;
};

// Writes each of `rows` (new, with ids below 0) with `create`, which
// returns its id, after `fill` gives it the ids made before it.
template <typename Row, typename Fill, typename Create>
Status CreateAll(const std::vector<Row>& rows, long long school_id, Made& made, Fill fill,
                 Create create, Counter& count) {
  for (Row row : rows) {
    long long planned = row.id;
    row.school_id = school_id;
    fill(row);
    Result<long long> id = create(row);
    if (!id.ok()) return id.status();
    made.Add(planned, *id);
    count.Add();
  }
  return Status::Ok();
}

// Writes `rows` (forms or teaching groups) with `update`, those whose ids
// are in `renamed` first under a name no one has, so that two may swap.
template <typename Row, typename Update>
Status UpdateRenamed(const std::vector<Row>& rows, const std::vector<long long>& renamed,
                     Update update, Counter& count) {
  std::unordered_set<long long> first(renamed.begin(), renamed.end());
  for (Row row : rows) {
    if (!first.count(row.id)) continue;
    row.name = "~import~" + std::to_string(row.id);
    ATTUNE_RETURN_IF_ERROR(update(row));
    count.Add();
  }
  for (const Row& row : rows) {
    ATTUNE_RETURN_IF_ERROR(update(row));
    count.Add();
  }
  return Status::Ok();
}

}  // namespace

Result<long long> ApplyPlan(Store& store, const SchoolPlan& plan, const WriteProgress& progress) {
  Made made;
  Counter count(progress);
  long long school_id = plan.school_id;
  if (school_id < 0) {
    auto id = store.CreateSchool(*plan.school);
    if (!id.ok()) return id.status();
    made.Add(school_id, *id);
    school_id = *id;
  } else if (plan.school) {
    ATTUNE_RETURN_IF_ERROR(
        store.UpdateSchoolDetails(school_id, plan.school->name, plan.school->urn));
  }
  count.Add();

  auto nothing = [](auto&) {};
  ATTUNE_RETURN_IF_ERROR(CreateAll(
      plan.staff_created, school_id, made, nothing,
      [&](const Staff& s) { return store.CreateStaff(s); }, count));
  for (const Staff& s : plan.staff_changed) {
    ATTUNE_RETURN_IF_ERROR(store.UpdateStaffDetails(s));
    count.Add();
  }
  for (long long id : plan.staff_leaving) {
    ATTUNE_RETURN_IF_ERROR(store.SetStaffActive(school_id, id, false));
    ATTUNE_RETURN_IF_ERROR(store.EndSignIns(id, "", Now()));
    count.Add();
  }
  for (long long id : plan.staff_back) {
    ATTUNE_RETURN_IF_ERROR(store.SetStaffActive(school_id, id, true));
    count.Add();
  }

  ATTUNE_RETURN_IF_ERROR(CreateAll(
      plan.forms_created, school_id, made,
      [&](Form& f) { f.tutor_staff_id = made(f.tutor_staff_id); },
      [&](const Form& f) { return store.AddForm(f); }, count));
  ATTUNE_RETURN_IF_ERROR(UpdateRenamed(
      plan.forms_changed, plan.forms_renamed,
      [&](Form f) {
        f.tutor_staff_id = made(f.tutor_staff_id);
        return store.UpdateForm(f);
      },
      count));
  ATTUNE_RETURN_IF_ERROR(CreateAll(
      plan.groups_created, school_id, made, nothing,
      [&](const TeachingGroup& g) { return store.AddTeachingGroup(g); }, count));
  ATTUNE_RETURN_IF_ERROR(UpdateRenamed(
      plan.groups_changed, plan.groups_renamed,
      [&](const TeachingGroup& g) { return store.UpdateTeachingGroup(g); }, count));

  ATTUNE_RETURN_IF_ERROR(CreateAll(
      plan.pupils_created, school_id, made, [&](Pupil& p) { p.form_id = made(p.form_id); },
      [&](const Pupil& p) { return store.CreatePupil(p); }, count));
  std::unordered_set<long long> renumbered(plan.pupils_renumbered.begin(),
                                           plan.pupils_renumbered.end());
  for (Pupil p : plan.pupils_changed) {
    if (!renumbered.count(p.id)) continue;
    p.upn = "~" + std::to_string(p.id);
    p.form_id = made(p.form_id);
    ATTUNE_RETURN_IF_ERROR(store.UpdatePupilDetails(p));
    count.Add();
  }
  for (Pupil p : plan.pupils_changed) {
    p.form_id = made(p.form_id);
    ATTUNE_RETURN_IF_ERROR(store.UpdatePupilDetails(p));
    count.Add();
  }

  ATTUNE_RETURN_IF_ERROR(
      store.ChangeGroupMembers(made.Pairs(plan.members_added), made.Pairs(plan.members_removed)));
  count.Add(plan.members_added.size() + plan.members_removed.size());
  ATTUNE_RETURN_IF_ERROR(store.ChangeGroupTeachers(made.Pairs(plan.teachers_added),
                                                   made.Pairs(plan.teachers_removed)));
  count.Add(plan.teachers_added.size() + plan.teachers_removed.size());

  for (MisLink link : plan.links) {
    link.local_id = made(link.local_id);
    ATTUNE_RETURN_IF_ERROR(store.SaveMisLink(school_id, link));
    count.Add();
  }
  count.Done();
  return school_id;
}

}  // namespace attune::import
