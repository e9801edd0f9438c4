// A pupil's chronology as the pupil page, the chronology page, its print
// view and its CSV show it: the filters read from a query string (what is
// not understood is dropped, so a bookmarked or mistyped filter never breaks
// the page), and each record in the school's words.
//
// Thread-safety: a Chronology belongs to one request.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "model/restorative.h"
#include "storage/incident_store.h"
#include "web/context.h"
#include "web/incident_words.h"

namespace attune::web {

// The filters of a pupil's chronology.
struct ChronologyFilter {
  // "positive", "difficult" (not concerns) or "safeguarding"; "" for any.
  std::string kind;
  std::string behaviour_class;  // one of ClassNames(); "" for any
  std::string category;         // a category id of the policy in force; "" for any
  std::optional<Date> from;     // first day shown
  std::optional<Date> to;       // last day shown
  int page = 1;                 // 1 or more; the page clamps it to the last

  // The query string of these filters ("kind=positive&from=2025-09-01"),
  // with `page` when above 1; "" when nothing is chosen.
  std::string Query(int page) const;
  // The store's query: from the start of `from` to the end of `to`.
  PupilRecordQuery ToQuery(long long pupil_id) const;
  // "From 1 September 2025 to 5 December 2026", "Everything recorded"...
  std::string RangeWords() const;
};

// Reads the filters from `query`. The safeguarding kind and the policy's
// safeguarding categories are kept only when `restricted_reader` (the
// viewer may read restricted records); categories only when `policy` has
// them; dates only as YYYY-MM-DD, swapped when given the wrong way round.
ChronologyFilter ReadChronologyFilter(const http::FormData& query, const policy::Policy* policy,
                                      bool restricted_reader);

// What a pupil's records show beside themselves: the policy each was made
// under, and where the pupil's repair of it stands.
class Chronology {
 public:
  // Loads the pupil's restorative conversations and repairs that will not
  // happen (as `req`'s principal may read them) of the records from
  // `from_record_id` on (LowestId of what the page shows; 0 for none): those
  // of earlier records are neither read nor audited.
  static Result<Chronology> Load(const WebContext& ctx, const http::Request& req,
                                 long long pupil_id, const std::string& pupil_word,
                                 long long from_record_id);
  // The lowest id of `records`, 0 when there are none. Ids grow as records
  // are made, so a conversation about any of them is about a record from
  // that id on.
  static long long LowestId(const std::vector<Incident>& records);

  // The policy version record `i` was made under; null when it is gone.
  const policy::Policy* PolicyOf(const Incident& i);
  // This pupil's part in `i` (ListPupilRecords fills only that); null when none.
  const IncidentPupil* PartOf(const Incident& i) const;
  // Where this pupil's repair of `i` stands at `now`.
  RepairState RepairOf(const Incident& i, Timestamp now) const;
  // The category's name, the step's name and the class in words.
  std::string WhatOf(const Incident& i);
  std::string StepOf(const Incident& i);

  // One record for the templates: id, what, class, class_id, when (in
  // words from `now`), when_iso, date (absolute), role, step, points,
  // place, recorded_by, behaviour, closed, open, repair, restricted.
  nlohmann::json Row(const Incident& i, Timestamp now);

  const std::vector<RestorativeConversation>& conversations() const { return talks_; }

 private:
  Chronology(const WebContext& ctx, long long school_id, long long pupil_id)
      : ctx_(&ctx), school_id_(school_id), pupil_id_(pupil_id) {}
  const WebContext* ctx_;
  long long school_id_;
  long long pupil_id_;
  std::string pupil_word_;
  std::vector<RestorativeConversation> talks_;
  std::vector<NoRepair> no_repairs_;
  std::map<long long, std::shared_ptr<const policy::Policy>> versions_;
};

}  // namespace attune::web
