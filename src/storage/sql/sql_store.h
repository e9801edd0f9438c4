// The Store on SQL, through SOCI and each dialect's own API: on SQLite (the
// default, one file) or PostgreSQL 15 (a postgresql:// URL), the same queries
// for both (decision 0033).
//
// SQLite: WAL journal, synchronous=FULL (an acknowledged write survives a
// crash), foreign keys on, busy timeout; a pool of connections so readers
// run while one writer writes. PostgreSQL: the server's own durability; the
// writing transactions follow each other as on SQLite (statement.h
// BeginWrite). Methods are spread over one .cpp per record store.
#pragma once

#include <vector>

#include "core/embedded.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/group_commit.h"
#include "storage/sql/row.h"
#include "storage/store.h"

namespace attune::sql {

// The numbered migrations for each dialect, in order (generated at build
// time from storage/migrations/<dialect>/NNNN_name.sql).
const std::vector<EmbeddedFile>& Migrations();
const std::vector<EmbeddedFile>& PostgresMigrations();

// A pupil's lower-case "first last preferred upn", kept for search as you
// type (pupil_queries.cpp).
std::string PupilSearchText(const Pupil& pupil);

// True for a postgresql:// (or postgres://) URL.
bool IsPostgresUrl(const std::string& target);

class SqlStore final : public Store {
 public:
  // `options.path` is a SQLite file or a postgresql:// URL.
  explicit SqlStore(const StoreOptions& options);
  Status Open() { return pool_.Open(); }

  // Store
  Status Migrate() override;
  Result<int> SchemaVersion() override;
  int LatestSchemaVersion() const override;
  Status RunInTransaction(const std::function<Status()>& work) override;
  Status ReadTogether(const std::function<Status()>& work) override;
  Status Backup(const std::string& path) override;
  Status Ping() override;

  // SchoolStore
  Result<long long> CreateSchool(const School& school) override;
  Result<School> GetSchool(long long id) override;
  Result<std::vector<School>> ListSchools() override;
  Result<long long> AddCalendarEntry(const CalendarEntry& entry) override;
  Result<std::vector<CalendarEntry>> ListCalendar(long long school_id) override;
  Result<long long> AddPeriod(const Period& period) override;
  Result<std::vector<Period>> ListPeriods(long long school_id) override;
  Result<long long> AddPlace(const Place& place) override;
  Result<std::vector<Place>> ListPlaces(long long school_id) override;
  Result<long long> AddForm(const Form& form) override;
  Result<std::vector<Form>> ListForms(long long school_id) override;
  Result<long long> AddTeachingGroup(const TeachingGroup& group) override;
  Result<TeachingGroup> GetTeachingGroup(long long school_id, long long id) override;
  Status AddGroupMember(long long group_id, long long pupil_id) override;
  Result<long long> AddTimetableSlot(const TimetableSlot& slot) override;
  Result<std::vector<TimetableLesson>> LessonsFor(long long school_id, long long staff_id,
                                                  int weekday) override;

  // StaffStore
  Result<long long> CreateStaff(const Staff& staff) override;
  Result<Staff> FindStaffByEmail(const std::string& email) override;
  Result<Staff> GetStaff(long long school_id, long long id) override;
  Result<std::vector<Staff>> ListStaff(long long school_id) override;
  Status UpdateStaffRole(long long school_id, long long id, Role role) override;
  Status SetStaffActive(long long school_id, long long id, bool active) override;
  Status SetStaffPassword(long long school_id, long long id,
                          const std::string& password_hash) override;
  Result<int> CountActiveWithRole(long long school_id, Role role) override;

  // PupilStore
  Result<long long> CreatePupil(const Pupil& pupil) override;
  Result<Pupil> GetPupil(long long school_id, long long id) override;
  Result<std::vector<Pupil>> SearchPupils(long long school_id, const std::string& query, int limit,
                                          int offset) override;
  Result<long long> CountPupils(long long school_id) override;
  Result<std::vector<Pupil>> ListPupils(long long school_id, const PupilFilter& filter) override;
  Result<long long> CountPupils(long long school_id, const PupilFilter& filter) override;
  Result<std::pair<int, int>> CountSen(long long school_id) override;
  Result<std::vector<PupilKind>> CountPupilKinds(long long school_id) override;
  Result<std::vector<Pupil>> GroupMembers(long long school_id, long long group_id) override;
  Result<PupilProfile> GetProfile(long long school_id, long long pupil_id) override;
  Status SaveProfile(long long school_id, const PupilProfile& profile, long long staff_id) override;
  Result<std::vector<ProfileSaved>> ListProfileSaves(long long school_id) override;
  Result<long long> AddContact(long long school_id, const Contact& contact) override;
  Result<std::vector<Contact>> ListContacts(long long school_id, long long pupil_id) override;

  // SessionStore
  Status CreateSession(const SessionRecord& session) override;
  Result<Principal> FindSession(const std::string& id_hash, Timestamp now,
                                Timestamp* expires_at) override;
  Status TouchSession(const std::string& id_hash, Timestamp now, Timestamp expires_at) override;
  Status DeleteSession(const std::string& id_hash) override;
  Status EndSignIns(long long staff_id, const std::string& keep_id_hash, Timestamp now) override;
  Status BeginSignInAttempt(const std::string& email, const std::string& ip, Timestamp now,
                            Timestamp since, int max_for_email, int max_for_ip) override;
  Status SignInSucceeded(const std::string& email, const std::string& ip) override;
  Status CreateApiToken(long long school_id, long long staff_id, const std::string& token_hash,
                        const std::string& label, Timestamp now) override;
  Result<Principal> FindApiToken(const std::string& token_hash) override;
  Result<std::string> KeptSecret(const std::string& name, const std::string& fresh) override;

  // SecondFactorStore
  Result<SecondFactorRecord> GetSecondFactor(const SecondFactorHolder& holder) override;
  Result<std::vector<long long>> StaffWithSecondFactor(long long school_id) override;
  Result<std::string> KeepPendingSecondFactor(const SecondFactorHolder& holder,
                                              const std::string& pending_box,
                                              Timestamp now) override;
  Status ConfirmSecondFactor(const SecondFactorHolder& holder, const std::string& pending_box,
                             long long step, const std::vector<std::string>& recovery_hashes,
                             Timestamp now) override;
  Result<bool> UseSecondFactorStep(const SecondFactorHolder& holder, long long step) override;
  Result<bool> UseRecoveryCode(const SecondFactorHolder& holder, const std::string& code_hash,
                               Timestamp now) override;
  Result<int> RecoveryCodesLeft(const SecondFactorHolder& holder) override;
  Status ReplaceRecoveryCodes(const SecondFactorHolder& holder,
                              const std::vector<std::string>& hashes, Timestamp now) override;
  Status ResetSecondFactor(const SecondFactorHolder& holder) override;
  Status PassSecondFactor(const SecondFactorHolder& holder, const std::string& old_id_hash,
                          const SessionRecord& renewed) override;
  Status BeginSecondFactorAttempt(const SecondFactorHolder& holder, const std::string& ip,
                                  Timestamp now, Timestamp since, int max_for_holder,
                                  int max_for_ip) override;
  Status SecondFactorWorked(const SecondFactorHolder& holder, const std::string& ip) override;

  // AuditStore
  Status AppendAudit(const AuditEntry& entry) override;
  Status AppendAuditSoon(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) override;
  Result<long long> CountAudit(const AuditQuery& query) override;

  // PolicyStore
  Result<PolicyVersion> CreatePolicyVersion(const PolicyVersion& draft,
                                            long long staff_id) override;
  Result<std::vector<PolicyVersion>> ListPolicyVersions(long long school_id) override;
  Result<PolicyVersion> GetPolicyVersion(long long school_id, long long id) override;
  Status ActivatePolicyVersion(long long school_id, long long id, Date from,
                               long long staff_id) override;
  Result<PolicyVersion> PolicyInForce(long long school_id, Date day) override;

  // IncidentStore
  Result<long long> CreateIncident(NewIncident& incident, AuditEntry audit) override;
  Result<Incident> GetIncident(long long school_id, long long id) override;
  Result<std::vector<Incident>> ListIncidents(const IncidentQuery& query) override;
  Result<std::vector<RecordHit>> SearchRecords(const IncidentQuery& query) override;
  Result<int> CountIncidents(const IncidentQuery& query) override;
  Result<std::vector<Incident>> ListPupilRecords(const PupilRecordQuery& query) override;
  Result<long long> CountPupilRecords(const PupilRecordQuery& query) override;
  Result<std::vector<PupilHistoryItem>> PupilHistory(long long school_id, long long pupil_id,
                                                     Timestamp since) override;
  Result<std::vector<HistoryExportRow>> ExportHistory(long long school_id) override;
  Status SetIncidentRepaired(long long school_id, long long id, Timestamp at) override;
  Status CloseIncident(long long school_id, long long id, Timestamp at) override;
  Status MarkParentNoticeSent(long long school_id, long long incident_id, Timestamp at) override;
  Result<long long> LastIncidentId() override;
  Status ForEachRecordFact(long long after, long long up_to,
                           const std::function<void(const RecordFact&)>& each) override;
  Status UndoIncident(long long school_id, long long id, long long staff_id,
                      Timestamp since) override;
  Result<RecordTally> TallyRecords(long long school_id, const std::string& viewer, Timestamp from,
                                   Timestamp to) override;
  Status SaveSuspension(long long school_id, long long incident_id,
                        const Suspension& suspension) override;
  Status MarkSuspensionNoticeSent(long long school_id, long long incident_id, bool parent,
                                  Timestamp at) override;
  Result<int> SuspensionDays(long long school_id, long long pupil_id, Date from, Date to,
                             long long except_incident_id) override;
  Result<std::vector<EscalationRecord>> ListEscalations(long long school_id, long long pupil_id,
                                                        long long incident_id,
                                                        const std::string& viewer) override;
  Status SetEscalationStatus(long long school_id, long long id, const std::string& status) override;

  // ActionStore
  Result<std::vector<Action>> ListActions(const ActionQuery& query) override;
  Result<ActionCounts> CountActions(const ActionQuery& query, const DueEdges& edges) override;
  Result<Action> GetAction(long long school_id, long long id) override;
  Status CompleteAction(long long school_id, long long id, long long staff_id,
                        const std::string& outcome, Timestamp at) override;
  Status ReassignAction(long long school_id, long long id, const std::string& role,
                        long long staff_id, const std::vector<NewNotice>& notices) override;
  Result<int> CountOpenActions(long long school_id, long long incident_id) override;
  Result<int> CountRepairsAwaited(long long school_id, long long incident_id) override;

  // RestorativeStore
  Result<long long> CreateRestorative(const RestorativeConversation& conversation) override;
  Result<RestorativeConversation> GetRestorative(long long school_id, long long id) override;
  Result<std::vector<RestorativeConversation>> ListRestorative(long long school_id,
                                                               long long incident_id,
                                                               long long pupil_id,
                                                               const std::string& viewer,
                                                               long long from_incident_id) override;
  Status MarkRepaired(long long school_id, long long id, Timestamp at) override;
  Status CreateNoRepair(const NoRepair& no_repair) override;
  Result<std::vector<NoRepair>> ListNoRepairs(long long school_id, long long incident_id,
                                              long long pupil_id,
                                              const std::string& viewer) override;
  Result<long long> LogContact(const ContactLogEntry& entry) override;
  Result<std::vector<ContactLogEntry>> ListContactLog(long long school_id, long long pupil_id,
                                                      long long incident_id,
                                                      const std::string& viewer) override;

  // TrainingStore
  Result<long long> AddStaffTraining(const StaffTraining& training) override;
  Result<std::vector<StaffTraining>> ListStaffTraining(long long school_id,
                                                       long long staff_id) override;

  // AmendsStore
  Result<long long> CreateAmends(const Amends& amends) override;
  Result<std::vector<Amends>> ListAmends(long long school_id, long long incident_id) override;

  // NotificationStore
  Result<std::vector<Notification>> ListNotifications(const NotificationQuery& query) override;
  Result<int> CountUnread(const NotificationQuery& query, int cap) override;
  Status MarkNotificationsRead(long long school_id, long long staff_id, long long id, Timestamp at,
                               Timestamp forget_before) override;
  // OutboxStore (outbox_queries.cpp)
  Result<int> EnqueueMail(long long school_id, const NewMail& mail, Timestamp at) override;
  Result<std::optional<OutboxMessage>> ClaimMail(Timestamp now, Timestamp lease_until,
                                                 const std::string& lease) override;
  Status MarkMailSent(long long id, const std::string& lease, Timestamp at) override;
  Status MarkMailAttemptFailed(long long id, const std::string& lease, const std::string& error,
                               std::optional<Timestamp> next_attempt) override;
  Result<std::optional<Timestamp>> NextMailDue() override;
  Result<std::vector<OutboxMessage>> ListUnsentMail(long long school_id, int limit) override;
  Status RetryMail(long long school_id, long long id, Timestamp now) override;
  // FamilyStore (family_queries.cpp)
  Result<long long> CreateFamilyAccount(const FamilyAccount& account) override;
  Result<FamilyAccount> FindFamilyByEmail(const std::string& email) override;
  Result<FamilyAccount> GetFamilyAccount(long long school_id, long long id) override;
  Status SetFamilyPassword(long long school_id, long long id, const std::string& password_hash,
                           Timestamp at) override;
  Status SetFamilyDigest(long long school_id, long long id, bool weekly) override;
  Status LinkContact(long long school_id, long long contact_id, long long family_id) override;
  Result<long long> UnlinkContact(long long school_id, long long contact_id) override;
  Result<std::vector<FamilyChild>> ListFamilyChildren(long long school_id,
                                                      long long family_id) override;
  Result<std::vector<FamilyAccount>> ListPupilFamilies(long long school_id,
                                                       long long pupil_id) override;
  Status CreateFamilyInvitation(const std::string& token_hash, long long school_id,
                                long long family_id, long long staff_id, Timestamp now,
                                Timestamp expires_at) override;
  Result<FamilyAccount> FindFamilyInvitation(const std::string& token_hash, Timestamp now) override;
  Result<FamilyAccount> AcceptFamilyInvitation(const std::string& token_hash,
                                               const std::string& password_hash,
                                               Timestamp now) override;
  Status CreateFamilySession(const SessionRecord& session) override;
  Result<Principal> FindFamilySession(const std::string& id_hash, Timestamp now,
                                      Timestamp* expires_at) override;
  Status TouchFamilySession(const std::string& id_hash, Timestamp now,
                            Timestamp expires_at) override;
  Status DeleteFamilySession(const std::string& id_hash) override;
  Status EndFamilySignIns(long long family_id, const std::string& keep_id_hash,
                          Timestamp now) override;
  Status CreateFamilyToken(long long school_id, long long family_id, const std::string& token_hash,
                           const std::string& label, Timestamp now) override;
  Result<Principal> FindFamilyToken(const std::string& token_hash) override;
  Result<std::vector<FamilyRecord>> ListFamilyRecords(long long school_id, long long family_id,
                                                      long long pupil_id, int limit,
                                                      long long before_incident) override;
  Result<std::vector<ContactLogEntry>> ListFamilyContactLog(long long school_id,
                                                            long long family_id, long long pupil_id,
                                                            int limit) override;
  Result<std::vector<FamilyReviewItem>> ListFamilyReviews(long long school_id, int limit) override;
  Status DecideFamilyShare(long long school_id, long long incident_id, long long pupil_id,
                           long long staff_id, bool share, const std::string& words,
                           const std::vector<NewMail>& mails, Timestamp at) override;
  Status AddFamilyReply(long long school_id, long long family_id, long long incident_id,
                        long long pupil_id, const std::string& words, Timestamp at) override;
  Result<std::vector<FamilyShareInfo>> ListIncidentShares(long long school_id,
                                                          long long incident_id) override;
  Status WithdrawFamilyShare(long long school_id, long long incident_id, long long pupil_id,
                             long long staff_id, Timestamp at) override;
  Result<long long> CreateFamilyViewRequest(const FamilyViewRequest& request,
                                            const std::vector<NewMail>& mails) override;
  Status CloseFamilyViewRequest(long long school_id, long long plan_id, long long request_id,
                                Timestamp at) override;
  Result<std::vector<FamilyViewRequest>> ListPlanViewRequests(long long school_id,
                                                              long long plan_id) override;
  Result<std::vector<FamilyViewRequest>> ListFamilyViewRequests(long long school_id,
                                                                long long family_id,
                                                                long long pupil_id) override;
  Status SaveFamilyViewAnswer(long long school_id, long long family_id, long long pupil_id,
                              long long request_id, const std::string& fields,
                              Timestamp at) override;
  Result<std::vector<FamilyRecord>> ListFamilyReplies(long long school_id,
                                                      long long incident_id) override;
  Result<std::vector<FamilyAccount>> ListDigestFamilies(Timestamp before) override;
  Result<std::vector<FamilyRecord>> ListDigestRecords(long long school_id, long long family_id,
                                                      Timestamp since) override;
  Status RecordDigest(long long school_id, long long family_id, const std::vector<NewMail>& mails,
                      Timestamp before, Timestamp at) override;
  // InsightStore (insight_queries.cpp)
  Result<OutcomeCounts> CountOutcomes(long long school_id, const std::vector<OutcomeMonth>& months,
                                      const std::string& viewer) override;

  // OrganisationStore (organisation_queries.cpp)
  Result<long long> CreateOrganisation(const Organisation& organisation) override;
  Result<Organisation> GetOrganisation(long long id) override;
  Result<std::vector<Organisation>> ListOrganisations() override;
  Status AttachSchool(long long organisation_id, long long school_id) override;
  Status DetachSchool(long long organisation_id, long long school_id) override;
  Status SetOrganisationMemberActive(long long member_id, bool active) override;
  Result<std::vector<School>> ListOrganisationSchools(long long organisation_id) override;
  Result<long long> CreateOrganisationMember(const OrganisationMember& member) override;
  Result<OrganisationMember> FindOrganisationMemberByEmail(const std::string& email) override;
  Result<std::vector<OrganisationMember>> ListOrganisationMembers(
      long long organisation_id) override;
  Status SetOrganisationMemberPassword(long long member_id, const std::string& password_hash,
                                       const std::string& keep_id_hash, Timestamp now) override;
  Status CreateOrganisationSession(const SessionRecord& session) override;
  Result<Principal> FindOrganisationSession(const std::string& id_hash, Timestamp now,
                                            Timestamp* expires_at) override;
  Status TouchOrganisationSession(const std::string& id_hash, Timestamp now,
                                  Timestamp expires_at) override;
  Status DeleteOrganisationSession(const std::string& id_hash) override;
  Result<std::vector<AuthorityNotice>> ListAuthorityNotices(long long organisation_id, Date from,
                                                            Date to, int limit) override;

  // PlanStore
  Result<long long> CreatePlan(const PupilPlan& plan, const PlanActions& actions) override;
  Result<PupilPlan> GetPlan(long long school_id, long long id) override;
  Result<std::vector<PupilPlan>> ListPlans(long long school_id, long long pupil_id) override;
  Result<std::vector<PlanEntry>> ListPlanEntries(long long school_id, long long plan_id) override;
  Result<long long> AddPlanEntry(const PlanEntry& entry, const PlanUpdate& update,
                                 const PlanActions& actions) override;
  Status FinishPlan(long long school_id, long long id, const std::string& outcome, Date on,
                    const std::string& end_fields, long long staff_id) override;
  Result<std::vector<PupilPlan>> ListSchoolPlans(const PlanQuery& query) override;
  Result<int> CountSchoolPlans(const PlanQuery& query) override;

  // PupilTurnStore (pupil_turn_queries.cpp)
  Result<long long> StartPupilTurn(const PupilTurn& turn, const std::string& code_hash) override;
  Result<PupilTurn> FindPupilTurn(const std::string& code_hash, Timestamp now) override;
  Result<long long> AnswerPupilTurn(const std::string& code_hash, Timestamp now,
                                    const std::string& kind, const std::string& fields) override;

  // OidcStore (oidc_queries.cpp)
  Status BeginOidcAttempt(const std::string& state_hash, const OidcAttempt& attempt,
                          Timestamp since, int max_for_ip, Timestamp forget_before) override;
  Result<OidcAttempt> UseOidcAttempt(const std::string& state_hash, Timestamp now) override;

  // SurveyStore (survey_queries.cpp)
  Result<long long> CreateSurvey(const Survey& survey) override;
  Result<std::vector<Survey>> ListSurveys(long long school_id) override;
  Result<Survey> GetSurvey(long long school_id, long long id) override;
  Result<long long> StartSurveyRun(const SurveyRun& run,
                                   const std::vector<NewSurveyCode>& codes) override;
  Result<std::vector<SurveyRun>> ListSurveyRuns(long long school_id, long long survey_id) override;
  Result<SurveyRun> GetSurveyRun(long long school_id, long long id) override;
  Status CloseSurveyRun(long long school_id, long long id, long long staff_id,
                        Timestamp at) override;
  Result<SurveyCodeFound> FindSurveyCode(const std::string& code_hash) override;
  Status SaveSurveyResponse(const std::string& code_hash, Date on,
                            const std::vector<SurveyAnswer>& answers) override;
  Result<std::vector<SurveyAnswerCount>> CountSurveyAnswers(long long school_id,
                                                            long long survey_id) override;
  Result<std::vector<SurveyWords>> ListSurveyWords(long long school_id,
                                                   long long survey_id) override;
  Status BeginSurveyCodeAttempt(const std::string& ip, Timestamp now, Timestamp since,
                                int max) override;
  Status SurveyCodeWorked(const std::string& ip) override;

  // RosterStore (roster_queries.cpp, mis_import_queries.cpp)
  Result<RosterSnapshot> ReadRoster(long long school_id) override;
  Result<std::vector<std::pair<long long, MisLink>>> ListSchoolLinks() override;
  Status SaveMisLink(long long school_id, const MisLink& link) override;
  Status UpdateSchoolDetails(long long school_id, const std::string& name,
                             const std::string& urn) override;
  Status UpdateStaffDetails(const Staff& staff) override;
  Status UpdatePupilDetails(const Pupil& pupil) override;
  Status UpdateForm(const Form& form) override;
  Status UpdateTeachingGroup(const TeachingGroup& group) override;
  Status ChangeGroupMembers(const std::vector<GroupPair>& add,
                            const std::vector<GroupPair>& remove) override;
  Status ChangeGroupTeachers(const std::vector<GroupPair>& add,
                             const std::vector<GroupPair>& remove) override;
  Result<std::vector<TeachingGroup>> GroupsTaughtBy(long long school_id,
                                                    long long staff_id) override;
  Result<long long> CreateMisImport(const MisImportRecord& record) override;
  Result<MisImportRecord> GetMisImport(long long school_id, long long id) override;
  Result<std::vector<MisImportRecord>> ListMisImports(long long school_id, int limit) override;
  Status FinishMisImport(long long school_id, long long id, const std::string& report,
                         long long staff_id, Timestamp at) override;
  Status ForgetMisExports(Timestamp before) override;

  // SeatingStore
  Result<std::vector<Seat>> SeatingPlan(long long school_id, long long group_id) override;
  Status SaveSeatingPlan(long long school_id, long long group_id, const std::vector<Seat>& seats,
                         long long staff_id) override;

 private:
  // Guard for a read: run once more on a made-again connection when the
  // server had dropped its connection, unless inside a transaction (row.h
  // GuardRead).
  template <typename F>
  auto ReadGuard(const char* what, F&& f) -> decltype(f()) {
    return GuardRead(what, pool_.CurrentTransaction() != nullptr, f);
  }
  // RunInTransaction (`write`) and ReadTogether.
  Status InTransaction(bool write, const std::function<Status()>& work);
  // Sign-in's throttle (session_queries.cpp): counts a failure for `key` of
  // `kind` and for the address `ip`, in one transaction, unless either is
  // at its limit (SessionStore::BeginSignInAttempt); and takes it back.
  Status BeginAttempt(const char* what, std::string_view kind, const std::string& key,
                      int max_for_key, const std::string& ip, int max_for_ip, Timestamp now,
                      Timestamp since);
  Status AttemptWorked(const char* what, std::string_view kind, const std::string& key,
                       const std::string& ip);
  // Fills an incident's pupils (with names).
  static Status FillIncident(soci::session& sql, Incident& incident);
  const std::vector<EmbeddedFile>& MigrationsHere() const;

  ConnectionPool pool_;
  GroupCommitter committer_;  // new incidents, passed-on actions, reads' audit
};

}  // namespace attune::sql
