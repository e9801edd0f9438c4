#include "web/chronology.h"

#include <algorithm>

#include "http/url.h"

namespace attune::web {

std::string ChronologyFilter::Query(int p) const {
  std::string out;
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + http::PercentEncode(value);
  };
  add("kind", kind);
  add("class", behaviour_class);
  add("category", category);
  add("from", from ? FormatDate(*from) : "");
  add("to", to ? FormatDate(*to) : "");
  add("page", p > 1 ? std::to_string(p) : "");
  return out;
}

PupilRecordQuery ChronologyFilter::ToQuery(long long pupil_id) const {
  PupilRecordQuery q;
  q.pupil_id = pupil_id;
  q.kind = kind;
  q.behaviour_class = behaviour_class;
  q.category = category;
  if (from) q.from = LondonInstant(*from, 0);
  if (to) q.to = LondonInstant(date::sys_days(*to) + date::days{1}, 0);
  return q;
}

std::string ChronologyFilter::RangeWords() const {
  if (from && to) return "From " + DateWords(*from) + " to " + DateWords(*to);
  if (from) return "From " + DateWords(*from) + " on";
  if (to) return "Up to " + DateWords(*to);
  return "Everything recorded";
}

ChronologyFilter ReadChronologyFilter(const http::FormData& query, const policy::Policy* policy,
                                      bool restricted_reader) {
  ChronologyFilter f;
  f.kind = query.Get("kind");
  if (f.kind != "positive" && f.kind != "difficult" &&
      !(f.kind == "safeguarding" && restricted_reader)) {
    f.kind.clear();
  }
  f.behaviour_class = query.Get("class");
  const auto& classes = ClassNames();
  if (std::find(classes.begin(), classes.end(), f.behaviour_class) == classes.end()) {
    f.behaviour_class.clear();
  }
  f.category = query.Get("category");
  const policy::Category* c =
      policy && !f.category.empty() ? policy->FindCategory(f.category) : nullptr;
  if (!c || (c->safeguarding && !restricted_reader)) f.category.clear();
  auto day = [&](const char* name) -> std::optional<Date> {
    std::string text = query.Get(name);
    if (text.size() != 10) return std::nullopt;  // YYYY-MM-DD only
    auto d = ParseDate(text, name);
    if (!d.ok()) return std::nullopt;
    return *d;
  };
  f.from = day("from");
  f.to = day("to");
  if (f.from && f.to && *f.to < *f.from) std::swap(f.from, f.to);
  auto page = http::IntValue(query.Get("page"), 1, "page");
  f.page = page.ok() && *page > 1 ? *page : 1;
  return f;
}

Result<Chronology> Chronology::Load(const WebContext& ctx, const http::Request& req,
                                    long long pupil_id, const std::string& pupil_word,
                                    long long from_record_id) {
  const Principal& by = *req.principal;
  Chronology c(ctx, by.school_id, pupil_id);
  c.pupil_word_ = pupil_word;
  if (!from_record_id) return c;
  auto talks = ctx.restorative.List(by, 0, pupil_id, req.ip, from_record_id);
  if (!talks.ok()) return talks.status();
  auto no_repairs = ctx.restorative.NoRepairs(by, 0, pupil_id, req.ip);
  if (!no_repairs.ok()) return no_repairs.status();
  c.talks_ = std::move(*talks);
  c.no_repairs_ = std::move(*no_repairs);
  return c;
}

long long Chronology::LowestId(const std::vector<Incident>& records) {
  long long lowest = 0;
  for (const auto& i : records) {
    if (!lowest || i.id < lowest) lowest = i.id;
  }
  return lowest;
}

const policy::Policy* Chronology::PolicyOf(const Incident& i) {
  auto it = versions_.find(i.policy_version_id);
  if (it == versions_.end()) {
    auto loaded = ctx_->policies.ById(school_id_, i.policy_version_id);
    it = versions_.emplace(i.policy_version_id, loaded.ok() ? loaded->policy : nullptr).first;
  }
  return it->second.get();
}

const IncidentPupil* Chronology::PartOf(const Incident& i) const {
  for (const auto& p : i.pupils) {
    if (p.pupil_id == pupil_id_) return &p;
  }
  return nullptr;
}

RepairState Chronology::RepairOf(const Incident& i, Timestamp now) const {
  const IncidentPupil* part = PartOf(i);
  bool asked = part && part->role == "involved" && i.repair_due_at;
  return web::RepairOf(asked, i.repair_due_at,
                       RepairOutcomeOf(i.id, pupil_id_, talks_, no_repairs_), now, pupil_word_);
}

std::string Chronology::WhatOf(const Incident& i) {
  const policy::Policy* pol = PolicyOf(i);
  const policy::Category* c = pol ? pol->FindCategory(i.category) : nullptr;
  return c ? c->name : i.category;
}

std::string Chronology::StepOf(const Incident& i) {
  const IncidentPupil* part = PartOf(i);
  if (!part || part->step.empty()) return "";
  const policy::Policy* pol = PolicyOf(i);
  const policy::Step* s = pol ? pol->FindStep(part->step) : nullptr;
  return s ? s->name : part->step;
}

nlohmann::json Chronology::Row(const Incident& i, Timestamp now) {
  const IncidentPupil* part = PartOf(i);
  return {{"id", i.id},
          {"what", WhatOf(i)},
          {"class", ClassWords(i.behaviour_class)},
          {"class_id", i.behaviour_class},
          {"when", WhenWords(i.occurred_at, now)},
          {"when_iso", FormatUtc(i.occurred_at)},
          {"date", FormatLondon(i.occurred_at, "%a %e %b %Y, %H:%M")},
          {"role", part && part->role != "involved" ? part->role : ""},
          {"step", StepOf(i)},
          {"points", part ? Counted(part->points, "point", "points") : ""},
          {"place", i.place},
          {"recorded_by", i.recorded_by_name},
          {"behaviour", i.behaviour},
          {"closed", i.closed_at.has_value()},
          {"open", !i.closed_at && !i.tally && i.behaviour_class != "prosocial"},
          {"repair", RepairOf(i, now).words},
          {"restricted", i.restricted}};
}

}  // namespace attune::web
