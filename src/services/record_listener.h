// What IncidentService tells after a record is saved or undone, once it
// is committed: insight (services/insight_service.h) keeps count by it.
#pragma once

namespace attune {

class RecordListener {
 public:
  virtual ~RecordListener() = default;
  // Called on the request's thread: quick, never blocking on the store.
  virtual void Recorded(long long school_id, long long incident_id) = 0;
  virtual void Undone(long long school_id, long long incident_id) = 0;
};

}  // namespace attune
