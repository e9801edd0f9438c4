// Two-step sign-in (decision 0030): RFC 6238's own test vectors through
// attune's wrapper of liboath, the sealed keys, who must use it, and the
// service against a real store: set-up, a code used once, recovery codes
// used once, throttling and a reset.
#include <gtest/gtest.h>

#include "core/secrets.h"
#include "services/auth_service.h"
#include "services/authorization.h"
#include "services/second_factor_service.h"
#include "services/staff_service.h"
#include "services/totp.h"
#include "test_store.h"

namespace attune {
namespace {

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const std::string kRfcKey = "12345678901234567890";

struct Vector {
  std::time_t at;
  const char* code;  // 8 digits, as the RFC lists them
};

const Vector kRfcVectors[] = {
    {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
    {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
};

TEST(Totp, Rfc6238TestVectorsThroughTheWrapper) {
  for (const auto& v : kRfcVectors) {
    EXPECT_EQ(TotpCode(kRfcKey, v.at, 8), v.code) << v.at;
    EXPECT_EQ(TotpMatch(kRfcKey, v.code, v.at, 0, 8), TotpStep(v.at)) << v.at;
    // Six digits, as apps show them, are the last six of the eight.
    std::string six = std::string(v.code).substr(2);
    EXPECT_EQ(TotpCode(kRfcKey, v.at), six) << v.at;
    EXPECT_EQ(TotpMatch(kRfcKey, six, v.at), TotpStep(v.at)) << v.at;
  }
  EXPECT_EQ(TotpStep(59), 1);
  EXPECT_EQ(TotpStep(1111111109), 37037036);
}

TEST(Totp, AcceptsOneStepEitherSideAndNoMore) {
  const std::time_t now = 1234567890;
  const long long step = TotpStep(now);
  for (int drift : {-1, 0, 1}) {
    std::string code = TotpCode(kRfcKey, now + drift * 30);
    EXPECT_EQ(TotpMatch(kRfcKey, code, now), step + drift) << drift;
  }
  for (int drift : {-3, -2, 2, 3}) {
    std::string code = TotpCode(kRfcKey, now + drift * 30);
    EXPECT_EQ(TotpMatch(kRfcKey, code, now), std::nullopt) << drift;
  }
}

TEST(Totp, RefusesWhatIsNotSixDigits) {
  const std::time_t now = 1234567890;
  std::string code = TotpCode(kRfcKey, now);
  EXPECT_EQ(TotpMatch(kRfcKey, code.substr(1), now), std::nullopt);
  EXPECT_EQ(TotpMatch(kRfcKey, code + "0", now), std::nullopt);
  EXPECT_EQ(TotpMatch(kRfcKey, "12345a", now), std::nullopt);
  EXPECT_EQ(TotpMatch(kRfcKey, "", now), std::nullopt);
  EXPECT_EQ(TotpMatch("another key entirely", code, now), std::nullopt);
}

TEST(Totp, KeysInBase32AsAppsTakeThem) {
  EXPECT_EQ(Base32(kRfcKey), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(Base32("f"), "MY");  // RFC 4648 section 10, padding dropped
  EXPECT_EQ(Base32("foobar"), "MZXW6YTBOI");
}

TEST(SealedSecrets, OpenOnlyWithTheirKeyAndContext) {
  ASSERT_TRUE(InitSecrets().ok());
  std::string key = RandomToken();
  std::string box = SealSecret(kRfcKey, key, "staff 1");
  EXPECT_EQ(box.find(kRfcKey), std::string::npos);
  EXPECT_NE(SealSecret(kRfcKey, key, "staff 1"), box);  // a fresh nonce each time
  auto opened = OpenSecret(box, key, "staff 1");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, kRfcKey);
  EXPECT_FALSE(OpenSecret(box, RandomToken(), "staff 1").ok());
  EXPECT_FALSE(OpenSecret(box, key, "staff 2").ok());
  std::string altered = box;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(OpenSecret(altered, key, "staff 1").ok());
  EXPECT_FALSE(OpenSecret("short", key, "staff 1").ok());
}

TEST(SecondFactorRoles, RequiredForThoseWhoReadRestrictedRecordsOrHoldTheKeys) {
  for (Role r : {Role::kPastoral, Role::kSenco, Role::kDsl, Role::kSenior, Role::kAdmin}) {
    EXPECT_TRUE(RequiresSecondFactor(r)) << RoleName(r);
  }
  for (Role r : {Role::kTeacher, Role::kSupport, Role::kParent}) {
    EXPECT_FALSE(RequiresSecondFactor(r)) << RoleName(r);
  }
  // Every role that reads restricted records needs it, whatever is added.
  for (Role r : AllRoles()) {
    if (ReadsRestricted(r)) {
      EXPECT_TRUE(RequiresSecondFactor(r)) << RoleName(r);
    }
  }
}

TEST(SecondFactorRoles, ASessionOwingItsSecondStepHoldsOnlyItsOwnSignIn) {
  for (SecondFactorDue due : {SecondFactorDue::kCode, SecondFactorDue::kEnrolment}) {
    Principal p;
    p.staff_id = 1;
    p.role = Role::kSenior;
    p.second_factor_due = due;
    for (Permission perm : AllPermissions()) {
      Status st = Authorize(&p, perm);
      if (perm == Permission::kPublic || perm == Permission::kOwnSignIn) {
        EXPECT_TRUE(st.ok()) << PermissionName(perm);
      } else {
        EXPECT_EQ(st.code(), StatusCode::kUnauthenticated) << PermissionName(perm);
      }
    }
  }
}

class SecondFactorTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    dsl_id_ = Add("dsl@test.school", "Dee Esel", "dsl");
    senior_id_ = Add("head@test.school", "Hal Head", "senior");
    admin_id_ = Add("office@test.school", "Ola Office", "admin");
    teacher_id_ = Add("teacher@test.school", "Tia Teacher", "teacher");
  }
  long long Add(const char* email, const char* name, const char* role) {
    NewStaff s{email, name, role, "", "correct horse 1"};
    auto id = StaffService(*store_).AddToSchool(school_id_, s);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  // Signs in with the password only.
  Principal SignIn(AuthService& auth, const char* email) {
    auto result = auth.SignIn(email, "correct horse 1", "10.0.0.1", "test");
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    session_ = result.ok() ? result->session_id : "";
    return result.ok() ? result->principal : Principal{};
  }
  // The key of the set-up page, raw.
  std::string RawKey(const SecondFactorKey& key) {
    std::string raw;
    int bits = 0, value = 0;
    for (char c : key.base32) {
      value = (value << 5) |
              static_cast<int>(std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").find(c));
      bits += 5;
      if (bits >= 8) {
        raw += static_cast<char>((value >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return raw;
  }
  std::time_t Clock() { return ToUnix(Now()); }

  long long dsl_id_ = 0, senior_id_ = 0, admin_id_ = 0, teacher_id_ = 0;
  std::string session_;
};

TEST_F(SecondFactorTest, ADslSetsItUpThenGivesACodeOnceAndARecoveryCodeOnce) {
  AuthService auth(*store_, std::chrono::hours(12));
  SecondFactorService second(*store_, std::chrono::hours(12));

  Principal dsl = SignIn(auth, "dsl@test.school");
  EXPECT_EQ(dsl.second_factor_due, SecondFactorDue::kEnrolment);
  auto key = second.KeyToSetUp(dsl);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(second.KeyToSetUp(dsl)->base32, key->base32);  // the same key shown again
  EXPECT_EQ(key->base32.size(), 32u);                      // 160 bits
  std::string raw = RawKey(*key);
  // The key is stored sealed, never in clear.
  auto stored = store_->GetSecondFactor({false, school_id_, dsl_id_});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->pending_box.find(key->base32), std::string::npos);
  EXPECT_EQ(stored->pending_box.find(raw), std::string::npos);

  EXPECT_EQ(second.ConfirmSetUp(dsl, "000000", "10.0.0.1").status().field(), "code");
  const std::string first_code = TotpCode(raw, Clock());
  auto set_up = second.ConfirmSetUp(dsl, first_code, "10.0.0.1");
  ASSERT_TRUE(set_up.ok()) << set_up.status().ToString();
  ASSERT_EQ(set_up->codes.size(), 10u);
  ASSERT_FALSE(set_up->session.session_id.empty());
  // The session passed under a new id; the old one opens nothing now.
  EXPECT_FALSE(auth.Authenticate(session_, "10.0.0.1").ok());
  auto passed = auth.Authenticate(set_up->session.session_id, "10.0.0.1");
  ASSERT_TRUE(passed.ok());
  EXPECT_EQ(passed->second_factor_due, SecondFactorDue::kNone);
  EXPECT_EQ(second.KeyToSetUp(*passed).status().code(), StatusCode::kConflict);

  // Next sign-in: a code is asked; the code used to set up is not taken again.
  Principal again = SignIn(auth, "dsl@test.school");
  EXPECT_EQ(again.second_factor_due, SecondFactorDue::kCode);
  auto reused = second.GiveCode(again, first_code, "10.0.0.1");
  EXPECT_EQ(reused.status().code(), StatusCode::kInvalid);
  EXPECT_NE(reused.status().message().find("used already"), std::string::npos);
  auto later = second.GiveCode(again, TotpCode(raw, Clock() + 30), "10.0.0.1");
  ASSERT_TRUE(later.ok()) << later.status().ToString();

  // A recovery code, typed in capitals with spaces, signs in once.
  std::string recovery = set_up->codes[3];
  std::string typed;
  for (char c : recovery) typed += c == '-' ? ' ' : static_cast<char>(std::toupper(c));
  Principal third = SignIn(auth, "dsl@test.school");
  ASSERT_TRUE(second.GiveCode(third, typed, "10.0.0.1").ok());
  EXPECT_EQ(second.StateOf(third)->recovery_codes_left, 9);
  Principal fourth = SignIn(auth, "dsl@test.school");
  EXPECT_EQ(second.GiveCode(fourth, recovery, "10.0.0.1").status().code(), StatusCode::kInvalid);
}

TEST_F(SecondFactorTest, WrongCodesAreThrottledAsPasswordsAre) {
  AuthService auth(*store_, std::chrono::hours(12));
  SecondFactorService second(*store_, std::chrono::hours(12));
  Principal dsl = SignIn(auth, "dsl@test.school");
  std::string raw = RawKey(*second.KeyToSetUp(dsl));
  ASSERT_TRUE(second.ConfirmSetUp(dsl, TotpCode(raw, Clock()), "10.0.0.1").ok());
  Principal again = SignIn(auth, "dsl@test.school");
  std::string right = TotpCode(raw, Clock() + 30);
  std::string wrong = right == "123456" ? "654321" : "123456";
  for (int i = 0; i < SecondFactorService::kMaxWrongCodes; ++i) {
    EXPECT_EQ(second.GiveCode(again, wrong, "10.0.0.1").status().code(), StatusCode::kInvalid);
  }
  // The right code is refused too while throttled, from another address too.
  EXPECT_EQ(second.GiveCode(again, right, "10.0.0.2").status().code(),
            StatusCode::kTooManyRequests);
}

TEST_F(SecondFactorTest, ATeacherIsNotAskedAndMayChooseIt) {
  AuthService auth(*store_, std::chrono::hours(12));
  SecondFactorService second(*store_, std::chrono::hours(12));
  Principal teacher = SignIn(auth, "teacher@test.school");
  EXPECT_EQ(teacher.second_factor_due, SecondFactorDue::kNone);
  std::string raw = RawKey(*second.KeyToSetUp(teacher));
  auto set_up = second.ConfirmSetUp(teacher, TotpCode(raw, Clock()), "10.0.0.1");
  ASSERT_TRUE(set_up.ok());
  EXPECT_TRUE(set_up->session.session_id.empty());  // their session owed nothing
  EXPECT_EQ(SignIn(auth, "teacher@test.school").second_factor_due, SecondFactorDue::kCode);
}

TEST_F(SecondFactorTest, ResetOnlyByThoseWhoMayGrantTheRoleAndEndsSessions) {
  AuthService auth(*store_, std::chrono::hours(12));
  SecondFactorService second(*store_, std::chrono::hours(12));
  Principal dsl = SignIn(auth, "dsl@test.school");
  std::string raw = RawKey(*second.KeyToSetUp(dsl));
  auto set_up = second.ConfirmSetUp(dsl, TotpCode(raw, Clock()), "10.0.0.1");
  ASSERT_TRUE(set_up.ok());
  auto token = auth.CreateApiToken("dsl@test.school", "a script");
  ASSERT_TRUE(token.ok());
  auto office = PrincipalFor(*store_->GetStaff(school_id_, admin_id_));
  auto head = PrincipalFor(*store_->GetStaff(school_id_, senior_id_));
  auto self = PrincipalFor(*store_->GetStaff(school_id_, dsl_id_));

  EXPECT_EQ(second.Reset(head, dsl_id_, false, "").field(), "checked");
  EXPECT_EQ(second.Reset(office, dsl_id_, true, "").code(), StatusCode::kForbidden);
  EXPECT_EQ(second.Reset(self, dsl_id_, true, "").code(), StatusCode::kForbidden);
  ASSERT_TRUE(second.Reset(head, dsl_id_, true, "").ok());
  EXPECT_FALSE(auth.Authenticate(set_up->session.session_id, "").ok());
  EXPECT_TRUE(auth.AuthenticateToken(*token).ok());  // API tokens are not touched
  EXPECT_EQ(SignIn(auth, "dsl@test.school").second_factor_due, SecondFactorDue::kEnrolment);
  EXPECT_EQ(second.Reset(head, dsl_id_, true, "").code(), StatusCode::kConflict);
  EXPECT_EQ(second.Reset(head, 999999, true, "").code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace attune
