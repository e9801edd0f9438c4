// The [[oidc]] tables of attune.toml (core/oidc_config.h, decision 0031):
// read, secrets from the environment, and each mistake named with what to
// write instead.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/config.h"

namespace attune {
namespace {

class OidcConfigTest : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(path_); }
  // `text` written to a file and read as the configuration.
  Status Load(const std::string& text) {
    std::ofstream(path_) << text;
    config_ = Config{};
    ATTUNE_RETURN_IF_ERROR(LoadConfigFile(path_, true, config_));
    ATTUNE_RETURN_IF_ERROR(LoadConfigEnvironment(config_));
    return ValidateConfig(config_);
  }
  std::string path_ = (std::filesystem::temp_directory_path() /
                       ("attune-oidc-" + std::to_string(::getpid()) + ".toml"))
                          .string();
  Config config_;
};

const char* kTwoProviders = R"(
port = 8081
[[oidc]]
id = "microsoft"
name = "Microsoft"
issuer = "https://login.microsoftonline.com/6f1c0b2e-0000-4000-8000-000000000001/v2.0"
client_id = "a1b2"
client_secret = "from-the-file"
email_domains = ["demo.attune.school"]

[[oidc]]
id = "google"
name = "Google"
issuer = "https://accounts.google.com"
client_id = "g.apps.googleusercontent.com"
client_secret = "g-secret"
)";

TEST_F(OidcConfigTest, ReadsEveryProviderInOrder) {
  ASSERT_TRUE(Load(kTwoProviders).ok());
  EXPECT_EQ(config_.port, 8081);
  ASSERT_EQ(config_.oidc.size(), 2u);
  EXPECT_EQ(config_.oidc[0].id, "microsoft");
  EXPECT_EQ(config_.oidc[0].name, "Microsoft");
  EXPECT_EQ(config_.oidc[0].client_secret, "from-the-file");
  EXPECT_EQ(config_.oidc[0].email_domains, std::vector<std::string>{"demo.attune.school"});
  EXPECT_EQ(config_.oidc[1].issuer, "https://accounts.google.com");
  EXPECT_TRUE(config_.oidc[1].email_domains.empty());
  EXPECT_TRUE(Config{}.oidc.empty());  // Default: passwords only
}

TEST_F(OidcConfigTest, TheSecretMayComeFromTheEnvironment) {
  EXPECT_EQ(OidcSecretVariable("entra-staff"), "ATTUNE_OIDC_ENTRA_STAFF_CLIENT_SECRET");
  setenv("ATTUNE_OIDC_MICROSOFT_CLIENT_SECRET", "from-the-environment", 1);
  Status st = Load(kTwoProviders);
  unsetenv("ATTUNE_OIDC_MICROSOFT_CLIENT_SECRET");
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(config_.oidc[0].client_secret, "from-the-environment");
  EXPECT_EQ(config_.oidc[1].client_secret, "g-secret");
}

TEST_F(OidcConfigTest, NamesEachMistakeAndWhatToWrite) {
  const std::string good =
      "[[oidc]]\nid = \"google\"\nname = \"Google\"\nissuer = \"https://accounts.google.com\"\n"
      "client_id = \"c\"\nclient_secret = \"s\"\n";
  ASSERT_TRUE(Load(good).ok());
  struct Case {
    std::string from, to, field, words;
  };
  const Case cases[] = {
      {"id = \"google\"", "id = \"Google!\"", "oidc.id", "lower-case letters"},
      {"https://accounts.google.com", "http://accounts.google.com", "oidc.google.issuer",
       "https address"},
      {"client_secret = \"s\"\n", "", "oidc.google.client_secret",
       "ATTUNE_OIDC_GOOGLE_CLIENT_SECRET"},
      {"client_id = \"c\"\n", "", "oidc.google.client_id", "client_id is missing"},
      {"name = \"Google\"", "name = \"\"", "oidc.google.name", "Sign in with"},
      {"client_id = \"c\"", "client_id = \"c\"\nemail_domains = [\"@school\"]",
       "oidc.google.email_domains", "lower case"},
      {"client_id = \"c\"", "client_id = \"c\"\nscopes = \"openid\"", "oidc.scopes",
       "unknown option 'scopes'"},
      {"client_id = \"c\"", "client_id = 7", "oidc.client_id", "must be text"},
  };
  for (const auto& c : cases) {
    std::string text = good;
    text.replace(text.find(c.from), c.from.size(), c.to);
    Status st = Load(text);
    EXPECT_FALSE(st.ok()) << c.to;
    EXPECT_EQ(st.field(), c.field) << c.to;
    EXPECT_NE(st.message().find(c.words), std::string::npos) << st.message();
  }
  Status twice = Load(good + good);
  EXPECT_NE(twice.message().find("two [[oidc]] tables"), std::string::npos);
  Status not_tables = Load("oidc = \"google\"\n");
  EXPECT_NE(not_tables.message().find("[[oidc]]"), std::string::npos);
  EXPECT_NE(not_tables.message().find(path_), std::string::npos);
}

TEST_F(OidcConfigTest, PlainHttpOnlyToThisMachine) {
  EXPECT_TRUE(IsLoopbackHttp("http://127.0.0.1:4000/oidc"));
  EXPECT_TRUE(IsLoopbackHttp("http://localhost:4000"));
  EXPECT_TRUE(IsLoopbackHttp("http://[::1]:4000/"));
  EXPECT_FALSE(IsLoopbackHttp("http://127.0.0.1.evil.example/"));
  EXPECT_FALSE(IsLoopbackHttp("http://user@127.0.0.1/"));
  EXPECT_FALSE(IsLoopbackHttp("https://127.0.0.1/"));
  EXPECT_FALSE(IsLoopbackHttp("http://localhost.example/"));
}

}  // namespace
}  // namespace attune
