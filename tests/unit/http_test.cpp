// Form parsing, cookies, ids from paths, routing and responses.
#include <gtest/gtest.h>

#include "http/json_body.h"
#include "http/json_writer.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/utf8.h"

namespace attune::http {
namespace {

TEST(FormData, DecodesPairsInOrder) {
  auto form = FormData::Parse("name=Ama+Boateng&role=teacher&x=%C3%A9&flag&role=dsl");
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->Get("name"), "Ama Boateng");
  EXPECT_EQ(form->Get("x"), "\xC3\xA9");
  EXPECT_TRUE(form->Has("flag"));
  EXPECT_EQ(form->GetAll("role"), (std::vector<std::string>{"teacher", "dsl"}));
  EXPECT_EQ(form->Get("missing"), "");
}

TEST(FormData, RefusesBrokenEscapesAndBadUtf8) {
  EXPECT_EQ(FormData::Parse("a=%").status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(FormData::Parse("a=%4").status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(FormData::Parse("a=%zz").status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(FormData::Parse("a=%C3").status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(FormData::Parse("a=%FF%FE").status().code(), StatusCode::kBadRequest);
  EXPECT_TRUE(FormData::Parse("a=%41").ok());
}

TEST(Request, ReadsCookiesAndFormBodies) {
  Request req;
  req.headers.emplace("cookie", "a=1; attune_session=abc; b=2");
  EXPECT_EQ(req.Cookie("attune_session"), "abc");
  EXPECT_EQ(req.Cookie("c"), "");
  req.body = "q=1";
  EXPECT_EQ(req.Form().status().code(), StatusCode::kBadRequest);  // no content type
  req.headers.emplace("content-type", "application/x-www-form-urlencoded");
  EXPECT_EQ(req.Form()->Get("q"), "1");
}

TEST(Request, ParamIdRefusesOverflowAndZero) {
  Request req;
  req.params = {"42"};
  EXPECT_EQ(*ParamId(req), 42);
  req.params = {"99999999999999999999999"};
  EXPECT_EQ(ParamId(req).status().code(), StatusCode::kNotFound);
  req.params = {"0"};
  EXPECT_FALSE(ParamId(req).ok());
}

TEST(Router, MatchesCapturesAndReportsWrongMethod) {
  Router r;
  r.Add("GET", "/pupils/([0-9]+)", Permission::kPupilsView,
        [](Request&) { return Response::Text("ok"); });
  auto found = r.Match("GET", "/pupils/12");
  ASSERT_EQ(found.kind, Router::MatchKind::kFound);
  EXPECT_EQ(found.params, std::vector<std::string>{"12"});
  EXPECT_EQ(r.Match("HEAD", "/pupils/12").kind, Router::MatchKind::kFound);
  auto wrong = r.Match("POST", "/pupils/12");
  EXPECT_EQ(wrong.kind, Router::MatchKind::kMethodNotAllowed);
  EXPECT_EQ(wrong.allow, "GET");
  EXPECT_EQ(r.Match("GET", "/pupils/12/x").kind, Router::MatchKind::kNotFound);
}

TEST(Response, RedirectStaysOnSite) {
  EXPECT_EQ(Response::Redirect("/pupils").GetHeader("Location"), "/pupils");
  EXPECT_EQ(Response::Redirect("//evil.example").GetHeader("Location"), "/");
  EXPECT_EQ(Response::Redirect("https://evil.example").GetHeader("Location"), "/");
}

TEST(JsonBody, ExplainsWhatIsWrong) {
  Request req;
  req.headers.emplace("content-type", "application/json");
  req.body = "{\"a\": ";
  auto bad = JsonObjectBody(req);
  EXPECT_EQ(bad.status().code(), StatusCode::kBadRequest);
  EXPECT_NE(bad.status().message().find("not valid JSON"), std::string::npos);
  req.body = "[1]";
  EXPECT_EQ(JsonObjectBody(req).status().code(), StatusCode::kBadRequest);
  req.body = "{\"name\": 3}";
  auto ok = JsonObjectBody(req);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(StringMember(*ok, "name").status().field(), "name");
}

TEST(JsonBody, RefusesEveryKindOfBadJsonWithA400SayingWhat) {
  auto message = [](std::string_view text) {
    auto parsed = ParseJsonObject(text);
    EXPECT_EQ(parsed.status().code(), StatusCode::kBadRequest) << text;
    return parsed.status().message();
  };
  // Issue 10 item 10: a number out of range was a 500 on every JSON route.
  EXPECT_NE(message("{\"x\":1e999999}").find("1e999999 is too large"), std::string::npos);
  EXPECT_NE(message("{\"x\":-1e999999}").find("too large"), std::string::npos);
  EXPECT_NE(message("{\"name\":\"Caf\xE9\"}").find("not valid UTF-8 text (at byte"),
            std::string::npos);
  EXPECT_NE(message("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}").find("\"c\" twice"), std::string::npos);
  EXPECT_NE(message(std::string(100000, '[') + std::string(100000, ']')).find("nested too deeply"),
            std::string::npos);
  EXPECT_NE(message("").find("empty"), std::string::npos);
  std::string deep_enough =
      std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']');
  EXPECT_TRUE(ParseJsonObject("{\"a\":" + deep_enough + "}").ok());
  // The same key in two objects is two keys.
  EXPECT_TRUE(ParseJsonObject("{\"a\":{\"k\":1},\"b\":{\"k\":2}}").ok());
}

TEST(JsonBody, WholeNumbersTooLargeAreInvalidNotWrapped) {
  auto body = ParseJsonObject(
      "{\"max\":9223372036854775807,\"u\":18446744073709551615,\"big\":1e300,\"f\":1.5}");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*IntMember(*body, "max"), 9223372036854775807LL);
  EXPECT_EQ(IntMember(*body, "u").status().message(), "u is too large a number");
  EXPECT_EQ(IntMember(*body, "big").status().field(), "big");
  EXPECT_EQ(IntMember(*body, "f").status().message(), "f must be a whole number");
}

TEST(JsonWriter, WritesNestedValuesThatParseBack) {
  JsonWriter w;
  w.Object().Int("id", 7).StringOrNull("step", "").String("name", "Zoë \"Z\" O'Neil");
  w.Array("actions");
  w.Object().IdOrNull("staff", 0).Bool("overdue", true).End();
  w.Object().IdOrNull("staff", 12).Time("due_at", FromUnix(1795000000)).End();
  w.End().Array("empty").End().Object("also").End().End();
  auto j = nlohmann::json::parse(w.Take());
  EXPECT_EQ(j["id"], 7);
  EXPECT_TRUE(j["step"].is_null());
  EXPECT_EQ(j["name"], "Zoë \"Z\" O'Neil");
  ASSERT_EQ(j["actions"].size(), 2u);
  EXPECT_TRUE(j["actions"][0]["staff"].is_null());
  EXPECT_EQ(j["actions"][0]["overdue"], true);
  EXPECT_EQ(j["actions"][1]["staff"], 12);
  EXPECT_EQ(j["actions"][1]["due_at"], FormatUtc(FromUnix(1795000000)));
  EXPECT_TRUE(j["empty"].is_array() && j["empty"].empty());
  EXPECT_TRUE(j["also"].is_object() && j["also"].empty());
}

TEST(JsonWriter, EscapesControlsAndReplacesBytesThatAreNotUtf8) {
  std::string text = "line\none\ttab\\ \x01 end";
  text += "\xC3";           // cut off
  text += " \xE2\x82\xAC";  // a euro sign, kept
  text += " \xC0\xAF";      // overlong '/'
  text += " \xED\xA0\x80";  // a surrogate
  JsonWriter w;
  w.Object().String("t", text).Members({{"n", 1}, {"s", "a\nb"}}).End();
  std::string out = w.Take();
  EXPECT_EQ(out.find('\n'), std::string::npos);
  EXPECT_NE(out.find("\\u0001"), std::string::npos);
  auto j = nlohmann::json::parse(out);  // throws when the text is not valid JSON
  std::string back = j["t"];
  EXPECT_EQ(back.substr(0, 15), "line\none\ttab\\ \x01");
  EXPECT_NE(back.find("\xE2\x82\xAC"), std::string::npos);
  EXPECT_EQ(back.find('\xC0'), std::string::npos);
  EXPECT_EQ(back.find("\xED\xA0"), std::string::npos);
  EXPECT_TRUE(ValidUtf8(back));
  EXPECT_EQ(j["n"], 1);
  EXPECT_EQ(j["s"], "a\nb");
}

TEST(Utf8, AcceptsTextAndRefusesWhatIsNot) {
  EXPECT_TRUE(ValidUtf8("plain, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x99\x82"));
  EXPECT_FALSE(ValidUtf8("\xC3"));
  EXPECT_FALSE(ValidUtf8("\xFF"));
  EXPECT_FALSE(ValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(ValidUtf8("\xED\xA0\x80"));
  EXPECT_FALSE(ValidUtf8("\xF4\x90\x80\x80"));
}

TEST(Utf8, FindsTheLineAndColumnOfTheFirstBadByte) {
  EXPECT_FALSE(FirstInvalidUtf8("caf\xC3\xA9\nline two").has_value());
  auto bad = FirstInvalidUtf8("format = 1\n\n[school]\nname = \"Caf\xE9\"\n");
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->line, 4u);
  EXPECT_EQ(bad->column, 12u);
  EXPECT_EQ(bad->byte, 0xE9);
  EXPECT_EQ(bad->offset, 32u);
  // Columns count characters, not bytes.
  auto after = FirstInvalidUtf8("\xC3\xA9\xE2\x82\xAC\xFF");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->column, 3u);
}

}  // namespace
}  // namespace attune::http
