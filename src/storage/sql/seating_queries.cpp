// SeatingStore on SQLite: classes' seating plans.
#include "storage/sql/row.h"
#include "storage/sql/sql_store.h"

namespace attune::sql {

Result<std::vector<Seat>> SqlStore::SeatingPlan(long long school_id, long long group_id) {
  return ReadGuard("seating plan", [&]() -> Result<std::vector<Seat>> {
    auto sql = pool_.Acquire();
    std::vector<Seat> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT pupil_id, seat_row, seat_column FROM seating_plans WHERE "
                         "school_id = :s AND group_id = :g ORDER BY seat_row, seat_column",
         soci::use(school_id), soci::use(group_id));
    for (const auto& r : rows) {
      Seat seat;
      seat.pupil_id = Int(r, 0);
      seat.row = static_cast<int>(Int(r, 1));
      seat.column = static_cast<int>(Int(r, 2));
      out.push_back(seat);
    }
    return out;
  });
}

Status SqlStore::SaveSeatingPlan(long long school_id, long long group_id,
                                 const std::vector<Seat>& seats, long long staff_id) {
  return Guard("save seating plan", [&]() -> Status {
    return RunInTransaction([&]() -> Status {
      auto sql = pool_.Acquire();
      long long at = ToUnix(Now());
      soci::indicator by = NullIfZero(staff_id);
      *sql << "DELETE FROM seating_plans WHERE school_id = :s AND group_id = :g",
          soci::use(school_id), soci::use(group_id);
      for (const auto& seat : seats) {
        *sql << "INSERT INTO seating_plans (school_id, group_id, pupil_id, seat_row, seat_column, "
                "updated_by_staff_id, updated_at) VALUES (:s, :g, :p, :r, :c, :b, :a)",
            soci::use(school_id), soci::use(group_id), soci::use(seat.pupil_id),
            soci::use(seat.row), soci::use(seat.column), soci::use(staff_id, by), soci::use(at);
      }
      return Status::Ok();
    });
  });
}

}  // namespace attune::sql
