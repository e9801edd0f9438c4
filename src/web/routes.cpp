// The pages' route table: every route names the permission it needs.
#include "web/handlers.h"
#include "web/site.h"

namespace attune::web {

http::Router BuildRouter(const WebContext* ctx) {
  http::Router r;
  auto bind = [ctx](http::Response (*fn)(const WebContext&, http::Request&)) {
    return [ctx, fn](http::Request& req) { return WithReadsAudited(*ctx, req, fn(*ctx, req)); };
  };
  using P = Permission;
  r.Add("GET", "/healthz", P::kPublic, bind(Healthz));
  r.Add("GET", "/sign-in", P::kPublic, bind(SignInShow));
  r.Add("POST", "/sign-in", P::kPublic, bind(SignInSubmit));
  // Signing out, and the second step of signing in (decision 0030): the
  // only routes, with the public ones, a session owing that step reaches.
  r.AddAny("POST", "/sign-out", P::kOwnSignIn, {P::kFamilyView, P::kGroupView}, bind(SignOut));
  r.Add("GET", "/sign-in/code", P::kOwnSignIn, bind(SignInCodeShow));
  r.Add("POST", "/sign-in/code", P::kOwnSignIn, bind(SignInCodeSubmit));
  r.Add("GET", "/account/two-step", P::kOwnSignIn, bind(TwoStepShow));
  r.Add("POST", "/account/two-step", P::kOwnSignIn, bind(TwoStepConfirm));
  r.Add("POST", "/account/two-step/recovery-codes", P::kOwnSignIn, bind(TwoStepRecoveryCodes));
  // Through the school's OpenID Connect provider (decision 0031).
  r.Add("GET", "/sign-in/oidc/([a-z0-9-]{1,32})", P::kPublic, bind(OidcSignInStart),
        "/sign-in/oidc/school");
  r.Add("GET", "/sign-in/oidc/([a-z0-9-]{1,32})/callback", P::kPublic, bind(OidcSignInReturn),
        "/sign-in/oidc/school/callback");
  // A parent or carer is sent on to their own home, /family; a trust's or
  // local authority's person to theirs, /group.
  r.AddAny("GET", "/", P::kSignedIn, {P::kFamilyView, P::kGroupView}, bind(Home));
  r.Add("GET", "/group", P::kGroupView, bind(GroupPage));
  r.Add("GET", "/group/export.csv", P::kGroupView, bind(GroupCsv));
  r.Add("GET", "/group/notices", P::kAuthorityNotices, bind(GroupNotices));
  r.Add("GET", "/group/account", P::kGroupView, bind(AccountShow));
  r.Add("POST", "/group/account/password", P::kGroupView, bind(AccountChangePassword));
  r.Add("GET", "/account", P::kSignedIn, bind(AccountShow));
  r.Add("POST", "/account/password", P::kSignedIn, bind(AccountChangePassword));
  r.Add("GET", "/notifications", P::kSignedIn, bind(NotificationsIndex));
  r.Add("GET", kBadgePath, P::kSignedIn, bind(NotificationsBadge));
  r.Add("POST", "/notifications/read", P::kSignedIn, bind(NotificationsReadAll));
  r.Add("POST", "/notifications/([0-9]+)/read", P::kSignedIn, bind(NotificationRead),
        "/notifications/1/read");
  r.Add("GET", "/pupils", P::kPupilsView, bind(PupilsIndex));
  r.Add("GET", "/pupils/search", P::kPupilsView, bind(PupilsSearch));
  r.Add("GET", "/pupils/export.csv", P::kPupilsView, bind(PupilsExport));
  r.Add("GET", "/pupils/reviews", P::kProfileEdit, bind(ProfileReviews));
  r.Add("GET", "/pupils/([0-9]+)", P::kPupilsView, bind(PupilShow), "/pupils/1");
  r.Add("GET", "/pupils/([0-9]+)/chronology", P::kIncidentsView, bind(PupilChronology),
        "/pupils/1/chronology");
  r.Add("GET", "/pupils/([0-9]+)/chronology/print", P::kIncidentsView, bind(PupilChronologyPrint),
        "/pupils/1/chronology/print");
  r.Add("GET", "/pupils/([0-9]+)/chronology.csv", P::kIncidentsView, bind(PupilChronologyCsv),
        "/pupils/1/chronology.csv");
  r.Add("POST", "/pupils/([0-9]+)/profile", P::kProfileEdit, bind(ProfileUpdate),
        "/pupils/1/profile");
  r.Add("GET", "/actions", P::kIncidentsView, bind(ActionsIndex));
  r.Add("GET", "/actions/export.csv", P::kIncidentsView, bind(ActionsExport));
  r.Add("POST", "/actions/([0-9]+)/complete", P::kIncidentsView, bind(ActionComplete),
        "/actions/1/complete");
  r.Add("GET", "/actions/([0-9]+)/pass-on", P::kIncidentsView, bind(ActionPassOn),
        "/actions/1/pass-on");
  r.Add("POST", "/actions/([0-9]+)/reassign", P::kIncidentsView, bind(ActionReassign),
        "/actions/1/reassign");
  r.Add("GET", "/plans", P::kPupilsView, bind(PlansIndex));
  // Every member of staff: their own recording; the school's for insight.school.
  r.Add("GET", "/insight", P::kSignedIn, bind(InsightPage));
  r.Add("GET", "/insight.csv", P::kSignedIn, bind(InsightCsv));
  r.Add("GET", "/insight/outcomes", P::kInsightSchool, bind(InsightOutcomesPart));
  r.Add("GET", "/plans/new", P::kPlansWrite, bind(PlanNew));
  r.Add("POST", "/plans", P::kPlansWrite, bind(PlanCreate));
  r.Add("GET", "/plans/([0-9]+)", P::kPupilsView, bind(PlanShow), "/plans/1");
  r.Add("GET", "/plans/([0-9]+)/print", P::kPupilsView, bind(PlanPrint), "/plans/1/print");
  r.Add("POST", "/plans/([0-9]+)/entries", P::kPlansWrite, bind(PlanEntryCreate),
        "/plans/1/entries");
  r.Add("POST", "/plans/([0-9]+)/reviews", P::kPlansWrite, bind(PlanReviewCreate),
        "/plans/1/reviews");
  r.Add("POST", "/plans/([0-9]+)/signatures", P::kPlansWrite, bind(PlanSignatureCreate),
        "/plans/1/signatures");
  r.Add("POST", "/plans/([0-9]+)/end", P::kPlansWrite, bind(PlanEnd), "/plans/1/end");
  r.Add("POST", "/plans/([0-9]+)/family-views", P::kPlansWrite, bind(PlanFamilyViewAsk),
        "/plans/1/family-views");
  r.Add("POST", "/plans/([0-9]+)/family-views/([0-9]+)/close", P::kPlansWrite,
        bind(PlanFamilyViewClose), "/plans/1/family-views/1/close");
  r.Add("POST", "/plans/([0-9]+)/pupil-turn", P::kPlansWrite, bind(PlanPupilTurnStart),
        "/plans/1/pupil-turn");
  r.Add("GET", "/records", P::kIncidentsView, bind(RecordsIndex));
  r.Add("GET", "/records.csv", P::kIncidentsView, bind(RecordsDownload));
  r.Add("GET", "/incidents/([0-9]+)", P::kIncidentsView, bind(IncidentShow), "/incidents/1");
  r.Add("POST", "/incidents/([0-9]+)/undo", P::kIncidentsRecord, bind(IncidentUndo),
        "/incidents/1/undo");
  r.Add("POST", "/incidents/([0-9]+)/parent-notice", P::kRestorativeRecord,
        bind(IncidentNoticeSent), "/incidents/1/parent-notice");
  r.Add("POST", "/incidents/([0-9]+)/escalations/([0-9]+)/start", P::kPlansManage,
        bind(IncidentEscalationStart), "/incidents/1/escalations/1/start");
  r.Add("POST", "/incidents/([0-9]+)/escalations/([0-9]+)/decline", P::kPlansManage,
        bind(IncidentEscalationDecline), "/incidents/1/escalations/1/decline");
  r.Add("POST", "/incidents/([0-9]+)/suspension", P::kSuspensionDecide,
        bind(IncidentSuspensionDecide), "/incidents/1/suspension");
  r.Add("POST", "/incidents/([0-9]+)/suspension/notice", P::kSuspensionDecide,
        bind(IncidentSuspensionNotice), "/incidents/1/suspension/notice");
  r.Add("POST", "/incidents/([0-9]+)/restorative", P::kRestorativeRecord, bind(RestorativeCreate),
        "/incidents/1/restorative");
  r.Add("POST", "/incidents/([0-9]+)/amends", P::kRestorativeRecord, bind(AmendsCreate),
        "/incidents/1/amends");
  r.Add("POST", "/restorative/([0-9]+)/repair", P::kRestorativeRecord, bind(RestorativeRepair),
        "/restorative/1/repair");
  r.Add("POST", "/incidents/([0-9]+)/no-repair", P::kNoRepairRecord, bind(RestorativeNoRepair),
        "/incidents/1/no-repair");
  r.Add("POST", "/contacts", P::kRestorativeRecord, bind(ContactCreate));
  r.Add("GET", "/record", P::kIncidentsRecord, bind(RecordShow));
  r.Add("GET", "/classes/([0-9]+)", P::kIncidentsRecord, bind(ClassShow), "/classes/1");
  r.Add("POST", "/classes/([0-9]+)/seats", P::kIncidentsRecord, bind(ClassSeats),
        "/classes/1/seats");
  r.Add("POST", "/record", P::kIncidentsRecord, bind(RecordSubmit));
  r.Add("GET", "/record/search", P::kIncidentsRecord, bind(RecordSearch));
  r.Add("GET", "/record/pupils", P::kIncidentsRecord, bind(RecordPupils));
  r.Add("POST", "/record/preview", P::kIncidentsRecord, bind(RecordPreview));
  r.Add("POST", "/record/positive", P::kIncidentsRecord, bind(RecordPositive));
  r.Add("GET", "/audit", P::kAuditView, bind(AuditIndex));
  r.Add("GET", "/audit/export.csv", P::kAuditView, bind(AuditExport));
  r.Add("GET", "/policy", P::kPolicyView, bind(OurPolicy));
  r.Add("GET", "/policies", P::kPolicyManage, bind(PolicyVersions));
  r.Add("POST", "/policies", P::kPolicyManage, bind(PolicyUploadSubmit));
  r.Add("GET", "/policies/([0-9]+)", P::kPolicyManage, bind(PolicyVersionShow), "/policies/1");
  r.Add("POST", "/policies/([0-9]+)/activate", P::kPolicyManage, bind(PolicyActivate),
        "/policies/1/activate");
  r.Add("GET", "/training", P::kPolicyManage, bind(TrainingIndex));
  r.Add("POST", "/training", P::kPolicyManage, bind(TrainingCreate));
  r.Add("GET", "/surveys", P::kSurveysManage, bind(SurveysIndex));
  r.Add("GET", "/surveys/new", P::kSurveysManage, bind(SurveyNew));
  r.Add("POST", "/surveys", P::kSurveysManage, bind(SurveyCreate));
  r.Add("GET", "/surveys/([0-9]+)", P::kSurveysManage, bind(SurveyShow), "/surveys/1");
  r.Add("POST", "/surveys/([0-9]+)/runs", P::kSurveysManage, bind(SurveyRunStart),
        "/surveys/1/runs");
  r.Add("POST", "/surveys/runs/([0-9]+)/close", P::kSurveysManage, bind(SurveyRunClose),
        "/surveys/runs/1/close");
  r.Add("GET", "/surveys/([0-9]+)/results", P::kSurveysManage, bind(SurveyResultsShow),
        "/surveys/1/results");
  // Pupils answer on a shared device with a one-time code: no sign-in.
  r.Add("GET", "/survey", P::kPublic, bind(SurveyCodeShow));
  r.Add("POST", "/survey", P::kPublic, bind(SurveyCodeSubmit));
  r.Add("POST", "/survey/answers", P::kPublic, bind(SurveyAnswerSubmit));
  r.Add("GET", "/survey/thanks", P::kPublic, bind(SurveyThanks));
  // A pupil's turn on their plan, on a shared device: no sign-in (decision 0028).
  r.Add("GET", "/voice", P::kPublic, bind(VoiceCodeShow));
  r.Add("POST", "/voice", P::kPublic, bind(VoiceCodeSubmit));
  r.Add("POST", "/voice/answers", P::kPublic, bind(VoiceAnswerSubmit));
  r.Add("GET", "/voice/thanks", P::kPublic, bind(VoiceThanks));
  r.Add("GET", "/mail", P::kMailManage, bind(MailOutbox));
  r.Add("POST", "/mail/([0-9]+)/retry", P::kMailManage, bind(MailRetry), "/mail/1/retry");
  // Families (decision 0026).
  r.Add("GET", "/family", P::kFamilyView, bind(FamilyHome));
  r.Add("GET", "/family/pupils/([0-9]+)", P::kFamilyView, bind(FamilyChildShow),
        "/family/pupils/1");
  r.Add("POST", "/family/pupils/([0-9]+)/notes/([0-9]+)/thanks", P::kFamilyView, bind(FamilyReply),
        "/family/pupils/1/notes/1/thanks");
  r.Add("POST", "/family/pupils/([0-9]+)/views/([0-9]+)", P::kFamilyView, bind(FamilyViewGive),
        "/family/pupils/1/views/1");
  r.Add("GET", "/family/policy", P::kFamilyView, bind(FamilyPolicy));
  r.Add("GET", "/family/account", P::kFamilyView, bind(FamilyAccountShow));
  r.Add("POST", "/family/account/digest", P::kFamilyView, bind(FamilyDigest));
  r.Add("POST", "/family/account/password", P::kFamilyView, bind(FamilyChangePassword));
  r.Add("GET", "/family/welcome/([A-Za-z0-9_-]{1,128})", P::kPublic, bind(FamilyWelcomeShow),
        "/family/welcome/x");
  r.Add("POST", "/family/welcome/([A-Za-z0-9_-]{1,128})", P::kPublic, bind(FamilyWelcomeSubmit),
        "/family/welcome/x");
  r.Add("GET", "/family/reviews", P::kFamilyReview, bind(FamilyReviews));
  r.Add("POST", "/incidents/([0-9]+)/family/([0-9]+)/withdraw", P::kFamilyReview,
        bind(FamilyShareWithdraw), "/incidents/1/family/1/withdraw");
  r.Add("POST", "/family/reviews/([0-9]+)/([0-9]+)", P::kFamilyReview, bind(FamilyReviewDecide),
        "/family/reviews/1/1");
  r.Add("POST", "/pupils/([0-9]+)/contacts/([0-9]+)/invite", P::kPupilsViewContacts,
        bind(ContactInvite), "/pupils/1/contacts/1/invite");
  r.Add("POST", "/pupils/([0-9]+)/contacts/([0-9]+)/stop-access", P::kPupilsViewContacts,
        bind(ContactStopAccess), "/pupils/1/contacts/1/stop-access");
  r.Add("GET", "/staff", P::kStaffManage, bind(StaffIndex));
  r.Add("GET", "/staff/export.csv", P::kStaffManage, bind(StaffExport));
  r.Add("POST", "/staff", P::kStaffManage, bind(StaffCreate));
  r.Add("POST", "/staff/([0-9]+)/role", P::kStaffManage, bind(StaffChangeRole), "/staff/1/role");
  r.Add("POST", "/staff/([0-9]+)/active", P::kStaffManage, bind(StaffSetActive), "/staff/1/active");
  r.Add("GET", "/staff/([0-9]+)/two-step", P::kStaffManage, bind(StaffTwoStepShow),
        "/staff/1/two-step");
  r.Add("POST", "/staff/([0-9]+)/two-step/reset", P::kStaffManage, bind(StaffTwoStepReset),
        "/staff/1/two-step/reset");
  // Pupils, staff and classes from the MIS (decision 0032): the office's.
  r.Add("GET", "/import", P::kMisImport, bind(ImportIndex));
  r.Add("POST", "/import", P::kMisImport, bind(ImportUpload));
  // The upload and the form around it.
  r.AllowLargerBody("POST", "/import", import::ImportService::kMaxUploadBytes + (1 << 20));
  r.Add("GET", "/import/([0-9]+)", P::kMisImport, bind(ImportShow), "/import/1");
  r.Add("POST", "/import/([0-9]+)/apply", P::kMisImport, bind(ImportApply), "/import/1/apply");
  return r;
}

}  // namespace attune::web
