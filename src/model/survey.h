// Pupil voice surveys (issue 15, decision 0027): a survey a school writes,
// the runs of it for a form or a year group, the one-time codes pupils
// answer with, and the anonymous responses.
//
// No struct here links a pupil to an answer: a code carries only its hash
// and the pupil's year group and form as of the run; a response carries the
// same and the day, never the code or the pupil.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace attune {

enum class QuestionKind { kFaces, kScale, kChoice, kWords };
// "faces", "scale", "choice", "words".
const char* QuestionKindName(QuestionKind kind);
std::optional<QuestionKind> ParseQuestionKind(std::string_view name);

struct SurveyQuestion {
  long long id = 0;
  int position = 0;  // 1, 2, ...
  std::string prompt;
  QuestionKind kind = QuestionKind::kFaces;
  int faces = 3;                     // kFaces only: 3 or 5
  std::vector<std::string> options;  // kChoice only: 2 to kMaxOptions

  // The answers a pupil may choose, in order (an answer is its 1-based
  // index): the faces' words ("Not good", "OK", "Good"), "1".."5" or the
  // options. Empty for kWords.
  std::vector<std::string> AnswerLabels() const;
};

struct Survey {
  long long id = 0;
  long long school_id = 0;
  std::string title;
  std::vector<SurveyQuestion> questions;  // filled by GetSurvey
  long long created_by_staff_id = 0;
  Timestamp created_at{};
  std::string created_by_name;  // filled by queries that join staff
  int runs = 0;                 // filled by ListSurveys
};

// Limits on what a survey may hold.
inline constexpr size_t kMaxSurveyTitle = 120;
inline constexpr size_t kMaxQuestions = 8;
inline constexpr size_t kMaxPrompt = 200;
inline constexpr size_t kMaxOptions = 6;
inline constexpr size_t kMaxOption = 60;
inline constexpr size_t kMaxWordsAnswer = 300;

// One run of a survey, for one form or one year group.
struct SurveyRun {
  long long id = 0;
  long long school_id = 0;
  long long survey_id = 0;
  long long form_id = 0;    // 0 when run for a year group
  int year_group = -1;      // -1 when run for a form
  std::string group_label;  // "Form 3B", "Year 3"
  Timestamp opened_at{};
  std::optional<Timestamp> closed_at;
  long long opened_by_staff_id = 0;
  int codes = 0;      // filled by queries: codes given out
  int responses = 0;  // filled by queries: pupils who answered
  bool open() const { return !closed_at.has_value(); }
};

// A code to save with a new run: its hash and the pupil's year group and
// form as of the run. Never the pupil.
struct NewSurveyCode {
  std::string code_hash;
  int year_group = 0;
  std::string form_name;
};

// What a working code opens: an open run, and the year group and form its
// answers are counted under.
struct SurveyCodeFound {
  SurveyRun run;
  int year_group = 0;
  std::string form_name;
};

struct SurveyAnswer {
  long long question_id = 0;
  int choice = 0;     // 1..n; 0 for none
  std::string words;  // words questions only
};

// How many responses of `run_id` gave `choice` to `question_id`.
struct SurveyAnswerCount {
  long long run_id = 0;
  long long question_id = 0;
  int choice = 0;
  int count = 0;
};

// One free answer to a words question.
struct SurveyWords {
  long long run_id = 0;
  long long question_id = 0;
  std::string words;
};

}  // namespace attune
