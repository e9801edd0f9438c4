#include "services/auth_service.h"

#include "core/secrets.h"
#include "services/audit.h"
#include "services/second_factor_service.h"
#include "services/text.h"

namespace attune {
namespace {

// Verifying against this keeps a wrong email as slow as a wrong password.
const std::string& DummyHash() {
  static const std::string hash = [] {
    auto h = HashPassword("attune-not-a-real-password");
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

}  // namespace

Result<SignInResult> AuthService::SignIn(const std::string& raw_email, const std::string& password,
                                         const std::string& ip, const std::string& user_agent) {
  std::string email = ToLower(Trim(raw_email));
  if (email.empty()) return Status::Invalid("Enter your email address", "email");
  if (password.empty()) return Status::Invalid("Enter your password", "password");
  if (email.size() > 254 || password.size() > 1024) {
    return Status::Unauthenticated("The email or password is not right");
  }

  Timestamp now = Now();
  // Counted as a failure before the password is checked, atomically with
  // the check of the limits; a success takes it back.
  Status begun = store_.BeginSignInAttempt(email, ip, now, now - kThrottleWindow,
                                           kMaxFailuresPerAccount, kMaxFailuresPerAddress);
  if (begun.code() == StatusCode::kTooManyRequests) {
    Audit(store_, nullptr, "sign_in_throttled", "", 0, email, ip);
    return Status::TooManyRequests(
        "Too many attempts to sign in. For your account's safety, please wait 15 minutes "
        "and try again, or ask your school's attune administrator to help.");
  }
  ATTUNE_RETURN_IF_ERROR(begun);

  auto staff = store_.FindStaffByEmail(email);
  bool known = staff.ok() && staff->active;
  bool verified = VerifyPassword(password, known ? staff->password_hash : DummyHash());
  if (!known || !verified) {
    // A parent or carer (decision 0026): their accounts are kept apart
    // from staff's, so a member of staff who is also a parent at the school
    // has two under one email, told apart by the password. A second hash
    // is checked whether or not a family account has the email, so the
    // time taken does not tell.
    auto family = store_.FindFamilyByEmail(email);
    bool family_known = family.ok() && family->active && family->HasPassword();
    bool family_verified =
        VerifyPassword(password, family_known ? family->password_hash : DummyHash());
    if (family_known && family_verified) {
      return StartSession(SessionAccount::Of(*family), "", true, ip, user_agent, now);
    }
    // A trust's or local authority's person (decision 0034), checked the
    // same way whether or not one has the email.
    auto member = store_.FindOrganisationMemberByEmail(email);
    bool member_known = member.ok() && member->active;
    if (VerifyPassword(password, member_known ? member->password_hash : DummyHash()) &&
        member_known) {
      return StartSession(SessionAccount::Of(*member), "", true, ip, user_agent, now);
    }
    Principal who;
    if (staff.ok()) {
      who.school_id = staff->school_id;
      who.staff_id = staff->id;
    } else if (family.ok()) {
      who.school_id = family->school_id;
    }
    Audit(store_, staff.ok() || family.ok() ? &who : nullptr, "sign_in_failed",
          staff.ok() ? "staff" : (family.ok() ? "family" : ""),
          staff.ok() ? staff->id : (family.ok() ? family->id : 0), email, ip);
    return Status::Unauthenticated("The email or password is not right");
  }

  ATTUNE_RETURN_IF_ERROR(store_.SignInSucceeded(email, ip));
  return StaffSignedIn(*staff, "", ip, user_agent);
}

SessionAccount SessionAccount::Of(const Staff& staff) {
  return {AccountKind::kStaff, staff.school_id, staff.id, staff.name, staff.email, staff.role};
}

SessionAccount SessionAccount::Of(const FamilyAccount& family) {
  return {AccountKind::kFamily, family.school_id, family.id,
          family.name,          family.email,     Role::kParent};
}

SessionAccount SessionAccount::Of(const OrganisationMember& member) {
  return {AccountKind::kOrganisation,
          member.organisation_id,
          member.id,
          member.name,
          member.email,
          member.role};
}

const char* SessionAccount::SubjectType() const {
  switch (kind) {
    case AccountKind::kFamily:
      return "family";
    case AccountKind::kOrganisation:
      return "organisation_member";
    case AccountKind::kStaff:
      break;
  }
  return "staff";
}

Result<SignInResult> AuthService::StaffSignedIn(const Staff& staff, const std::string& how,
                                                const std::string& ip,
                                                const std::string& user_agent) {
  return StartSession(SessionAccount::Of(staff), how, false, ip, user_agent, Now());
}

SessionRecord AuthService::NewSession(const SessionAccount& account, const std::string& ip,
                                      const std::string& user_agent, Timestamp now,
                                      std::string& raw_id) const {
  raw_id = RandomToken();
  SessionRecord session;
  session.id_hash = HashToken(raw_id);
  session.school_id = account.scope_id;
  session.staff_id = account.id;
  session.csrf_token = RandomToken();
  session.created_at = now;
  session.last_seen_at = now;
  session.expires_at = now + session_length_;
  session.ip = ip;
  session.user_agent = user_agent.substr(0, 300);
  return session;
}

Result<SignInResult> AuthService::StartSession(const SessionAccount& account,
                                               const std::string& how, bool clear_throttle,
                                               const std::string& ip, const std::string& user_agent,
                                               Timestamp now) {
  // The second step, when the account owes one (decision 0030), whichever
  // way they signed in: until it is given, the session opens only their
  // own sign-in, and not for long.
  // A family's account has none (decision 0026); both organisation roles
  // require it (decision 0034).
  SecondFactorDue due = SecondFactorDue::kNone;
  if (account.kind != AccountKind::kFamily) {
    SecondFactorHolder holder{account.kind == AccountKind::kOrganisation, account.scope_id,
                              account.id};
    auto owed = SecondFactorDueAfterPassword(store_, holder, account.role);
    if (!owed.ok()) return owed.status();
    due = *owed;
  }
  SignInResult result;
  SessionRecord session = NewSession(account, ip, user_agent, now, result.session_id);
  session.second_factor_due = due;
  if (due != SecondFactorDue::kNone) {
    session.expires_at = now + SecondFactorService::kSecondStepLength;
  }
  switch (account.kind) {
    case AccountKind::kStaff:
      ATTUNE_RETURN_IF_ERROR(store_.CreateSession(session));
      break;
    case AccountKind::kFamily:
      ATTUNE_RETURN_IF_ERROR(store_.CreateFamilySession(session));
      break;
    case AccountKind::kOrganisation:
      ATTUNE_RETURN_IF_ERROR(store_.CreateOrganisationSession(session));
      break;
  }
  if (clear_throttle) ATTUNE_RETURN_IF_ERROR(store_.SignInSucceeded(account.email, ip));
  Principal& p = result.principal;
  switch (account.kind) {
    case AccountKind::kStaff:
      p.staff_id = account.id;
      p.school_id = account.scope_id;
      break;
    case AccountKind::kFamily:
      p.family_id = account.id;
      p.school_id = account.scope_id;
      break;
    case AccountKind::kOrganisation:
      p.member_id = account.id;
      p.organisation_id = account.scope_id;
      break;
  }
  p.name = account.name;
  p.email = account.email;
  p.role = account.role;
  p.session_id_hash = session.id_hash;
  p.csrf_token = session.csrf_token;
  p.second_factor_due = due;
  if (due == SecondFactorDue::kNone) {
    Audit(store_, &p, "sign_in", account.SubjectType(), account.id, how, ip);
  } else {
    std::string asked =
        due == SecondFactorDue::kCode ? "asked for a code" : "asked to set up two-step sign-in";
    Audit(store_, &p, "sign_in.password", account.SubjectType(), account.id,
          how.empty() ? asked : how + "; " + asked, ip);
  }
  return result;
}

Result<SignInResult> AuthService::AcceptInvitation(const std::string& token,
                                                   const std::string& password,
                                                   const std::string& confirmation,
                                                   const std::string& ip,
                                                   const std::string& user_agent) {
  if (token.empty() || token.size() > 128) {
    return Status::NotFound("This invitation has been used or has run out");
  }
  ATTUNE_RETURN_IF_ERROR(CheckPasswordStrength(password, "new_password"));
  if (password != confirmation) {
    return Status::Invalid("The two passwords are not the same", "confirm_password");
  }
  Timestamp now = Now();
  // The password tells a parent's account from a member of staff's under
  // one email (SignIn): it may not be the staff one.
  auto invited = store_.FindFamilyInvitation(HashToken(token), now);
  if (!invited.ok()) return invited.status();
  ATTUNE_RETURN_IF_ERROR(NotTheStaffPassword(invited->email, password));
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  auto family = store_.AcceptFamilyInvitation(HashToken(token), *hash, now);
  if (!family.ok()) return family.status();
  // A new password ends every other sign-in and token of the account.
  ATTUNE_RETURN_IF_ERROR(store_.EndFamilySignIns(family->id, "", now));
  Principal who;
  who.school_id = family->school_id;
  who.family_id = family->id;
  who.role = Role::kParent;
  Audit(store_, &who, "family.invitation_accepted", "family", family->id, "", ip);
  return StartSession(SessionAccount::Of(*family), "", true, ip, user_agent, now);
}

Result<Principal> AuthService::Authenticate(const std::string& session_id, const std::string&,
                                            bool renew) {
  if (session_id.empty() || session_id.size() > 128) return Status::NotFound("No session");
  std::string hash = HashToken(session_id);
  Timestamp now = Now();
  Timestamp expires{};
  auto principal = store_.FindSession(hash, now, &expires);
  if (principal.status().code() == StatusCode::kNotFound) {
    principal = store_.FindFamilySession(hash, now, &expires);
  }
  if (principal.status().code() == StatusCode::kNotFound) {
    principal = store_.FindOrganisationSession(hash, now, &expires);
  }
  if (!principal.ok()) return principal.status();
  // Slide the expiry, but write at most every ten minutes of activity.
  Timestamp renewed = now + session_length_;
  // A session owing its second step is not extended (decision 0030).
  bool owes = principal->second_factor_due != SecondFactorDue::kNone;
  if (renew && !owes && renewed - expires > std::chrono::minutes(10)) {
    ATTUNE_RETURN_IF_ERROR(principal->family_id ? store_.TouchFamilySession(hash, now, renewed)
                           : principal->organisation_id
                               ? store_.TouchOrganisationSession(hash, now, renewed)
                               : store_.TouchSession(hash, now, renewed));
  }
  return principal;
}

Status AuthService::SignOut(const Principal& principal, const std::string& ip) {
  if (principal.family_id) {
    ATTUNE_RETURN_IF_ERROR(store_.DeleteFamilySession(principal.session_id_hash));
    Audit(store_, &principal, "sign_out", "family", principal.family_id, "", ip);
    return Status::Ok();
  }
  if (principal.organisation_id) {
    ATTUNE_RETURN_IF_ERROR(store_.DeleteOrganisationSession(principal.session_id_hash));
    Audit(store_, &principal, "sign_out", "organisation_member", principal.member_id, "", ip);
    return Status::Ok();
  }
  ATTUNE_RETURN_IF_ERROR(store_.DeleteSession(principal.session_id_hash));
  Audit(store_, &principal, "sign_out", "staff", principal.staff_id, "", ip);
  return Status::Ok();
}

Status AuthService::ChangePassword(const Principal& principal, const std::string& current,
                                   const std::string& replacement, const std::string& confirmation,
                                   const std::string& ip) {
  if (current.empty()) return Status::Invalid("Enter your current password", "current_password");
  // A member of staff, a parent or carer (their own account, decision
  // 0026), or a trust's or local authority's person (decision 0034).
  const AccountKind kind = principal.member_id               ? AccountKind::kOrganisation
                           : principal.role == Role::kParent ? AccountKind::kFamily
                                                             : AccountKind::kStaff;
  SessionAccount account;
  account.kind = kind;
  std::string hash_now;
  if (kind == AccountKind::kFamily) {
    auto family = store_.GetFamilyAccount(principal.school_id, principal.family_id);
    if (!family.ok()) return family.status();
    account = SessionAccount::Of(*family);
    hash_now = family->password_hash;
  } else if (kind == AccountKind::kOrganisation) {
    auto member = store_.FindOrganisationMemberByEmail(principal.email);
    if (!member.ok()) return member.status();
    if (member->id != principal.member_id) return Status::NotFound("No such account");
    account = SessionAccount::Of(*member);
    hash_now = member->password_hash;
  } else {
    auto staff = store_.GetStaff(principal.school_id, principal.staff_id);
    if (!staff.ok()) return staff.status();
    account = SessionAccount::Of(*staff);
    hash_now = staff->password_hash;
  }
  const long long id = account.id;
  if (!VerifyPassword(current, hash_now)) {
    Audit(store_, &principal, "password_change_failed", account.SubjectType(), id, "", ip);
    return Status::Invalid("Your current password is not right", "current_password");
  }
  ATTUNE_RETURN_IF_ERROR(CheckPasswordStrength(replacement, "new_password"));
  if (replacement != confirmation) {
    return Status::Invalid("The two new passwords are not the same", "confirm_password");
  }
  if (replacement == current) {
    return Status::Invalid("Choose a password different from your current one", "new_password");
  }
  // Sign-in tries the staff password first: another account's may not be it.
  if (kind != AccountKind::kStaff) {
    ATTUNE_RETURN_IF_ERROR(NotTheStaffPassword(account.email, replacement));
  }
  auto hash = HashPassword(replacement);
  if (!hash.ok()) return hash.status();
  Timestamp now = Now();
  std::string ended = "other sessions and API tokens ended";
  switch (kind) {
    case AccountKind::kFamily:
      ATTUNE_RETURN_IF_ERROR(store_.SetFamilyPassword(principal.school_id, id, *hash, now));
      ATTUNE_RETURN_IF_ERROR(store_.EndFamilySignIns(id, principal.session_id_hash, now));
      break;
    case AccountKind::kOrganisation:
      // They hold no API tokens (decision 0034).
      ATTUNE_RETURN_IF_ERROR(
          store_.SetOrganisationMemberPassword(id, *hash, principal.session_id_hash, now));
      ended = "other sessions ended";
      break;
    case AccountKind::kStaff:
      ATTUNE_RETURN_IF_ERROR(store_.RunInTransaction([&]() -> Status {
        ATTUNE_RETURN_IF_ERROR(store_.SetStaffPassword(principal.school_id, id, *hash));
        return store_.EndSignIns(id, principal.session_id_hash, now);
      }));
      break;
  }
  Audit(store_, &principal, "password_changed", account.SubjectType(), id, ended, ip);
  return Status::Ok();
}

Result<Principal> AuthService::AuthenticateToken(const std::string& token) {
  if (token.empty() || token.size() > 128) {
    return Status::Unauthenticated("Send a valid API token as 'Authorization: Bearer <token>'");
  }
  std::string hash = HashToken(token);
  auto principal = store_.FindApiToken(hash);
  if (principal.status().code() == StatusCode::kNotFound) principal = store_.FindFamilyToken(hash);
  if (!principal.ok()) {
    if (principal.status().code() == StatusCode::kNotFound) {
      return Status::Unauthenticated("That API token is not recognised or has been revoked");
    }
    return principal.status();
  }
  return principal;
}

Status AuthService::NotTheStaffPassword(const std::string& email, const std::string& password) {
  auto staff = store_.FindStaffByEmail(email);
  if (staff.ok() && VerifyPassword(password, staff->password_hash)) {
    return Status::Invalid(
        "Choose a password different from the one you use at school as staff, so that each "
        "signs you in to its own pages",
        "new_password");
  }
  return Status::Ok();
}

Result<std::string> AuthService::CreateApiToken(const std::string& raw_email,
                                                const std::string& label, bool as_family) {
  std::string email = ToLower(Trim(raw_email));
  auto staff = store_.FindStaffByEmail(email);
  if (as_family || !staff.ok() || !staff->active) {
    // A parent or carer's token reads what their pages show (decision 0026).
    auto family = store_.FindFamilyByEmail(email);
    if (!family.ok() || !family->active) {
      return Status::NotFound(
          as_family ? "No active family account signs in with " + email
                    : "No active member of staff or family account signs in with " + email);
    }
    std::string token = "att_" + RandomToken();
    ATTUNE_RETURN_IF_ERROR(
        store_.CreateFamilyToken(family->school_id, family->id, HashToken(token), label, Now()));
    Principal who;
    who.school_id = family->school_id;
    who.family_id = family->id;
    who.role = Role::kParent;
    Audit(store_, &who, "api_token_created", "family", family->id, label, "");
    return token;
  }
  std::string token = "att_" + RandomToken();
  ATTUNE_RETURN_IF_ERROR(
      store_.CreateApiToken(staff->school_id, staff->id, HashToken(token), label, Now()));
  Principal who;
  who.school_id = staff->school_id;
  who.staff_id = staff->id;
  Audit(store_, &who, "api_token_created", "staff", staff->id, label, "");
  return token;
}

Result<std::string> AuthService::IssueSignInFormToken() {
  auto secret = form_secret_.Get();
  if (!secret.ok()) return secret.status();
  std::string nonce = RandomToken();
  return nonce + "." + HashToken(nonce, *secret);
}

bool AuthService::IsSignInFormToken(const std::string& token) {
  size_t dot = token.find('.');
  if (dot == std::string::npos || token.size() > 256) return false;
  auto secret = form_secret_.Get();
  if (!secret.ok()) return false;
  std::string_view nonce(token.data(), dot);
  return ConstantTimeEquals(std::string_view(token).substr(dot + 1), HashToken(nonce, *secret));
}

}  // namespace attune
