// The HTTP server's reading and writing: request heads, forwarded
// addresses, multipart forms, redirect locations and response headers that
// cannot be split.
#include <gtest/gtest.h>

#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <sstream>

#include "http/dispatcher.h"
#include "http/multipart.h"
#include "http/response.h"
#include "http/url.h"
#include "http/wire.h"

namespace attune::http {
namespace {

std::string Serialise(WireResponse& wire) {
  std::ostringstream out;
  out << wire;
  return out.str();
}

TEST(Wire, ReadsAWholeRequest) {
  auto req = ParseRequestBytes(
      "POST /pupils/12%20a?q=Ama+B&page=2 HTTP/1.1\r\nHost: school\r\nX-Thing: One\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\nnote=hi",
      {});
  ASSERT_TRUE(req.ok()) << req.status().message();
  EXPECT_EQ(req->method, "POST");
  EXPECT_EQ(req->path, "/pupils/12 a");
  EXPECT_EQ(req->query.Get("q"), "Ama B");
  EXPECT_EQ(req->Header("x-thing"), "One");
  EXPECT_EQ(req->body, "note=hi");
  EXPECT_EQ(req->Form()->Get("note"), "hi");
}

TEST(Wire, ReadsChunkedBodiesWithinTheLimitOnly) {
  std::string chunked =
      "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  auto req = ParseRequestBytes(chunked, {});
  ASSERT_TRUE(req.ok());
  EXPECT_EQ(req->body, "hello world");
  RequestLimits small;
  small.body_bytes = 8;
  EXPECT_EQ(ParseRequestBytes(chunked, small).status().code(), StatusCode::kBadRequest);
  // A chunk's declared size is checked before its data arrives.
  auto huge = ParseRequestBytes(
      "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFF\r\n", {});
  EXPECT_EQ(huge.status().code(), StatusCode::kBadRequest);
  EXPECT_NE(huge.status().message().find("body limit"), std::string::npos);
}

TEST(Wire, RefusesTargetsThatAreNotPathsOrHideControlCharacters) {
  for (const char* target :
       {"http://evil.example/", "*", "/%0d%0aSet-Cookie:%20x=1", "/a%00b", "/%zz", "/%C3"}) {
    auto req = ParseRequestBytes(std::string("GET ") + target + " HTTP/1.1\r\nHost: a\r\n\r\n", {});
    EXPECT_EQ(req.status().code(), StatusCode::kBadRequest) << target;
  }
  RequestLimits small;
  small.header_bytes = 64;
  auto big = ParseRequestBytes(
      "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(100, 'b') + "\r\n\r\n", small);
  EXPECT_EQ(big.status().code(), StatusCode::kBadRequest);
}

TEST(Wire, ClientAddressIsTheOneTheTrustedProxyRecorded) {
  ProxyTrust none;
  EXPECT_EQ(ClientAddress("10.0.0.2", "1.2.3.4", none), "10.0.0.2");
  ProxyTrust one{true, 1};
  // The client wrote the left-most entries; the proxy appended the last.
  EXPECT_EQ(ClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", one), "203.0.113.9");
  EXPECT_EQ(ClientAddress("10.0.0.2", "203.0.113.9", one), "203.0.113.9");
  ProxyTrust two{true, 2};
  EXPECT_EQ(ClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", two), "203.0.113.9");
  EXPECT_EQ(ClientAddress("10.0.0.2", "203.0.113.9", two), "203.0.113.9");
  EXPECT_EQ(ClientAddress("10.0.0.2", "6.6.6.6, 2001:db8::1", one), "2001:db8::1");
  // Not an address: the peer's, never the text.
  EXPECT_EQ(ClientAddress("10.0.0.2", "6.6.6.6, <script>", one), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", "", one), "10.0.0.2");
}

TEST(Wire, ForwardedProtoIsReadFromTheSameHop) {
  auto req = ParseRequestBytes(
      "GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 1.1.1.1\r\nX-Forwarded-Proto: https\r\n\r\n",
      {});
  ASSERT_TRUE(req.ok());
  EXPECT_FALSE(req->secure);  // not trusted by ParseRequestBytes
}

TEST(Wire, NoHeaderCanSplitTheResponse) {
  Response r = Response::Html("<p>hi</p>");
  r.SetHeader("Location", "/\r\nSet-Cookie: fixed=attacker");
  r.SetHeader("X-Bad\r\nName", "v");
  r.SetHeader("X-Nul", std::string("a\0b", 3));
  r.SetHeader("X-Fine", "tab\tallowed");
  r.SetCookie("attune_pre", "abc", CookieOptions{});
  WireResponse wire;
  ToWire(std::move(r), /*head_only=*/false, /*keep_alive=*/true, wire);
  std::string text = Serialise(wire);
  EXPECT_EQ(text.find("fixed=attacker"), std::string::npos) << text;
  EXPECT_EQ(text.find("X-Bad"), std::string::npos);
  EXPECT_EQ(text.find("X-Nul"), std::string::npos);
  EXPECT_NE(text.find("X-Fine: tab\tallowed\r\n"), std::string::npos);
  EXPECT_NE(text.find("Set-Cookie: attune_pre=abc"), std::string::npos);
  EXPECT_NE(text.find("Content-Length: 9\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n\r\n<p>hi</p>"), std::string::npos);
}

TEST(Wire, HeadKeepsTheLengthAndDropsTheBody) {
  WireResponse wire;
  ToWire(Response::Text("twelve bytes"), /*head_only=*/true, false, wire);
  std::string text = Serialise(wire);
  EXPECT_NE(text.find("Content-Length: 12\r\n"), std::string::npos);
  EXPECT_EQ(text.find("twelve"), std::string::npos);
  Response odd = Response::Text("x", 42);
  ToWire(std::move(odd), false, false, wire);
  EXPECT_EQ(wire.result_int(), 500u);
}

TEST(Url, LocalPathsOnly) {
  for (const char* ok : {"/", "/pupils", "/pupils/3?tab=profile#notes", "/a-b_c.d~e/%20"}) {
    EXPECT_TRUE(IsLocalPath(ok)) << ok;
  }
  for (const char* bad :
       {"", "pupils", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\r\nSet-Cookie: x",
        "https://evil.example", "/a b", "/a\"b", "/a<b", "/\x7f"}) {
    EXPECT_FALSE(IsLocalPath(bad)) << bad;
  }
  EXPECT_EQ(Response::Redirect("/\t/evil.example").GetHeader("Location"), "/");
  EXPECT_EQ(Response::Redirect("/incidents/4#restorative").GetHeader("Location"),
            "/incidents/4#restorative");
}

TEST(Url, EncodesAndDecodes) {
  EXPECT_EQ(PercentEncode("/a b/\r\n?x=1&y"), "/a%20b/%0D%0A%3Fx%3D1%26y");
  EXPECT_EQ(*PercentDecode("a+b%2B", true), "a b+");
  EXPECT_EQ(*PercentDecode("a+b%2B", false), "a+b+");
  EXPECT_FALSE(PercentDecode("%E2%82", false).ok());
}

const char* kType = "multipart/form-data; boundary=----attuneXYZ";

TEST(Multipart, ReadsFieldsAndFiles) {
  std::string body =
      "preamble\r\n------attuneXYZ\r\n"
      "Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
      "tok\r\n------attuneXYZ\r\n"
      "Content-Disposition: form-data; name=\"policy_file\"; filename=\"p.toml\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n"
      "line one\r\nline two\r\n\r\n------attuneXYZ\r\n"
      "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
      "\r\n------attuneXYZ--\r\n";
  auto form = ParseMultipart(kType, body);
  ASSERT_TRUE(form.ok()) << form.status().message();
  EXPECT_EQ(form->Get("csrf_token"), "tok");
  EXPECT_EQ(form->Get("policy_file"), "line one\r\nline two\r\n");
  EXPECT_TRUE(form->Has("empty"));
  EXPECT_EQ(form->Get("empty"), "");
}

TEST(Multipart, SaysWhatIsWrong) {
  auto missing = ParseMultipart("multipart/form-data", "x");
  EXPECT_NE(missing.status().message().find("boundary is missing"), std::string::npos);
  auto unframed = ParseMultipart(kType, "no boundary here");
  EXPECT_NE(unframed.status().message().find("does not start with its boundary"),
            std::string::npos);
  auto unnamed = ParseMultipart(
      kType, "------attuneXYZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n------attuneXYZ--");
  EXPECT_NE(unnamed.status().message().find("has no name"), std::string::npos);
  auto cut = ParseMultipart(
      kType, "------attuneXYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv");
  EXPECT_NE(cut.status().message().find("ended before its last field"), std::string::npos);
  std::string many;
  for (size_t i = 0; i <= kMaxFormParts; ++i) {
    many += "------attuneXYZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
  }
  many += "------attuneXYZ--";
  EXPECT_NE(ParseMultipart(kType, many).status().message().find("more than 1000 fields"),
            std::string::npos);
}

TEST(Multipart, ABadByteInAFileNamesTheField) {
  Request req;
  req.headers.emplace("content-type", kType);
  req.body =
      "------attuneXYZ\r\nContent-Disposition: form-data; name=\"policy_file\"; "
      "filename=\"p.toml\"\r\n\r\nname = \"\xff\"\r\n------attuneXYZ--\r\n";
  auto form = req.Form();
  EXPECT_EQ(form.status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(form.status().field(), "policy_file");
}

TEST(Multipart, HeaderParameters) {
  EXPECT_EQ(HeaderParameter("form-data; name=\"a;b\"; filename=x.txt", "name"), "a;b");
  EXPECT_EQ(HeaderParameter("form-data; name=\"a;b\"; filename=x.txt", "filename"), "x.txt");
  EXPECT_EQ(HeaderParameter("multipart/form-data; BOUNDARY=abc", "boundary"), "abc");
  EXPECT_EQ(HeaderParameter("form-data; flag; name=\"q\\\"x\"", "name"), "q\"x");
  EXPECT_EQ(HeaderParameter("form-data", "name"), "");
  EXPECT_EQ(HeaderParameter("form-data; name=\"unterminated", "name"), "unterminated");
}

Request WithHeaders(std::initializer_list<std::pair<std::string, std::string>> headers) {
  Request req;
  req.method = "POST";
  for (const auto& [k, v] : headers) req.headers.emplace(k, v);
  return req;
}

TEST(SameOrigin, RefusesOtherSitesAndOpaqueOrigins) {
  EXPECT_TRUE(CheckSameOrigin(WithHeaders({})).ok());  // not a browser
  EXPECT_TRUE(CheckSameOrigin(WithHeaders({{"sec-fetch-site", "same-origin"}})).ok());
  EXPECT_TRUE(CheckSameOrigin(WithHeaders({{"sec-fetch-site", "none"}})).ok());
  EXPECT_FALSE(CheckSameOrigin(WithHeaders({{"sec-fetch-site", "cross-site"}})).ok());
  EXPECT_FALSE(CheckSameOrigin(WithHeaders({{"sec-fetch-site", "same-site"}})).ok());
  EXPECT_TRUE(CheckSameOrigin(
                  WithHeaders({{"origin", "https://School.example"}, {"host", "school.example"}}))
                  .ok());
  EXPECT_FALSE(
      CheckSameOrigin(WithHeaders({{"origin", "https://evil.example"}, {"host", "school.example"}}))
          .ok());
  EXPECT_FALSE(CheckSameOrigin(WithHeaders({{"origin", "null"}, {"host", "school.example"}})).ok());
}

}  // namespace
}  // namespace attune::http
