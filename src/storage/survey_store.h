// Storage of pupil voice surveys (model/survey.h, decision 0027): surveys and
// their questions, runs, the hashes of one-time codes, and responses that
// name no pupil and no code.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/survey.h"

namespace attune {

class SurveyStore {
 public:
  virtual ~SurveyStore() = default;

  // Saves `survey` with its questions, in one transaction; its id.
  virtual Result<long long> CreateSurvey(const Survey& survey) = 0;
  // The school's surveys, newest first, without questions (runs counted).
  virtual Result<std::vector<Survey>> ListSurveys(long long school_id) = 0;
  // One of the school's surveys with its questions; NotFound otherwise.
  virtual Result<Survey> GetSurvey(long long school_id, long long id) = 0;

  // Saves `run` (opened now) and its codes, in one transaction; its id.
  virtual Result<long long> StartSurveyRun(const SurveyRun& run,
                                           const std::vector<NewSurveyCode>& codes) = 0;
  // A survey's runs, oldest first, with codes and responses counted.
  virtual Result<std::vector<SurveyRun>> ListSurveyRuns(long long school_id,
                                                        long long survey_id) = 0;
  virtual Result<SurveyRun> GetSurveyRun(long long school_id, long long id) = 0;
  // Closes an open run: its unused codes no longer work. NotFound when the
  // school has no such run; Conflict when it is already closed.
  virtual Status CloseSurveyRun(long long school_id, long long id, long long staff_id,
                                Timestamp at) = 0;

  // The open run an unused code (by its hash) belongs to; NotFound for a
  // code that is unknown, used, or of a closed run.
  virtual Result<SurveyCodeFound> FindSurveyCode(const std::string& code_hash) = 0;
  // Marks the code used and saves the response (run, the code's year group
  // and form, `on`, the answers) in one transaction; NotFound, saving
  // nothing, when the code is unknown, already used or its run closed (so a
  // code answers once even when sent twice at once).
  virtual Status SaveSurveyResponse(const std::string& code_hash, Date on,
                                    const std::vector<SurveyAnswer>& answers) = 0;

  // Answers counted per run, question and choice, for every run of a survey.
  virtual Result<std::vector<SurveyAnswerCount>> CountSurveyAnswers(long long school_id,
                                                                    long long survey_id) = 0;
  // The free answers to a survey's words questions, per run, in the order
  // of their words (not the order given).
  virtual Result<std::vector<SurveyWords>> ListSurveyWords(long long school_id,
                                                           long long survey_id) = 0;

  // Throttling of survey codes typed in, per network address, as sign-in is
  // (SessionStore::BeginSignInAttempt): counts a failure unless the address
  // already has `max` whose latest is at or after `since` (then
  // TooManyRequests, counting nothing). Atomic.
  virtual Status BeginSurveyCodeAttempt(const std::string& ip, Timestamp now, Timestamp since,
                                        int max) = 0;
  // The attempt begun from `ip` found a working code: it no longer counts.
  virtual Status SurveyCodeWorked(const std::string& ip) = 0;
};

}  // namespace attune
