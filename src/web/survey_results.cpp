// GET /surveys/{id}/results: a survey's closed runs side by side, to
// compare over time, anonymised (services/survey_service.h): nothing for a
// run with too few answers, "fewer than 3" for a count of 1 or 2, and the
// next smallest withheld where one alone is small.
#include "services/survey_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"
#include "web/survey_page.h"

namespace attune::web {
namespace {

std::string CellText(const SurveyRunResults& run, size_t question, size_t answer) {
  if (!run.shown) return "not shown";
  const ShownCount& c = run.counts[question][answer];
  if (c.fewer_than_three) return "fewer than 3";
  if (c.hidden) return "withheld";
  return std::to_string(c.count);
}

}  // namespace

http::Response SurveyResultsShow(const WebContext& ctx, http::Request& req) {
  using nlohmann::json;
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto results = SurveyService(ctx.store).Results(*req.principal, *id);
  if (!results.ok()) return RenderError(ctx, req, results.status());
  json runs = json::array();
  for (const auto& r : results->runs) {
    int n = r.run.responses;
    runs.push_back(
        {{"label", r.run.group_label},
         {"when", RunWhen(r.run)},
         {"codes", r.run.codes},
         {"answered", n == 1 || n == 2 ? std::string("fewer than 3") : std::to_string(n)}});
  }
  json questions = json::array();
  const auto& qs = results->survey.questions;
  for (size_t i = 0; i < qs.size(); ++i) {
    const SurveyQuestion& q = qs[i];
    json rows = json::array();
    auto labels = q.AnswerLabels();
    for (size_t a = 0; a < labels.size(); ++a) {
      json cells = json::array();
      for (const auto& r : results->runs) {
        cells.push_back({{"text", CellText(r, i, a)}, {"label", r.run.group_label}});
      }
      rows.push_back({{"answer", labels[a]}, {"cells", cells}});
    }
    json word_runs = json::array();
    if (q.kind == QuestionKind::kWords) {
      for (const auto& r : results->runs) {
        word_runs.push_back({{"label", r.run.group_label},
                             {"when", RunWhen(r.run)},
                             {"shown", r.shown},
                             {"words", r.words[i]},
                             {"has_words", !r.words[i].empty()}});
      }
    }
    questions.push_back({{"n", i + 1},
                         {"prompt", q.prompt},
                         {"rows", rows},
                         {"runs", runs},
                         {"has_answers", !labels.empty()},
                         {"is_words", q.kind == QuestionKind::kWords},
                         {"word_runs", word_runs},
                         {"min", SurveyService::kMinResponses}});
  }
  json view = {{"id", results->survey.id},
               {"title", results->survey.title},
               {"min", SurveyService::kMinResponses},
               {"questions", questions},
               {"runs", runs},
               {"has_runs", !runs.empty()}};
  return RenderPage(ctx, req, "survey_results", "Results: " + results->survey.title, view);
}

}  // namespace attune::web
