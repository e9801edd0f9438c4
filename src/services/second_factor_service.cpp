// Two-step sign-in (services/second_factor_service.h, decision 0030).
#include "services/second_factor_service.h"

#include "core/secrets.h"
#include "services/audit.h"
#include "services/auth_service.h"
#include "services/authorization.h"
#include "services/text.h"
#include "services/totp.h"

namespace attune {
namespace {

// Recovery codes: 12 characters in three groups of four, from letters and
// digits no one mistakes for another (no 0/o, 1/l/i).
constexpr std::string_view kRecoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";
constexpr size_t kRecoveryLength = 12;
// What a sealed key is sealed for, so a box is not opened as anything else.
constexpr std::string_view kKeyContext = "attune second factor key";

// What was typed, without spaces and hyphens, in lower case: "1234 56"
// and "ABCD-efgh-2345" are read as the app and the sheet show them.
std::string Typed(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

bool IsAppCode(const std::string& typed) {
  return typed.size() == kTotpDigits && typed.find_first_not_of("0123456789") == std::string::npos;
}

std::string Grouped(const std::string& code) {
  return code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8);
}

// Who puts a locked-out account right: a school's administrator, or for a
// trust's or local authority's person, whoever runs attune for them (the
// command line resets theirs).
std::string WhoHelps(const Principal& who) {
  return who.member_id ? "the person who runs attune for your organisation"
                       : "your school's attune administrator";
}

Status WrongCode() {
  return Status::Invalid(
      "That code did not work. Enter the 6-digit code your app shows now, or one of your "
      "recovery codes.",
      "code");
}

}  // namespace

SecondFactorHolder HolderOf(const Principal& who) {
  if (who.member_id) return {true, who.organisation_id, who.member_id};
  return {false, who.school_id, who.staff_id};
}

SecondFactorHolder HolderOf(const Staff& staff) { return {false, staff.school_id, staff.id}; }

const char* SubjectOf(const Principal& who) {
  return who.member_id ? "organisation_member" : "staff";
}

Result<SecondFactorDue> SecondFactorDueAfterPassword(SecondFactorStore& store,
                                                     const SecondFactorHolder& holder, Role role) {
  auto factor = store.GetSecondFactor(holder);
  if (factor.ok() && factor->Confirmed()) return SecondFactorDue::kCode;
  if (!factor.ok() && factor.status().code() != StatusCode::kNotFound) return factor.status();
  return RequiresSecondFactor(role) ? SecondFactorDue::kEnrolment : SecondFactorDue::kNone;
}

Result<SecondFactorState> SecondFactorService::StateOf(const Principal& who) {
  return StateOf(HolderOf(who), who.role);
}

Result<SecondFactorState> SecondFactorService::StateOf(long long school_id, const Staff& member) {
  return StateOf(SecondFactorHolder{false, school_id, member.id}, member.role);
}

Result<SecondFactorState> SecondFactorService::StateOf(const SecondFactorHolder& holder,
                                                       Role role) {
  SecondFactorState state;
  state.required = RequiresSecondFactor(role);
  auto factor = store_.GetSecondFactor(holder);
  if (!factor.ok() && factor.status().code() != StatusCode::kNotFound) return factor.status();
  state.on = factor.ok() && factor->Confirmed();
  if (state.on) {
    auto left = store_.RecoveryCodesLeft(holder);
    if (!left.ok()) return left.status();
    state.recovery_codes_left = *left;
  }
  return state;
}

Result<std::vector<long long>> SecondFactorService::StaffWithItOn(const Principal& by) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kStaffManage));
  return store_.StaffWithSecondFactor(by.school_id);
}

Result<SecondFactorKey> SecondFactorService::KeyToSetUp(const Principal& who) {
  auto state = StateOf(who);
  if (!state.ok()) return state.status();
  if (state->on) {
    return Status::Conflict("Two-step sign-in is already set up. To move it to a new phone, ask " +
                            WhoHelps(who) + " to reset it.");
  }
  auto key = ServerKey();
  if (!key.ok()) return key.status();
  std::string fresh = RandomBytes(kTotpKeyBytes);
  auto kept =
      store_.KeepPendingSecondFactor(HolderOf(who), SealSecret(fresh, *key, kKeyContext), Now());
  if (!kept.ok()) return kept.status();
  auto opened = OpenSecret(*kept, *key, kKeyContext);
  if (!opened.ok()) return opened.status();
  return SecondFactorKey{Base32(*opened), who.email};
}

Status SecondFactorService::BeginAttempt(const Principal& who, const std::string& ip) {
  Timestamp now = Now();
  Status begun =
      store_.BeginSecondFactorAttempt(HolderOf(who), ip, now, now - kThrottleWindow, kMaxWrongCodes,
                                      AuthService::kMaxFailuresPerAddress);
  if (begun.code() == StatusCode::kTooManyRequests) {
    Audit(store_, &who, "second_factor.throttled", SubjectOf(who), HolderOf(who).account_id, "",
          ip);
    return Status::TooManyRequests(
        "Too many codes that did not work. For your account's safety, please wait 15 minutes "
        "and try again, or ask " +
        WhoHelps(who) + " to help.");
  }
  return begun;
}

Result<RecoveryCodes> SecondFactorService::ConfirmSetUp(const Principal& who,
                                                        const std::string& raw_code,
                                                        const std::string& ip) {
  std::string code = Typed(raw_code);
  if (code.empty()) return Status::Invalid("Enter the 6-digit code your app shows", "code");
  auto factor = store_.GetSecondFactor(HolderOf(who));
  if (!factor.ok() && factor.status().code() != StatusCode::kNotFound) return factor.status();
  if (factor.ok() && factor->Confirmed()) {
    return Status::Conflict("Two-step sign-in is already set up for your account.");
  }
  if (!factor.ok() || factor->pending_box.empty()) {
    return Status::NotFound("This set-up has ended. Start again with the key shown now.");
  }
  ATTUNE_RETURN_IF_ERROR(BeginAttempt(who, ip));
  auto key = ServerKey();
  if (!key.ok()) return key.status();
  auto opened = OpenSecret(factor->pending_box, *key, kKeyContext);
  if (!opened.ok()) return opened.status();
  auto step = IsAppCode(code) ? TotpMatch(*opened, code, ToUnix(Now())) : std::nullopt;
  if (!step) {
    Audit(store_, &who, "second_factor.failed", SubjectOf(who), HolderOf(who).account_id,
          "setting up", ip);
    return Status::Invalid(
        "That code did not work. Check that your app shows attune with your email, and enter "
        "the 6 digits it shows now.",
        "code");
  }
  RecoveryCodes out;
  std::vector<std::string> hashes;
  ATTUNE_RETURN_IF_ERROR(MakeRecoveryCodes(out.codes, hashes));
  ATTUNE_RETURN_IF_ERROR(
      store_.ConfirmSecondFactor(HolderOf(who), factor->pending_box, *step, hashes, Now()));
  ATTUNE_RETURN_IF_ERROR(store_.SecondFactorWorked(HolderOf(who), ip));
  Audit(store_, &who, "second_factor.enrolled", SubjectOf(who), HolderOf(who).account_id, "", ip);
  auto passed = Pass(who);
  if (!passed.ok()) return passed.status();
  out.session = *passed;
  if (!out.session.session_id.empty()) {
    Audit(store_, &who, "sign_in", SubjectOf(who), HolderOf(who).account_id,
          "after setting up two-step sign-in", ip);
  }
  return out;
}

Result<long long> SecondFactorService::UseAppCode(const Principal& who,
                                                  const SecondFactorRecord& factor,
                                                  const std::string& code) {
  auto key = OpenKey(factor);
  if (!key.ok()) return key.status();
  auto step = TotpMatch(*key, code, ToUnix(Now()));
  if (!step) return WrongCode();
  auto fresh = store_.UseSecondFactorStep(HolderOf(who), *step);
  if (!fresh.ok()) return fresh.status();
  if (!*fresh) {
    return Status::Invalid(
        "That code has been used already. Wait for your app to show a new code, then enter "
        "that one.",
        "code");
  }
  return *step;
}

Result<std::string> SecondFactorService::OpenKey(const SecondFactorRecord& factor) {
  if (!factor.Confirmed()) return Status::NotFound("Two-step sign-in is not set up");
  auto key = ServerKey();
  if (!key.ok()) return key.status();
  return OpenSecret(factor.secret_box, *key, kKeyContext);
}

Result<PassedSession> SecondFactorService::GiveCode(const Principal& who,
                                                    const std::string& raw_code,
                                                    const std::string& ip) {
  if (who.second_factor_due == SecondFactorDue::kNone) {
    return Status::Conflict("You have signed in already.");
  }
  std::string code = Typed(raw_code);
  if (code.empty()) {
    return Status::Invalid("Enter the 6-digit code your app shows, or a recovery code", "code");
  }
  auto factor = store_.GetSecondFactor(HolderOf(who));
  if (!factor.ok() && factor.status().code() != StatusCode::kNotFound) return factor.status();
  if (!factor.ok() || !factor->Confirmed()) {
    return Status::Conflict("Two-step sign-in is not set up for your account yet.");
  }
  ATTUNE_RETURN_IF_ERROR(BeginAttempt(who, ip));
  std::string how = "with a code from their authenticator app";
  if (IsAppCode(code)) {
    auto step = UseAppCode(who, *factor, code);
    if (!step.ok()) {
      if (step.status().code() == StatusCode::kInvalid) {
        Audit(store_, &who, "second_factor.failed", SubjectOf(who), HolderOf(who).account_id,
              "signing in", ip);
      }
      return step.status();
    }
  } else {
    auto hash = RecoveryHash(code);
    if (!hash.ok()) return hash.status();
    auto used = store_.UseRecoveryCode(HolderOf(who), *hash, Now());
    if (!used.ok()) return used.status();
    if (!*used) {
      Audit(store_, &who, "second_factor.failed", SubjectOf(who), HolderOf(who).account_id,
            "signing in", ip);
      return WrongCode();
    }
    auto left = store_.RecoveryCodesLeft(HolderOf(who));
    int n = left.ok() ? *left : 0;
    how = "with a recovery code";
    Audit(store_, &who, "second_factor.recovery_code_used", SubjectOf(who),
          HolderOf(who).account_id,
          std::to_string(n) + (n == 1 ? " recovery code left" : " recovery codes left"), ip);
  }
  ATTUNE_RETURN_IF_ERROR(store_.SecondFactorWorked(HolderOf(who), ip));
  auto passed = Pass(who);
  if (!passed.ok()) return passed.status();
  Audit(store_, &who, "sign_in", SubjectOf(who), HolderOf(who).account_id, how, ip);
  return passed;
}

Result<std::vector<std::string>> SecondFactorService::NewRecoveryCodes(const Principal& who,
                                                                       const std::string& raw_code,
                                                                       const std::string& ip) {
  if (who.second_factor_due != SecondFactorDue::kNone) {
    return Status::Conflict("Finish signing in first.");
  }
  std::string code = Typed(raw_code);
  if (code.empty()) return Status::Invalid("Enter the 6-digit code your app shows", "code");
  auto factor = store_.GetSecondFactor(HolderOf(who));
  if (!factor.ok() && factor.status().code() != StatusCode::kNotFound) return factor.status();
  if (!factor.ok() || !factor->Confirmed()) {
    return Status::Conflict("Set up two-step sign-in first; it gives you recovery codes.");
  }
  ATTUNE_RETURN_IF_ERROR(BeginAttempt(who, ip));
  if (!IsAppCode(code)) {
    return Status::Invalid("Enter the 6-digit code your app shows now (not a recovery code)",
                           "code");
  }
  auto step = UseAppCode(who, *factor, code);
  if (!step.ok()) {
    if (step.status().code() == StatusCode::kInvalid) {
      Audit(store_, &who, "second_factor.failed", SubjectOf(who), HolderOf(who).account_id,
            "new recovery codes", ip);
    }
    return step.status();
  }
  ATTUNE_RETURN_IF_ERROR(store_.SecondFactorWorked(HolderOf(who), ip));
  std::vector<std::string> codes, hashes;
  ATTUNE_RETURN_IF_ERROR(MakeRecoveryCodes(codes, hashes));
  ATTUNE_RETURN_IF_ERROR(store_.ReplaceRecoveryCodes(HolderOf(who), hashes, Now()));
  Audit(store_, &who, "second_factor.recovery_codes_made", SubjectOf(who), HolderOf(who).account_id,
        "the earlier set no longer works", ip);
  return codes;
}

Status SecondFactorService::MayReset(const Principal& by, const Staff& target) {
  if (target.id == by.staff_id) {
    return Status::Forbidden(
        "You cannot reset your own two-step sign-in. Ask another member of staff who manages "
        "accounts.");
  }
  if (!MayGrantRole(by.role, target.role)) {
    return Status::Forbidden(
        std::string("Only the designated safeguarding lead or a senior leader can reset the "
                    "two-step sign-in of a ") +
        RoleLabel(target.role) + ", as only they can give that role.");
  }
  return Status::Ok();
}

Result<std::pair<Staff, SecondFactorState>> SecondFactorService::MemberState(const Principal& by,
                                                                             long long staff_id) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kStaffManage));
  auto target = store_.GetStaff(by.school_id, staff_id);
  if (!target.ok()) return target.status();
  auto state = StateOf(by.school_id, *target);
  if (!state.ok()) return state.status();
  return std::make_pair(*target, *state);
}

Status SecondFactorService::Reset(const Principal& by, long long staff_id, bool checked,
                                  const std::string& ip) {
  auto member = MemberState(by, staff_id);
  if (!member.ok()) return member.status();
  const auto& [target, state] = *member;
  // The form's own mistake first: it is what the person can put right.
  if (!checked) {
    return Status::Invalid("Tick to say you have made sure it is " + target.name + " asking",
                           "checked");
  }
  ATTUNE_RETURN_IF_ERROR(MayReset(by, target));
  if (!state.on) {
    return Status::Conflict(target.name +
                            " has not set up two-step sign-in, so there is nothing to reset.");
  }
  ATTUNE_RETURN_IF_ERROR(store_.ResetSecondFactor(HolderOf(target)));
  Audit(store_, &by, "second_factor.reset", "staff", staff_id,
        target.name + "; their sessions ended, API tokens kept", ip);
  return Status::Ok();
}

Status SecondFactorService::ResetFromCommandLine(const std::string& raw_email) {
  std::string email = ToLower(Trim(raw_email));
  // A member of staff, or else a trust's or local authority's person
  // (decision 0034), whose accounts are kept apart.
  SecondFactorHolder holder;
  Principal operator_;
  std::string name;
  Role role = Role::kTeacher;
  auto staff = store_.FindStaffByEmail(email);
  if (staff.ok() && staff->active) {
    holder = HolderOf(*staff);
    operator_.school_id = staff->school_id;
    name = staff->name;
    role = staff->role;
  } else {
    auto member = store_.FindOrganisationMemberByEmail(email);
    if (!member.ok() || !member->active) {
      return Status::NotFound("No active member of staff or organisation account signs in with " +
                              raw_email);
    }
    holder = {true, member->organisation_id, member->id};
    operator_.organisation_id = member->organisation_id;
    name = member->name;
    role = member->role;
  }
  auto state = StateOf(holder, role);
  if (!state.ok()) return state.status();
  if (!state->on) return Status::Conflict(name + " has not set up two-step sign-in");
  ATTUNE_RETURN_IF_ERROR(store_.ResetSecondFactor(holder));
  Audit(store_, &operator_, "second_factor.reset",
        holder.organisation ? "organisation_member" : "staff", holder.account_id,
        name +
            "; their sessions ended, API tokens kept; by the command line (the "
            "server's operator)",
        "");
  return Status::Ok();
}

Status SecondFactorService::MakeRecoveryCodes(std::vector<std::string>& codes,
                                              std::vector<std::string>& hashes) {
  codes.clear();
  hashes.clear();
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    std::string code = RandomCode(kRecoveryLength, kRecoveryAlphabet);
    auto hash = RecoveryHash(code);
    if (!hash.ok()) return hash.status();
    codes.push_back(Grouped(code));
    hashes.push_back(*hash);
  }
  return Status::Ok();
}

Result<std::string> SecondFactorService::RecoveryHash(const std::string& code) {
  auto key = ServerKey();
  if (!key.ok()) return key.status();
  return HashToken(code, *key);
}

Result<PassedSession> SecondFactorService::Pass(const Principal& who) {
  PassedSession passed;
  if (who.second_factor_due == SecondFactorDue::kNone) return passed;
  Timestamp now = Now();
  SessionRecord renewed;
  passed.session_id = RandomToken();
  passed.csrf_token = RandomToken();
  renewed.id_hash = HashToken(passed.session_id);
  renewed.csrf_token = passed.csrf_token;
  renewed.last_seen_at = now;
  renewed.expires_at = now + session_length_;
  ATTUNE_RETURN_IF_ERROR(store_.PassSecondFactor(HolderOf(who), who.session_id_hash, renewed));
  return passed;
}

}  // namespace attune
