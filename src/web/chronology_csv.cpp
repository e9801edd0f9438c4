// GET /pupils/{id}/chronology.csv: the pupil's chronology as the page's
// filters narrow it, every page of it, as "Download (CSV)" (web/
// csv_export.h: audited as export.csv). Restricted records only for those
// who may read them, their reads audited as on the page.
#include "web/chronology.h"
#include "web/csv_export.h"
#include "web/handlers.h"
#include "web/site.h"

namespace attune::web {

http::Response PupilChronologyCsv(const WebContext& ctx, http::Request& req) {
  const Principal& by = *req.principal;
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto page = ctx.pupils.Page(by, *id, req.ip);
  if (!page.ok()) return RenderError(ctx, req, page.status());
  Timestamp now = Now();
  auto in_force = ctx.policies.InForce(by.school_id, LondonDate(now));
  const policy::Policy* policy = in_force.ok() ? in_force->policy.get() : nullptr;
  ChronologyFilter filter =
      ReadChronologyFilter(req.query, policy, !RestrictedReaderName(by.role).empty());
  PupilRecordQuery query = filter.ToQuery(*id);
  query.limit = 5000;
  auto records = ctx.incidents.ForPupil(by, query, req.ip);
  if (!records.ok()) return RenderError(ctx, req, records.status());
  auto chronology =
      Chronology::Load(ctx, req, *id, policy ? policy->Word("pupil", "pupil") : "pupil",
                       Chronology::LowestId(*records));
  if (!chronology.ok()) return RenderError(ctx, req, chronology.status());

  CsvWriter csv;
  csv.Row({"Record", "Date", "Time", "Pupil", "What", "Class", "Part", "Step", "Points", "Place",
           "Recorded by", "Before", "What happened", "Response", "Repair", "Restricted"});
  std::string name = page->pupil.DisplayName();
  for (const auto& i : *records) {
    const IncidentPupil* part = chronology->PartOf(i);
    csv.Row({std::to_string(i.id), FormatLondon(i.occurred_at, "%Y-%m-%d"),
             FormatLondon(i.occurred_at, "%H:%M"), name, chronology->WhatOf(i),
             ClassWords(i.behaviour_class), part ? part->role : "", chronology->StepOf(i),
             part && part->points > 0 ? std::to_string(part->points) : "", i.place,
             i.recorded_by_name, i.antecedent, i.behaviour, i.response,
             chronology->RepairOf(i, now).words, i.restricted ? "Yes" : "No"});
  }
  return CsvDownload(ctx, req, "chronology of pupil " + std::to_string(*id),
                     "chronology-" + std::to_string(*id) + ".csv", csv);
}

}  // namespace attune::web
