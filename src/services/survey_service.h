// Pupil voice surveys (issue 15, decision 0027): staff with surveys.manage
// write a survey, run it for a form or a year group (one one-time code per
// pupil on roll, shown once on a sheet of slips), close the run and read
// its results anonymised; pupils answer on a shared device with a code and
// no sign-in.
//
// Anonymity: no pupil is stored against a code or an answer (model/
// survey.h); results are shown only for closed runs (so that no one can
// tell a child's answers by looking before and after they answer), only
// when a run has kMinResponses or more, and with counts of 1 and 2
// suppressed (SuppressCounts).
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/survey.h"
#include "services/suppression.h"
#include "storage/store.h"

namespace attune {

// One question as typed into the form, before it is checked.
struct QuestionDraft {
  std::string prompt;
  std::string kind;     // "faces3", "faces5", "scale", "choice", "words"
  std::string options;  // choice: one per line
};

struct SurveyDraft {
  std::string title;
  // Slot n (1-based) of the form; empty slots are left out.
  std::vector<QuestionDraft> questions;
};

// Who a run is for: a form (form_id) or a year group.
struct RunFor {
  long long form_id = 0;
  int year_group = -1;
};

// A line of the sheet of slips: the only place a pupil's name and code meet.
struct SurveySlip {
  std::string name;
  std::string form_name;
  std::string code;  // as printed: "ABCD EFGH"
};

struct SurveyRunStarted {
  Survey survey;
  SurveyRun run;
  std::vector<SurveySlip> slips;
};

// An answer's count as shown: ShownCount, suppressed by SuppressCounts
// (services/suppression.h).

struct SurveyRunResults {
  SurveyRun run;
  // Closed, and kMinResponses or more responses: the counts are shown.
  bool shown = false;
  // Per question (the survey's order): per answer label.
  std::vector<std::vector<ShownCount>> counts;
  // Per question: the free answers (words questions), in alphabetical order.
  std::vector<std::vector<std::string>> words;
};

struct SurveyResults {
  Survey survey;
  std::vector<SurveyRunResults> runs;  // every closed run, oldest first
};

// What a pupil sees after a working code: the survey's questions.
struct SurveyToAnswer {
  Survey survey;
  std::string code;  // normalised, to send with the answers
};

class SurveyService {
 public:
  explicit SurveyService(Store& store) : store_(store) {}

  // Fewer responses than this in a run and nothing of its answers is shown.
  static constexpr int kMinResponses = 5;
  // Codes that do not work, per network address, within kCodeWindow of the
  // one before, before further codes are refused (429).
  static constexpr int kMaxWrongCodes = 50;
  static constexpr std::chrono::minutes kCodeWindow{15};
  // Codes: 8 characters from 32 (no 0, O, 1 or I), 40 bits.
  static constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  static constexpr size_t kCodeLength = 8;

  // Staff (surveys.manage).
  Result<std::vector<Survey>> List(const Principal& by);
  // Checks the draft (Invalid with the field, e.g. "q2_prompt") and saves it.
  Result<long long> Create(const Principal& by, const SurveyDraft& draft, const std::string& ip);
  Result<Survey> Get(const Principal& by, long long id);
  Result<std::vector<SurveyRun>> Runs(const Principal& by, long long survey_id);
  // Opens a run for every pupil on roll in the form or year group, with a
  // fresh code each; the codes are returned once and only their hashes kept.
  // Audited (survey.codes_issued).
  Result<SurveyRunStarted> StartRun(const Principal& by, long long survey_id, const RunFor& run_for,
                                    const std::string& ip);
  // Closes a run (its unused codes stop working). Audited. The run's survey id.
  Result<long long> CloseRun(const Principal& by, long long run_id, const std::string& ip);
  Result<SurveyResults> Results(const Principal& by, long long survey_id);

  // Pupils (no sign-in): the survey a code opens. Throttled per address.
  // Invalid (field "code") for an empty code; NotFound for one that does
  // not work; TooManyRequests after kMaxWrongCodes.
  Result<SurveyToAnswer> Open(const std::string& typed_code, const std::string& ip);
  // Saves a pupil's answers (form field "q<question id>": the chosen answer's
  // number, or the words) and spends the code. Invalid (field "q<id>") for
  // an answer that is not one of the question's; NotFound for a code that
  // does not (or no longer) work.
  Status Answer(const std::string& code,
                const std::vector<std::pair<std::string, std::string>>& fields,
                const std::string& ip);

  // "abcd-efgh" -> "ABCDEFGH": spaces and dashes dropped, upper case.
  static std::string NormaliseCode(std::string_view typed);

 private:
  // The open code's run and survey, counted by the throttle.
  Result<std::pair<SurveyCodeFound, Survey>> Check(const std::string& code, const std::string& ip);

  Store& store_;
};

}  // namespace attune
