#include "services/seating.h"

#include <charconv>
#include <set>
#include <utility>

#include "services/authorization.h"

namespace attune {
namespace {

bool Whole(std::string_view text, long long& out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

Result<Seat> ParseSeat(const std::string& text) {
  size_t first = text.find(':');
  size_t second = first == std::string::npos ? first : text.find(':', first + 1);
  long long pupil = 0, row = 0, column = 0;
  std::string_view view(text);
  if (second == std::string::npos || !Whole(view.substr(0, first), pupil) ||
      !Whole(view.substr(first + 1, second - first - 1), row) ||
      !Whole(view.substr(second + 1), column) || pupil <= 0) {
    return Status::Invalid("Each seat is sent as pupil, row and seat, for example 1204:2:5; “" +
                               text.substr(0, 40) +
                               "” is not. Reload the page and arrange the seats again.",
                           "seats");
  }
  Seat seat;
  seat.pupil_id = pupil;
  // Out of range numbers are kept out of int and refused by CheckSeats.
  seat.row = row < 0 || row > 1000 ? -1 : static_cast<int>(row);
  seat.column = column < 0 || column > 1000 ? -1 : static_cast<int>(column);
  return seat;
}

Status CheckSeats(const std::vector<Seat>& seats, const std::vector<Pupil>& members) {
  std::set<long long> placed;
  std::set<std::pair<int, int>> taken;
  for (const auto& seat : seats) {
    const Pupil* pupil = nullptr;
    for (const auto& p : members) {
      if (p.id == seat.pupil_id) pupil = &p;
    }
    if (!pupil) {
      return Status::Invalid("Pupil " + std::to_string(seat.pupil_id) +
                                 " is not in this class, so cannot be given a seat in it.",
                             "seats");
    }
    std::string name = pupil->DisplayName();
    if (seat.row < 1 || seat.row > kSeatRows || seat.column < 1 || seat.column > kSeatColumns) {
      return Status::Invalid(name + "’s seat is outside the room: rows go from 1 to " +
                                 std::to_string(kSeatRows) + " and seats from 1 to " +
                                 std::to_string(kSeatColumns) + ".",
                             "seats");
    }
    if (!placed.insert(seat.pupil_id).second) {
      return Status::Invalid(name + " is given two seats; choose one.", "seats");
    }
    if (!taken.insert({seat.row, seat.column}).second) {
      return Status::Invalid("Two pupils are given row " + std::to_string(seat.row) + ", seat " +
                                 std::to_string(seat.column) + "; " + name +
                                 " needs a seat of their own.",
                             "seats");
    }
  }
  return Status::Ok();
}

Status SaveSeatingPlan(Store& store, const Principal& by, long long group_id,
                       const std::vector<Seat>& seats) {
  if (Status allowed = Authorize(&by, Permission::kIncidentsRecord); !allowed.ok()) {
    return allowed;
  }
  auto group = store.GetTeachingGroup(by.school_id, group_id);
  if (!group.ok()) return group.status();
  auto members = store.GroupMembers(by.school_id, group_id);
  if (!members.ok()) return members.status();
  if (Status checked = CheckSeats(seats, *members); !checked.ok()) return checked;
  return store.SaveSeatingPlan(by.school_id, group_id, seats, by.staff_id);
}

}  // namespace attune
