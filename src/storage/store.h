// The Store: one handle on the database with every record store behind it.
//
// Open one Store per process with OpenStore() and share it; it owns a pool
// of connections. Dialect code (SQLite today, PostgreSQL next) lives in a
// sub-folder; services see only these interfaces.
//
// Thread-safety: all methods are safe to call from many threads. Within
// RunInTransaction or ReadTogether, calls on the same thread share the
// transaction.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "storage/action_store.h"
#include "storage/amends_store.h"
#include "storage/audit_store.h"
#include "storage/family_store.h"
#include "storage/incident_store.h"
#include "storage/insight_store.h"
#include "storage/notification_store.h"
#include "storage/oidc_store.h"
#include "storage/organisation_store.h"
#include "storage/outbox_store.h"
#include "storage/plan_store.h"
#include "storage/policy_store.h"
#include "storage/pupil_store.h"
#include "storage/pupil_turn_store.h"
#include "storage/restorative_store.h"
#include "storage/roster_store.h"
#include "storage/school_store.h"
#include "storage/seating_store.h"
#include "storage/second_factor_store.h"
#include "storage/session_store.h"
#include "storage/staff_store.h"
#include "storage/survey_store.h"
#include "storage/training_store.h"

namespace attune {

class Store : public SchoolStore,
              public StaffStore,
              public PupilStore,
              public SessionStore,
              public SecondFactorStore,
              public AuditStore,
              public PolicyStore,
              public IncidentStore,
              public ActionStore,
              public RestorativeStore,
              public TrainingStore,
              public AmendsStore,
              public NotificationStore,
              public OutboxStore,
              public FamilyStore,
              public SeatingStore,
              public PlanStore,
              public PupilTurnStore,
              public SurveyStore,
              public RosterStore,
              public InsightStore,
              public OidcStore,
              public OrganisationStore {
 public:
  ~Store() override = default;

  // Applies every migration newer than the recorded schema version, in order,
  // each in its own transaction.
  virtual Status Migrate() = 0;
  // The highest migration applied; 0 for an empty database.
  virtual Result<int> SchemaVersion() = 0;
  // The highest migration this binary knows.
  virtual int LatestSchemaVersion() const = 0;

  // Runs `work` in one transaction: committed if it returns OK, rolled back
  // otherwise (and on exception, which is rethrown).
  virtual Status RunInTransaction(const std::function<Status()>& work) = 0;
  // Runs `work`, which only reads, with all its reads on one snapshot, so
  // they agree with each other (a decision never sees half of another
  // record's commit). Inside a transaction, joins it.
  virtual Status ReadTogether(const std::function<Status()>& work) = 0;

  // Copies the live database to `path` (SQLite online backup).
  virtual Status Backup(const std::string& path) = 0;

  // A cheap liveness check of the database.
  virtual Status Ping() = 0;
};

struct StoreOptions {
  // SQLite file path. The folder is created if missing.
  std::string path;
  // Connections kept open. Default: 8
  int pool_size = 8;
  // Milliseconds to wait on a locked database. Default: 5000
  int busy_timeout_ms = 5000;
};

// Opens (creating if needed) the database. Does not migrate.
Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options);

}  // namespace attune
