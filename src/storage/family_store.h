// Storage of families: parents' and carers' accounts, their invitations,
// sign-ins and tokens, and what of each record reaches them (decision 0026).
// Every question about a family's records is asked for one account and
// answers only its own children's shared, unrestricted records.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/contact_log.h"
#include "model/family.h"
#include "model/mail.h"
#include "model/principal.h"
#include "storage/session_store.h"

namespace attune {

class FamilyStore {
 public:
  virtual ~FamilyStore() = default;

  // Conflict (field "email") when a family account already has the email.
  virtual Result<long long> CreateFamilyAccount(const FamilyAccount& account) = 0;
  // By lower-case email, across schools (sign-in). NotFound when none.
  virtual Result<FamilyAccount> FindFamilyByEmail(const std::string& email) = 0;
  virtual Result<FamilyAccount> GetFamilyAccount(long long school_id, long long id) = 0;
  virtual Status SetFamilyPassword(long long school_id, long long id,
                                   const std::string& password_hash, Timestamp at) = 0;
  virtual Status SetFamilyDigest(long long school_id, long long id, bool weekly) = 0;
  // Makes contact `contact_id` of this school sign in as `family_id`.
  // NotFound when the school has no such contact.
  virtual Status LinkContact(long long school_id, long long contact_id, long long family_id) = 0;
  // Contact `contact_id` no longer signs in: returns the family account it
  // did (0 for none). NotFound when the school has no such contact.
  virtual Result<long long> UnlinkContact(long long school_id, long long contact_id) = 0;
  // The pupils whose contacts sign in as `family_id`, on roll, by name.
  virtual Result<std::vector<FamilyChild>> ListFamilyChildren(long long school_id,
                                                              long long family_id) = 0;
  // The family accounts linked to `pupil_id` (for staff: who has been invited).
  virtual Result<std::vector<FamilyAccount>> ListPupilFamilies(long long school_id,
                                                               long long pupil_id) = 0;

  virtual Status CreateFamilyInvitation(const std::string& token_hash, long long school_id,
                                        long long family_id, long long staff_id, Timestamp now,
                                        Timestamp expires_at) = 0;
  // The account an unused, unexpired invitation is for. NotFound otherwise.
  virtual Result<FamilyAccount> FindFamilyInvitation(const std::string& token_hash,
                                                     Timestamp now) = 0;
  // Uses the invitation and sets the account's password, in one
  // transaction; NotFound when it is used, expired or unknown.
  virtual Result<FamilyAccount> AcceptFamilyInvitation(const std::string& token_hash,
                                                       const std::string& password_hash,
                                                       Timestamp now) = 0;

  // Sessions and API tokens, as SessionStore's for staff; SessionRecord's
  // staff_id holds the family account's id. The principals found have
  // Role::kParent and family_id set.
  virtual Status CreateFamilySession(const SessionRecord& session) = 0;
  virtual Result<Principal> FindFamilySession(const std::string& id_hash, Timestamp now,
                                              Timestamp* expires_at) = 0;
  virtual Status TouchFamilySession(const std::string& id_hash, Timestamp now,
                                    Timestamp expires_at) = 0;
  virtual Status DeleteFamilySession(const std::string& id_hash) = 0;
  // Deletes the account's sessions but `keep_id_hash` and revokes its tokens.
  virtual Status EndFamilySignIns(long long family_id, const std::string& keep_id_hash,
                                  Timestamp now) = 0;
  virtual Status CreateFamilyToken(long long school_id, long long family_id,
                                   const std::string& token_hash, const std::string& label,
                                   Timestamp now) = 0;
  virtual Result<Principal> FindFamilyToken(const std::string& token_hash) = 0;

  // Shared, unrestricted records of `pupil_id`, newest first, if the pupil
  // is one of `family_id`'s children (empty otherwise), with the account's
  // own reply to each; older than record `before_incident` when not 0.
  virtual Result<std::vector<FamilyRecord>> ListFamilyRecords(long long school_id,
                                                              long long family_id,
                                                              long long pupil_id, int limit,
                                                              long long before_incident) = 0;
  // Calls and meetings logged with one of the account's own contacts about
  // `pupil_id`, not linked to a restricted record, newest first.
  virtual Result<std::vector<ContactLogEntry>> ListFamilyContactLog(long long school_id,
                                                                    long long family_id,
                                                                    long long pupil_id,
                                                                    int limit) = 0;
  // Records waiting for a reviewer, oldest first.
  virtual Result<std::vector<FamilyReviewItem>> ListFamilyReviews(long long school_id,
                                                                  int limit) = 0;
  // A waiting record's share decided: shared (with `words`, and its email
  // to each family who wants one at once, in the same transaction) or
  // withheld. Conflict when it is no longer waiting.
  virtual Status DecideFamilyShare(long long school_id, long long incident_id, long long pupil_id,
                                   long long staff_id, bool share, const std::string& words,
                                   const std::vector<NewMail>& mails, Timestamp at) = 0;
  // A family's thank-you to a shared note of one of its children. NotFound
  // when the note is not shared with them; Conflict when already thanked.
  virtual Status AddFamilyReply(long long school_id, long long family_id, long long incident_id,
                                long long pupil_id, const std::string& words, Timestamp at) = 0;
  // The weekly digest (decision 0026). Accounts that chose it, have a
  // password and are active, last sent one before `before` (or never).
  virtual Result<std::vector<FamilyAccount>> ListDigestFamilies(Timestamp before) = 0;
  // Records shared with `family_id` since `since`, of all its children,
  // but those already emailed to it one by one (before it chose the
  // digest), oldest first, `pupil_id` set and the child's shown first name in
  // `recorded_by`'s place kept apart: `reply` holds the first name.
  virtual Result<std::vector<FamilyRecord>> ListDigestRecords(long long school_id,
                                                              long long family_id,
                                                              Timestamp since) = 0;
  // Writes the digest email (when any) and notes it was sent at `at`, in
  // one transaction; Conflict when another process sent it since `before`.
  virtual Status RecordDigest(long long school_id, long long family_id,
                              const std::vector<NewMail>& mails, Timestamp before,
                              Timestamp at) = 0;
  // What of record `incident_id` reaches each pupil's family, by pupil name.
  virtual Result<std::vector<FamilyShareInfo>> ListIncidentShares(long long school_id,
                                                                  long long incident_id) = 0;
  // Takes a shared or waiting record back from one pupil's family: it
  // leaves their pages and its unsent emails to them are dropped, in one
  // transaction. Conflict when it is not shared or waiting.
  virtual Status WithdrawFamilyShare(long long school_id, long long incident_id, long long pupil_id,
                                     long long staff_id, Timestamp at) = 0;
  // Asks the families linked to the request's pupil for their view, with
  // `mails` telling them, in one transaction. Conflict when the section
  // has an open request already.
  virtual Result<long long> CreateFamilyViewRequest(const FamilyViewRequest& request,
                                                    const std::vector<NewMail>& mails) = 0;
  // Closes an open request of plan `plan_id`. NotFound when there is none.
  virtual Status CloseFamilyViewRequest(long long school_id, long long plan_id,
                                        long long request_id, Timestamp at) = 0;
  // A plan's requests, newest first, with every family's answer (for staff).
  virtual Result<std::vector<FamilyViewRequest>> ListPlanViewRequests(long long school_id,
                                                                      long long plan_id) = 0;
  // The requests about `pupil_id` if the pupil is one of `family_id`'s
  // children (empty otherwise): open ones, and closed ones it answered,
  // newest first, each with this account's answer only.
  virtual Result<std::vector<FamilyViewRequest>> ListFamilyViewRequests(long long school_id,
                                                                        long long family_id,
                                                                        long long pupil_id) = 0;
  // A family's answer (JSON fields), written or replaced. NotFound unless
  // the request is open and about one of the account's children.
  virtual Status SaveFamilyViewAnswer(long long school_id, long long family_id, long long pupil_id,
                                      long long request_id, const std::string& fields,
                                      Timestamp at) = 0;
  // Replies to a record, with the family member's name in `recorded_by`.
  virtual Result<std::vector<FamilyRecord>> ListFamilyReplies(long long school_id,
                                                              long long incident_id) = 0;
};

}  // namespace attune
