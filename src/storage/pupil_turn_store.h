// Storage of pupils' turns on their plans (model/pupil_turn.h, decision
// 0028): only the hash of each turn's code is kept; a turn is answered at
// most once, and what the pupil wrote goes into the plan in the same
// transaction as the turn ends.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <string>

#include "core/status.h"
#include "core/time.h"
#include "model/pupil_turn.h"

namespace attune {

class PupilTurnStore {
 public:
  virtual ~PupilTurnStore() = default;

  // Saves `turn` (started now) with the hash of its code, ending every turn
  // of the same plan still open, so that one code at most opens a plan.
  // Its id.
  virtual Result<long long> StartPupilTurn(const PupilTurn& turn, const std::string& code_hash) = 0;
  // The turn a code (by its hash) opens at `now`: not answered, not
  // replaced, not expired, and its plan still active. NotFound otherwise.
  virtual Result<PupilTurn> FindPupilTurn(const std::string& code_hash, Timestamp now) = 0;
  // Ends the turn the code opens at `now` and writes the pupil's words
  // `fields` (a JSON object of clean values) into its plan, in one
  // transaction: for kind "entry", into the entry of the turn's day
  // (merged into it, field by field, when one is written; a new entry by
  // the adult who started the turn otherwise); for kind "review", as a
  // review of that day. NotFound, writing nothing, when the code no longer
  // opens a turn (so a code answers once even when sent twice at once).
  // The entry's id.
  virtual Result<long long> AnswerPupilTurn(const std::string& code_hash, Timestamp now,
                                            const std::string& kind, const std::string& fields) = 0;
};

}  // namespace attune
