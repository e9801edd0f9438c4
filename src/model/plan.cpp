#include "model/plan.h"

namespace attune {

const char* PlanDue::Words() const {
  switch (what) {
    case What::kReview:
      return "review";
    case What::kCheckIn:
      return "check-in";
    case What::kEnd:
      return "decision at the end";
  }
  return "review";
}

std::optional<PlanDue> NextDue(const PupilPlan& plan) {
  if (plan.status != "active") return std::nullopt;
  std::optional<PlanDue> next;
  if (plan.review_on) next = PlanDue{PlanDue::What::kReview, *plan.review_on};
  if (plan.check_in_on && (!next || *plan.check_in_on < next->on)) {
    next = PlanDue{PlanDue::What::kCheckIn, *plan.check_in_on};
  }
  if (next && plan.ends_on && *plan.ends_on < next->on) {
    next = PlanDue{PlanDue::What::kEnd, *plan.ends_on};
  }
  return next;
}

}  // namespace attune
