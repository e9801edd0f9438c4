// Every page action, one file each (web/<name>.cpp). Each parses its input,
// calls one service, and renders or redirects.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

http::Response Healthz(const WebContext& ctx, http::Request& req);
http::Response SignInShow(const WebContext& ctx, http::Request& req);
http::Response SignInSubmit(const WebContext& ctx, http::Request& req);
http::Response OidcSignInStart(const WebContext& ctx, http::Request& req);
http::Response OidcSignInReturn(const WebContext& ctx, http::Request& req);
http::Response SignOut(const WebContext& ctx, http::Request& req);
http::Response Home(const WebContext& ctx, http::Request& req);
http::Response PupilsIndex(const WebContext& ctx, http::Request& req);
http::Response PupilsSearch(const WebContext& ctx, http::Request& req);
http::Response PupilsExport(const WebContext& ctx, http::Request& req);
http::Response PupilShow(const WebContext& ctx, http::Request& req);
http::Response PlansIndex(const WebContext& ctx, http::Request& req);
http::Response InsightPage(const WebContext& ctx, http::Request& req);
http::Response InsightCsv(const WebContext& ctx, http::Request& req);
// GET /insight/outcomes?<the page's choices>&window=FROM,TO: the outcomes
// part of the page for the window the page worked out, asked by the page
// once shown (htmx), so the rest of it need not wait for the store.
http::Response InsightOutcomesPart(const WebContext& ctx, http::Request& req);
http::Response PlanNew(const WebContext& ctx, http::Request& req);
http::Response PlanCreate(const WebContext& ctx, http::Request& req);
http::Response PlanShow(const WebContext& ctx, http::Request& req);
http::Response PlanPrint(const WebContext& ctx, http::Request& req);
http::Response PlanEntryCreate(const WebContext& ctx, http::Request& req);
http::Response PlanReviewCreate(const WebContext& ctx, http::Request& req);
http::Response PlanSignatureCreate(const WebContext& ctx, http::Request& req);
http::Response PlanEnd(const WebContext& ctx, http::Request& req);
http::Response PupilChronology(const WebContext& ctx, http::Request& req);
http::Response PupilChronologyPrint(const WebContext& ctx, http::Request& req);
http::Response PupilChronologyCsv(const WebContext& ctx, http::Request& req);
http::Response StaffIndex(const WebContext& ctx, http::Request& req);
http::Response StaffExport(const WebContext& ctx, http::Request& req);
http::Response StaffCreate(const WebContext& ctx, http::Request& req);
http::Response StaffChangeRole(const WebContext& ctx, http::Request& req);
http::Response StaffSetActive(const WebContext& ctx, http::Request& req);
// Two-step sign-in (decision 0030): the code asked after the password,
// the member's own page (setting it up, recovery codes), and a reset by
// those who manage staff.
http::Response SignInCodeShow(const WebContext& ctx, http::Request& req);
http::Response SignInCodeSubmit(const WebContext& ctx, http::Request& req);
http::Response TwoStepShow(const WebContext& ctx, http::Request& req);
http::Response TwoStepConfirm(const WebContext& ctx, http::Request& req);
http::Response TwoStepRecoveryCodes(const WebContext& ctx, http::Request& req);
http::Response StaffTwoStepShow(const WebContext& ctx, http::Request& req);
http::Response StaffTwoStepReset(const WebContext& ctx, http::Request& req);
http::Response AccountShow(const WebContext& ctx, http::Request& req);
http::Response AccountChangePassword(const WebContext& ctx, http::Request& req);
http::Response AuditIndex(const WebContext& ctx, http::Request& req);
http::Response AuditExport(const WebContext& ctx, http::Request& req);
http::Response OurPolicy(const WebContext& ctx, http::Request& req);
// Families (decision 0026): a parent or carer's pages, their invitation,
// and staff's review of records before families see them.
http::Response FamilyHome(const WebContext& ctx, http::Request& req);
http::Response FamilyViewGive(const WebContext& ctx, http::Request& req);
http::Response FamilyShareWithdraw(const WebContext& ctx, http::Request& req);
http::Response FamilyChangePassword(const WebContext& ctx, http::Request& req);
http::Response PlanFamilyViewAsk(const WebContext& ctx, http::Request& req);
http::Response PlanFamilyViewClose(const WebContext& ctx, http::Request& req);
http::Response FamilyChildShow(const WebContext& ctx, http::Request& req);
http::Response FamilyReply(const WebContext& ctx, http::Request& req);
http::Response FamilyPolicy(const WebContext& ctx, http::Request& req);
http::Response FamilyAccountShow(const WebContext& ctx, http::Request& req);
http::Response FamilyDigest(const WebContext& ctx, http::Request& req);
http::Response FamilyWelcomeShow(const WebContext& ctx, http::Request& req);
http::Response FamilyWelcomeSubmit(const WebContext& ctx, http::Request& req);
http::Response FamilyReviews(const WebContext& ctx, http::Request& req);
http::Response FamilyReviewDecide(const WebContext& ctx, http::Request& req);
http::Response ContactInvite(const WebContext& ctx, http::Request& req);
http::Response ContactStopAccess(const WebContext& ctx, http::Request& req);
http::Response PolicyVersions(const WebContext& ctx, http::Request& req);
http::Response PolicyUploadSubmit(const WebContext& ctx, http::Request& req);
http::Response PolicyVersionShow(const WebContext& ctx, http::Request& req);
http::Response PolicyActivate(const WebContext& ctx, http::Request& req);
http::Response ActionsIndex(const WebContext& ctx, http::Request& req);
http::Response RecordsIndex(const WebContext& ctx, http::Request& req);
http::Response RecordsDownload(const WebContext& ctx, http::Request& req);
http::Response ActionsExport(const WebContext& ctx, http::Request& req);
http::Response ActionComplete(const WebContext& ctx, http::Request& req);
http::Response ActionReassign(const WebContext& ctx, http::Request& req);
http::Response ActionPassOn(const WebContext& ctx, http::Request& req);
http::Response IncidentUndo(const WebContext& ctx, http::Request& req);
http::Response ClassShow(const WebContext& ctx, http::Request& req);
http::Response ClassSeats(const WebContext& ctx, http::Request& req);
http::Response IncidentShow(const WebContext& ctx, http::Request& req);
http::Response IncidentNoticeSent(const WebContext& ctx, http::Request& req);
http::Response IncidentEscalationStart(const WebContext& ctx, http::Request& req);
http::Response IncidentEscalationDecline(const WebContext& ctx, http::Request& req);
http::Response IncidentSuspensionDecide(const WebContext& ctx, http::Request& req);
http::Response IncidentSuspensionNotice(const WebContext& ctx, http::Request& req);
http::Response AmendsCreate(const WebContext& ctx, http::Request& req);
http::Response ProfileReviews(const WebContext& ctx, http::Request& req);
http::Response TrainingIndex(const WebContext& ctx, http::Request& req);
http::Response TrainingCreate(const WebContext& ctx, http::Request& req);
// Pupil voice surveys: staff pages (surveys.manage) and the pupils' pages
// (public: a shared device, a one-time code, no sign-in).
http::Response SurveysIndex(const WebContext& ctx, http::Request& req);
http::Response SurveyNew(const WebContext& ctx, http::Request& req);
http::Response SurveyCreate(const WebContext& ctx, http::Request& req);
http::Response SurveyShow(const WebContext& ctx, http::Request& req);
http::Response SurveyRunStart(const WebContext& ctx, http::Request& req);
http::Response SurveyRunClose(const WebContext& ctx, http::Request& req);
http::Response SurveyResultsShow(const WebContext& ctx, http::Request& req);
http::Response SurveyCodeShow(const WebContext& ctx, http::Request& req);
http::Response SurveyCodeSubmit(const WebContext& ctx, http::Request& req);
http::Response SurveyAnswerSubmit(const WebContext& ctx, http::Request& req);
http::Response SurveyThanks(const WebContext& ctx, http::Request& req);
http::Response PlanPupilTurnStart(const WebContext& ctx, http::Request& req);
http::Response VoiceCodeShow(const WebContext& ctx, http::Request& req);
http::Response VoiceCodeSubmit(const WebContext& ctx, http::Request& req);
http::Response VoiceAnswerSubmit(const WebContext& ctx, http::Request& req);
http::Response VoiceThanks(const WebContext& ctx, http::Request& req);
http::Response MailOutbox(const WebContext& ctx, http::Request& req);
http::Response ImportIndex(const WebContext& ctx, http::Request& req);
http::Response ImportUpload(const WebContext& ctx, http::Request& req);
http::Response ImportShow(const WebContext& ctx, http::Request& req);
http::Response ImportApply(const WebContext& ctx, http::Request& req);
http::Response MailRetry(const WebContext& ctx, http::Request& req);
http::Response RestorativeCreate(const WebContext& ctx, http::Request& req);
http::Response RestorativeRepair(const WebContext& ctx, http::Request& req);
http::Response RestorativeNoRepair(const WebContext& ctx, http::Request& req);
http::Response ContactCreate(const WebContext& ctx, http::Request& req);
http::Response ProfileUpdate(const WebContext& ctx, http::Request& req);
http::Response RecordShow(const WebContext& ctx, http::Request& req);
http::Response RecordSearch(const WebContext& ctx, http::Request& req);
http::Response RecordPupils(const WebContext& ctx, http::Request& req);
http::Response RecordPreview(const WebContext& ctx, http::Request& req);
http::Response RecordPositive(const WebContext& ctx, http::Request& req);
http::Response RecordSubmit(const WebContext& ctx, http::Request& req);
http::Response NotificationsIndex(const WebContext& ctx, http::Request& req);
// Above schools (decision 0034): web/group_page.cpp, web/group_notices.cpp.
http::Response GroupPage(const WebContext& ctx, http::Request& req);
http::Response GroupCsv(const WebContext& ctx, http::Request& req);
http::Response GroupNotices(const WebContext& ctx, http::Request& req);
http::Response NotificationRead(const WebContext& ctx, http::Request& req);
http::Response NotificationsReadAll(const WebContext& ctx, http::Request& req);
http::Response NotificationsBadge(const WebContext& ctx, http::Request& req);

}  // namespace attune::web
