// The template renderer: every embedded template loads with its partials
// put in place (an unknown partial would throw), a partial renders with its
// includer's context, and it does so inside a loop, once per item.
#include "web/render.h"

#include <gtest/gtest.h>

namespace attune::web {
namespace {

size_t Occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(RenderTest, APartialRendersInPlaceWithItsIncludersContext) {
  Renderer r;
  std::string three = r.Render("fragments/bell_count", {{"unread_count", "3"}});
  EXPECT_NE(three.find("data-bell-count"), std::string::npos) << three;
  EXPECT_NE(three.find("data-unread=\"3\""), std::string::npos) << three;
  EXPECT_EQ(three.find("{{"), std::string::npos) << three;
  std::string none = r.Render("fragments/bell_count", {{"unread_count", ""}});
  EXPECT_NE(none.find("data-bell-count"), std::string::npos) << none;
  EXPECT_EQ(none.find("bell__count"), std::string::npos) << none;
}

TEST(RenderTest, APartialInsideALoopRendersOncePerItem) {
  Renderer r;
  nlohmann::json tiles = nlohmann::json::array();
  for (int id : {11, 12, 13}) {
    tiles.push_back({{"id", id}, {"initials", "AB"}, {"first", "Ada"}, {"last", "Byron"}});
  }
  nlohmann::json view = {
      {"has_policy", true}, {"has_tiles", true}, {"has_plan", false}, {"tiles", tiles}};
  std::string page = r.Render("pages/class", view);
  EXPECT_EQ(page.find("{{"), std::string::npos);
  EXPECT_EQ(Occurrences(page, "class=\"tile__box\""), 3u);
  for (const char* id : {"tile-11", "tile-12", "tile-13"}) {
    EXPECT_EQ(Occurrences(page, std::string("id=\"") + id + "\""), 1u) << id;
  }
}

}  // namespace
}  // namespace attune::web
