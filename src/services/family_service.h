// Families (issue 15, decision 0026): parents' and carers' accounts, what
// they see of their own children, and the records waiting for a member of
// staff before families see them.
//
// A parent or carer (Role::kParent) sees, of their own children only:
// records shared with the family (positive notes sent home, and what the
// policy's [families] table lets through, at once or once approved), the
// plans they take part in with their next review, and the calls and
// meetings logged with them. Never a restricted record, another child's
// name or staff's notes: a shared record carries only its words for home.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/family.h"
#include "model/incident.h"
#include "model/plan.h"
#include "model/principal.h"
#include "policy/policy.h"
#include "services/outbox_service.h"
#include "services/plan_service.h"
#include "services/policy_service.h"
#include "storage/store.h"

namespace attune {

// A plan as a family sees it.
struct FamilyPlan {
  long long id = 0;
  std::string name;    // the plan type's name in the school's words
  std::string target;  // today's target; "" for none
  // The targets agreed when it started (its form's "targets" fields), and
  // while active each day's target written this week, oldest first.
  std::vector<std::string> agreed_targets;
  std::vector<std::pair<Date, std::string>> week_targets;
  Date started_on;
  std::optional<Date> ends_on;
  std::string status;  // active, ended
  std::optional<PlanDue> next;
};

// One question of a request for the family's view: a field the policy
// gives to the parent, in the school's words.
struct FamilyViewQuestion {
  std::string field_id;
  std::string label;
  std::string help;
  std::string words;  // the family's answer so far; "" for none
};

// A request for the family's view as the family sees it.
struct FamilyView {
  FamilyViewRequest request;
  std::string plan_name;
  std::string section_title;
  std::vector<FamilyViewQuestion> questions;
  std::optional<Timestamp> answered_at;  // this account's answer
};

struct FamilyChildPage {
  FamilyChild child;
  std::vector<FamilyView> views;      // asked of them, open first
  std::vector<FamilyRecord> records;  // names filled from their policy versions
  std::vector<FamilyPlan> plans;
  std::vector<ContactLogEntry> contacts;
};

class FamilyService {
 public:
  static constexpr int kReplyMax = 280;
  // A child's page shows their newest shared records, this many.
  static constexpr size_t kRecordsShown = 100;
  static constexpr int kWordsMax = 1000;
  static constexpr std::chrono::hours kInvitationLasts{24 * 7};

  // REQUIRES: all outlive the service; `outbox` may be null (no email).
  FamilyService(Store& store, PolicyService& policies, OutboxService* outbox)
      : store_(store), policies_(policies), outbox_(outbox) {}

  // For scripts and tests (`attune parent add`): the account with `email`
  // (made, with `password`, when there is none) linked to each pupil
  // through their contact with that email, a new contact when they have
  // none. Invalid with the field for bad input.
  Result<long long> AddParent(long long school_id, const std::string& email,
                              const std::string& name, const std::string& password,
                              const std::vector<long long>& pupil_ids);

  // Invites contact `contact_id` of `pupil_id` by email: their account
  // (made when new) is linked to the pupil and an invitation link, valid
  // for kInvitationLasts, goes to the contact's address through the
  // outbox. Needs pupils.view_contacts. Audited.
  Status Invite(const Principal& by, long long pupil_id, long long contact_id,
                const std::string& ip);
  // Contact `contact_id` of `pupil_id` no longer signs in to see the pupil
  // (at once: every family question joins through the contacts); when the
  // account is left with no child, its sessions and tokens end. Needs
  // pupils.view_contacts. Audited.
  Status StopAccess(const Principal& by, long long pupil_id, long long contact_id,
                    const std::string& ip);
  // The family accounts linked to a pupil (for the contacts on their page).
  Result<std::vector<FamilyAccount>> FamiliesOf(const Principal& by, long long pupil_id);

  // A parent or carer's children.
  Result<std::vector<FamilyChild>> Children(const Principal& by);
  // One of their children's pages; NotFound for any other pupil. Its
  // records are the newest kRecordsShown, or those older than record
  // `before_incident` when not 0.
  Result<FamilyChildPage> Child(const Principal& by, long long pupil_id,
                                long long before_incident = 0);
  // One record as the family sees it; NotFound unless shared with them.
  Result<FamilyRecord> Record(const Principal& by, long long incident_id);
  // A short thank-you to a note shared with them.
  Status Reply(const Principal& by, long long pupil_id, long long incident_id,
               const std::string& words, const std::string& ip);
  Result<FamilyAccount> Account(const Principal& by);
  Status SetDigest(const Principal& by, bool weekly, const std::string& ip);

  // Records waiting for a reviewer: for staff whose role the policy names
  // in [families] reviewed_by.
  Result<std::vector<FamilyReviewItem>> Reviews(const Principal& by);
  static constexpr int kReviewLimit = 200;
  // Shares a waiting record with the pupil's family (with `words` for
  // home) or keeps it in school.
  Status Decide(const Principal& by, long long incident_id, long long pupil_id, bool share,
                const std::string& words, const std::string& ip);
  // Whether `by` may review records for families under the policy in force.
  bool MayReview(const Principal& by);

  // What of a new record reaches each involved pupil's family, and the
  // emails it causes, by the policy (decision 0026): none for a restricted
  // or safeguarding record, or a physical intervention whose notice would
  // harm the pupil; a positive note only when sent home.
  void SharesForRecord(const policy::Policy& policy, SendHome send_home, const std::string& school,
                       NewIncident& n) const;
  // The weekly digest (decision 0026): one email to each family that chose
  // it, listing what was shared with them in the last week (none when
  // nothing was), at most once in six days. Returns the emails written.
  Result<int> SendDigests(Timestamp now);
  // Whether `now` is when digests go: Friday from 15:30, London time.
  static bool IsDigestTime(Timestamp now);

  // Views from home (the WAP's "Parental View"; services/family_views.cpp).
  // The sections of `type` holding a field the policy gives to the parent
  // (view_of "parent"); none unless the plan lists the parent among its
  // participants.
  static std::vector<const policy::PlanSection*> ViewSections(const policy::Plan& type);
  // Whether `by` may ask for, or close, the family's view on section `s`
  // of `plan` (read through PlanService::Get): who may write that stage of
  // the plan, while it is active.
  static bool MayAskForView(const Principal& by, const PlanDetail& plan,
                            const policy::PlanSection& s);
  // Asks every family account linked to the plan's pupil for their view on
  // section `section_id`, by email and on their child's page. Invalid when
  // the section asks nothing of the parent or no one in the family has an
  // account; Conflict when they have been asked already. Audited.
  Status AskForView(const Principal& by, const PlanDetail& plan, const std::string& section_id,
                    const std::string& ip);
  // Closes an open request: families can no longer answer it. Audited.
  Status CloseView(const Principal& by, const PlanDetail& plan, long long request_id,
                   const std::string& ip);
  // The plan's requests with every family's answer, for staff who read it.
  Result<std::vector<FamilyViewRequest>> PlanViews(const Principal& by, const PlanDetail& plan);
  // A parent's view, by field id, on an open request about their child;
  // replaces their earlier answer. Invalid naming the field for bad
  // input; NotFound for a request not theirs or no longer open. Audited.
  Status GiveView(const Principal& by, long long pupil_id, long long request_id,
                  const std::map<std::string, std::string>& words, const std::string& ip);
  static constexpr int kViewMax = 2000;

  // What of a record reaches each pupil's family (its page, for staff who
  // read it).
  Result<std::vector<FamilyShareInfo>> SharesOf(const Principal& by, long long incident_id);
  // Whether `by` may take record `i` back from families: its recorder, or
  // a reviewer the policy names.
  bool MayWithdraw(const Principal& by, const Incident& i);
  // Takes a record back from one pupil's family (shared in error, or
  // waiting and no longer to go): it leaves their pages and its unsent
  // emails are dropped; an email already sent cannot be recalled. Audited.
  Status Withdraw(const Principal& by, long long incident_id, long long pupil_id,
                  const std::string& ip);

  // The thank-you replies to a record (its page, for staff).
  Result<std::vector<FamilyRecord>> Replies(const Principal& by, long long incident_id);

 private:
  // Forbidden unless `by` is a parent or carer's account.
  static Status ParentOnly(const Principal& by);
  // The emails telling families of a shared record of `pupil_id`.
  NewMail MailFor(const std::string& school, const std::string& first_name, long long pupil_id,
                  bool positive, const std::string& words) const;
  Result<std::string> SchoolName(long long school_id);
  // Fills `out`'s agreed and this week's targets from plan `p` of `type`.
  Status FillTargets(long long school_id, const policy::Plan& type, const PupilPlan& p,
                     FamilyPlan& out);
  // Fills each record's category and recognition names from its policy
  // version.
  void NameRecords(long long school_id, std::vector<FamilyRecord>& records);
  // The requests for the family's view of `pupil_id`, in the policy in
  // force's words, with this account's answers.
  Result<std::vector<FamilyView>> ViewsOf(const Principal& by, long long pupil_id);
  // Policy versions by id, parsed once per question about several records.
  using VersionCache = std::map<long long, std::shared_ptr<const policy::Policy>>;
  // The school's version `version_id` (from `cache` when read already);
  // null when it cannot be read.
  const policy::Policy* PolicyOf(long long school_id, long long version_id, VersionCache& cache);

  Store& store_;
  PolicyService& policies_;
  OutboxService* outbox_;
};

}  // namespace attune
