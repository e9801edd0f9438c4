#include "storage/sqlite/incident_row.h"

#include "storage/sqlite/row.h"

namespace attune::sqlite {

Incident ReadIncident(const soci::row& r) {
  Incident i;
  i.id = Int(r, 0);
  i.school_id = Int(r, 1);
  i.policy_version_id = Int(r, 2);
  i.policy_version = static_cast<int>(Int(r, 3));
  i.category = Text(r, 4);
  i.behaviour_class = Text(r, 5);
  i.occurred_at = FromUnix(Int(r, 6));
  i.recorded_at = FromUnix(Int(r, 7));
  i.recorded_by_staff_id = Int(r, 8);
  i.recorded_by_name = Text(r, 9);
  i.place = Text(r, 10);
  i.lesson = Text(r, 11);
  i.antecedent = Text(r, 12);
  i.behaviour = Text(r, 13);
  i.response = Text(r, 14);
  i.perceived_function = Text(r, 15);
  i.others_involved = SplitList(Text(r, 16));
  i.tally = Int(r, 17) != 0;
  i.safeguarding = Int(r, 18) != 0;
  i.restricted = Int(r, 19) != 0;
  i.visible_to = SplitList(Text(r, 20));
  i.physical_intervention = Int(r, 21) != 0;
  i.reward = Text(r, 22);
  i.repair_due_at = OptTime(r, 23);
  i.repaired_at = OptTime(r, 24);
  i.closed_at = OptTime(r, 25);
  return i;
}

}  // namespace attune::sqlite
