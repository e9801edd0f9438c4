// A plan's form on the page: the policy's sections and fields for one stage
// as inputs (with what was typed, and the field a refusal names), what was
// posted read back into the JSON the plan service checks, and what was
// written shown for reading and printing. The service checks every value;
// this only carries it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/request.h"
#include "model/incident.h"
#include "model/plan.h"
#include "policy/policy.h"

namespace attune::web {

// The pupil's records a `records` field may link, newest first, with
// their pupil-facing words ("Monday 23 November, 10:05: Calling out").
struct LinkableRecord {
  long long id = 0;
  std::string label;
};

// The view of `type`'s sections filled at `stage`, as inputs:
// {"sections": [{"title", "help", "fields": [...]}], "has_sections"}.
// `values` holds what was typed (the JSON form), `error_field` the field a
// refusal named ("fields.aim"), marked invalid. Input ids begin with
// `id_prefix`, unique for each form of a page.
nlohmann::json FormInputs(const policy::Policy& policy, const policy::Plan& type,
                          policy::PlanStage stage, const nlohmann::json& values,
                          const std::string& error_field,
                          const std::vector<LinkableRecord>& records,
                          const std::string& id_prefix = "pf");

// What was written into a plan (a JSON text as stored) as an object; an
// empty one when the text is not an object.
nlohmann::json StoredFields(const std::string& text);

// Reads the fields of `stage` from a posted form (names "f.<id>..."), as
// JSON. Empty inputs are left out.
nlohmann::json ReadFormFields(const policy::Plan& type, policy::PlanStage stage,
                              const http::FormData& form);

// What was written at `stage`, for reading: {"sections": [{"title",
// "fields": [{"label", "text"?, "items"?, "given_by"?}]}]}, empty sections
// left out. `records` names linked records the reader may see.
nlohmann::json FormValues(const policy::Policy& policy, const policy::Plan& type,
                          policy::PlanStage stage, const nlohmann::json& values,
                          const std::vector<Incident>& records);

// A plan's progress at a glance (web/plan_progress.cpp): {"has", "chart":
// {"days": [{"short", "long"}], "rows": [{"label", "cells": [{"text",
// "words", "level"}], "summary"}]}, "steps": [{"stage", "done", "when"}], "has_steps"}:
// the entry fields with yes/no or rating answers over the last 30 days
// written, and, when entries record stages, every stage with the first day
// it was recorded (at the start, `start_fields`, or since).
nlohmann::json ProgressChart(const policy::Plan& type, const std::string& start_fields,
                             const std::vector<PlanEntry>& entries);

// The anxiety map of `records`: records by weekday (Monday to Friday) and
// hour of the school day, with the places seen most. {"hours": [...],
// "rows": [{"day", "cells": [{"count", "level"}]}], "places": [...], "total"}.
nlohmann::json AnxietyMap(const std::vector<Incident>& records);

}  // namespace attune::web
