// Pupil voice surveys (services/survey_service.h).
#include "services/survey_service.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/secrets.h"
#include "services/audit.h"
#include "services/authorization.h"
#include "services/text.h"

namespace attune {
namespace {

// Characters, not bytes (forms are checked as UTF-8 when read).
size_t Chars(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Ordinal(size_t n) { return "Question " + std::to_string(n); }

// A choice question's options, one a line, trimmed, empty lines left out.
std::vector<std::string> OptionLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = Trim(std::string_view(text).substr(start, end - start));
    if (!line.empty()) out.push_back(line);
    start = end + 1;
  }
  return out;
}

Result<SurveyQuestion> CheckQuestion(const QuestionDraft& d, size_t slot) {
  std::string field = "q" + std::to_string(slot) + "_";
  SurveyQuestion q;
  q.prompt = Trim(d.prompt);
  if (Chars(q.prompt) > kMaxPrompt) {
    return Status::Invalid(Ordinal(slot) + ": keep the question to " + std::to_string(kMaxPrompt) +
                               " characters or fewer",
                           field + "prompt");
  }
  if (d.kind == "faces3" || d.kind == "faces5") {
    q.kind = QuestionKind::kFaces;
    q.faces = d.kind == "faces5" ? 5 : 3;
  } else if (auto kind = ParseQuestionKind(d.kind); kind && *kind != QuestionKind::kFaces) {
    q.kind = *kind;
  } else {
    return Status::Invalid(Ordinal(slot) + ": choose how pupils answer", field + "kind");
  }
  if (q.kind == QuestionKind::kChoice) {
    q.options = OptionLines(d.options);
    if (q.options.size() < 2 || q.options.size() > kMaxOptions) {
      return Status::Invalid(Ordinal(slot) + ": give between 2 and " + std::to_string(kMaxOptions) +
                                 " answers to choose from, one on each line",
                             field + "options");
    }
    for (const auto& o : q.options) {
      if (Chars(o) > kMaxOption) {
        return Status::Invalid(Ordinal(slot) + ": keep each answer to " +
                                   std::to_string(kMaxOption) + " characters or fewer",
                               field + "options");
      }
    }
  }
  return q;
}

}  // namespace

std::string SurveyService::NormaliseCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (out.size() > 64) break;
  }
  return out;
}

Result<std::vector<Survey>> SurveyService::List(const Principal& by) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kSurveysManage));
  return store_.ListSurveys(by.school_id);
}

Result<long long> SurveyService::Create(const Principal& by, const SurveyDraft& draft,
                                        const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kSurveysManage));
  Survey survey;
  survey.school_id = by.school_id;
  survey.title = Trim(draft.title);
  if (survey.title.empty()) return Status::Invalid("Give the survey a title", "title");
  if (Chars(survey.title) > kMaxSurveyTitle) {
    return Status::Invalid(
        "Keep the title to " + std::to_string(kMaxSurveyTitle) + " characters or fewer", "title");
  }
  size_t slot = 0;
  for (const auto& d : draft.questions) {
    ++slot;
    if (Trim(d.prompt).empty()) {
      if (!Trim(d.options).empty()) {
        return Status::Invalid(Ordinal(slot) + ": write the question",
                               "q" + std::to_string(slot) + "_prompt");
      }
      continue;
    }
    if (survey.questions.size() == kMaxQuestions) {
      return Status::Invalid("A survey has at most " + std::to_string(kMaxQuestions) +
                                 " questions, so that a child can finish it; leave " +
                                 Ordinal(slot) + " empty",
                             "q" + std::to_string(slot) + "_prompt");
    }
    auto q = CheckQuestion(d, slot);
    if (!q.ok()) return q.status();
    survey.questions.push_back(std::move(*q));
  }
  if (survey.questions.empty()) {
    return Status::Invalid("Write at least one question", "q1_prompt");
  }
  survey.created_by_staff_id = by.staff_id;
  survey.created_at = Now();
  auto id = store_.CreateSurvey(survey);
  if (!id.ok()) return id.status();
  Audit(store_, &by, "survey.create", "survey", *id, survey.title, ip);
  return id;
}

Result<Survey> SurveyService::Get(const Principal& by, long long id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kSurveysManage));
  return store_.GetSurvey(by.school_id, id);
}

Result<std::vector<SurveyRun>> SurveyService::Runs(const Principal& by, long long survey_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kSurveysManage));
  return store_.ListSurveyRuns(by.school_id, survey_id);
}

Result<SurveyRunStarted> SurveyService::StartRun(const Principal& by, long long survey_id,
                                                 const RunFor& run_for, const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kSurveysManage));
  auto survey = store_.GetSurvey(by.school_id, survey_id);
  if (!survey.ok()) return survey.status();
  SurveyRunStarted started;
  started.survey = std::move(*survey);
  SurveyRun& run = started.run;
  run.school_id = by.school_id;
  run.survey_id = survey_id;
  PupilFilter filter;
  filter.by_year = true;
  filter.limit = 1000;
  if (run_for.form_id > 0) {
    auto forms = store_.ListForms(by.school_id);
    if (!forms.ok()) return forms.status();
    auto form = std::find_if(forms->begin(), forms->end(),
                             [&](const Form& f) { return f.id == run_for.form_id; });
    if (form == forms->end()) return Status::Invalid("Choose one of the school's forms", "group");
    run.form_id = form->id;
    run.group_label = "Form " + form->name;
    filter.form_id = form->id;
  } else if (run_for.year_group >= 0 && run_for.year_group <= 14) {
    run.year_group = run_for.year_group;
    run.group_label =
        run.year_group == 0 ? std::string("Reception") : "Year " + std::to_string(run.year_group);
    filter.year_group = run.year_group;
  } else {
    return Status::Invalid("Choose a form or a year group", "group");
  }
  // One open run a group: a second would give each pupil two codes, and
  // the group's answers would be split between runs.
  auto runs = store_.ListSurveyRuns(by.school_id, survey_id);
  if (!runs.ok()) return runs.status();
  for (const auto& r : *runs) {
    if (r.open() && r.form_id == run.form_id && r.year_group == run.year_group) {
      return Status::Invalid(
          run.group_label + " is answering this survey already: close that run first", "group");
    }
  }
  auto pupils = store_.ListPupils(by.school_id, filter);
  if (!pupils.ok()) return pupils.status();
  if (pupils->empty()) {
    return Status::Invalid(run.group_label + " has no pupils on roll", "group");
  }
  std::vector<NewSurveyCode> codes;
  for (const auto& p : *pupils) {
    std::string code = RandomCode(kCodeLength, kCodeAlphabet);
    codes.push_back({HashToken(code), p.year_group, p.form_name});
    started.slips.push_back(
        {p.DisplayName(), p.form_name, code.substr(0, 4) + " " + code.substr(4)});
  }
  run.opened_at = Now();
  run.opened_by_staff_id = by.staff_id;
  auto id = store_.StartSurveyRun(run, codes);
  if (!id.ok()) return id.status();
  run.id = *id;
  run.codes = static_cast<int>(codes.size());
  Audit(store_, &by, "survey.codes_issued", "survey_run", run.id,
        run.group_label + ": " + std::to_string(codes.size()) + " codes shown once", ip);
  return started;
}

Result<long long> SurveyService::CloseRun(const Principal& by, long long run_id,
                                          const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kSurveysManage));
  auto run = store_.GetSurveyRun(by.school_id, run_id);
  if (!run.ok()) return run.status();
  ATTUNE_RETURN_IF_ERROR(store_.CloseSurveyRun(by.school_id, run_id, by.staff_id, Now()));
  Audit(store_, &by, "survey.close", "survey_run", run_id, run->group_label, ip);
  return run->survey_id;
}

Result<SurveyResults> SurveyService::Results(const Principal& by, long long survey_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kSurveysManage));
  SurveyResults out;
  std::vector<SurveyRun> runs;
  std::vector<SurveyAnswerCount> counts;
  std::vector<SurveyWords> words;
  ATTUNE_RETURN_IF_ERROR(store_.ReadTogether([&]() -> Status {
    auto survey = store_.GetSurvey(by.school_id, survey_id);
    if (!survey.ok()) return survey.status();
    out.survey = std::move(*survey);
    auto r = store_.ListSurveyRuns(by.school_id, survey_id);
    if (!r.ok()) return r.status();
    runs = std::move(*r);
    auto c = store_.CountSurveyAnswers(by.school_id, survey_id);
    if (!c.ok()) return c.status();
    counts = std::move(*c);
    auto w = store_.ListSurveyWords(by.school_id, survey_id);
    if (!w.ok()) return w.status();
    words = std::move(*w);
    return Status::Ok();
  }));
  std::map<std::tuple<long long, long long, int>, int> by_cell;
  for (const auto& c : counts) by_cell[{c.run_id, c.question_id, c.choice}] = c.count;
  for (const auto& run : runs) {
    if (run.open()) continue;
    SurveyRunResults r;
    r.run = run;
    r.shown = run.responses >= kMinResponses;
    for (const auto& q : out.survey.questions) {
      std::vector<long long> cells;
      std::vector<std::string> said;
      if (r.shown) {
        for (size_t i = 1; i <= q.AnswerLabels().size(); ++i) {
          auto found = by_cell.find({run.id, q.id, static_cast<int>(i)});
          cells.push_back(found == by_cell.end() ? 0 : found->second);
        }
        for (const auto& w : words) {
          if (w.run_id == run.id && w.question_id == q.id) said.push_back(w.words);
        }
      }
      r.counts.push_back(SuppressCounts(cells));
      r.words.push_back(std::move(said));
    }
    out.runs.push_back(std::move(r));
  }
  return out;
}

Result<std::pair<SurveyCodeFound, Survey>> SurveyService::Check(const std::string& code,
                                                                const std::string& ip) {
  Timestamp now = Now();
  Status begun = store_.BeginSurveyCodeAttempt(ip, now, now - kCodeWindow, kMaxWrongCodes);
  if (begun.code() == StatusCode::kTooManyRequests) {
    Audit(store_, nullptr, "survey.code_throttled", "", 0, "", ip);
    return Status::TooManyRequests(
        "Too many codes did not work on this device. Ask your teacher to help you.");
  }
  ATTUNE_RETURN_IF_ERROR(begun);
  Status not_found = Status::NotFound("That code did not work. Check it with your teacher.");
  if (code.size() != kCodeLength || code.find_first_not_of(kCodeAlphabet) != std::string::npos) {
    return not_found;
  }
  auto found = store_.FindSurveyCode(HashToken(code));
  if (!found.ok()) {
    return found.status().code() == StatusCode::kNotFound ? not_found : found.status();
  }
  auto survey = store_.GetSurvey(found->run.school_id, found->run.survey_id);
  if (!survey.ok()) return survey.status();
  ATTUNE_RETURN_IF_ERROR(store_.SurveyCodeWorked(ip));
  return std::make_pair(std::move(*found), std::move(*survey));
}

Result<SurveyToAnswer> SurveyService::Open(const std::string& typed_code, const std::string& ip) {
  std::string code = NormaliseCode(typed_code);
  if (code.empty()) return Status::Invalid("Type the code from your slip.", "code");
  auto checked = Check(code, ip);
  if (!checked.ok()) return checked.status();
  return SurveyToAnswer{std::move(checked->second), code};
}

Status SurveyService::Answer(const std::string& typed_code,
                             const std::vector<std::pair<std::string, std::string>>& fields,
                             const std::string& ip) {
  std::string code = NormaliseCode(typed_code);
  if (code.empty()) return Status::Invalid("Type the code from your slip.", "code");
  auto checked = Check(code, ip);
  if (!checked.ok()) return checked.status();
  const Survey& survey = checked->second;
  std::vector<SurveyAnswer> answers;
  for (const auto& q : survey.questions) {
    std::string name = "q" + std::to_string(q.id);
    std::string value;
    for (const auto& [k, v] : fields) {
      if (k == name) value = v;
    }
    SurveyAnswer a;
    a.question_id = q.id;
    if (q.kind == QuestionKind::kWords) {
      a.words = Trim(value);
      if (Chars(a.words) > kMaxWordsAnswer) {
        return Status::Invalid("Please use fewer words. You can write up to " +
                                   std::to_string(kMaxWordsAnswer) + " letters.",
                               name);
      }
      if (a.words.empty()) continue;
    } else {
      if (value.empty()) continue;  // a child may leave a question out
      int n = 0;
      size_t labels = q.AnswerLabels().size();
      if (value.size() > 2 || value.find_first_not_of("0123456789") != std::string::npos ||
          (n = std::stoi(value)) < 1 || static_cast<size_t>(n) > labels) {
        return Status::Invalid("Please choose one of the answers.", name);
      }
      a.choice = n;
    }
    answers.push_back(std::move(a));
  }
  Status saved = store_.SaveSurveyResponse(HashToken(code), LondonDate(Now()), answers);
  if (saved.code() == StatusCode::kNotFound) {
    return Status::NotFound("That code did not work. Check it with your teacher.");
  }
  return saved;
}

}  // namespace attune
