// Onboarding: what a valid profile and walkthrough update are, and how they read back.
#include <doctest/doctest.h>

#include "auth/onboarding.h"

using namespace mockroom;
using nlohmann::json;

namespace {

std::string profile_error(const json& body) {
  auto r = auth::parse_profile(body);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kInvalidArgument);
  return r.error().message;
}

}  // namespace

TEST_SUITE_BEGIN("onboarding");

TEST_CASE("A full profile is kept with its text trimmed and repeated entries dropped") {
  auto p = auth::parse_profile({{"role", "  Backend engineer "},
                                {"level", "senior"},
                                {"targetCompanies", {"Stripe", " stripe", "", "Datadog"}},
                                {"weakAreas", {"Coding", "System design"}},
                                {"interviewTimeline", "within_a_month"}});
  REQUIRE(p.ok());
  CHECK((*p)["role"] == "Backend engineer");
  CHECK((*p)["targetCompanies"] == json{"Stripe", "Datadog"});
  CHECK((*p)["weakAreas"] == json{"Coding", "System design"});
  CHECK((*p)["level"] == "senior");
  CHECK((*p)["interviewTimeline"] == "within_a_month");
}

TEST_CASE("An empty profile has every field, empty") {
  auto p = auth::parse_profile(json::object());
  REQUIRE(p.ok());
  CHECK(*p == json{{"role", ""}, {"level", ""}, {"targetCompanies", json::array()},
                   {"weakAreas", json::array()}, {"interviewTimeline", ""}});
}

TEST_CASE("A profile with an unknown field is refused naming the field") {
  CHECK(profile_error({{"favouriteColour", "blue"}}).find("favouriteColour") != std::string::npos);
}

TEST_CASE("A level or timeline outside the choices is refused with the choices") {
  CHECK(profile_error({{"level", "principal"}}).find("entry, mid, senior, staff") != std::string::npos);
  CHECK(profile_error({{"interviewTimeline", "tomorrow"}}).find("this_week") != std::string::npos);
}

TEST_CASE("Profile text past its limit, on several lines or of the wrong type is refused") {
  CHECK(profile_error({{"role", std::string(auth::kMaxProfileRoleChars + 1, 'x')}}).find("80") != std::string::npos);
  CHECK(profile_error({{"role", "line one\nline two"}}).find("one line") != std::string::npos);
  CHECK(profile_error({{"role", 7}}).find("role") != std::string::npos);
  CHECK(profile_error({{"targetCompanies", "Stripe"}}).find("list") != std::string::npos);
  CHECK(profile_error({{"targetCompanies", {1}}}).find("targetCompanies[0]") != std::string::npos);
  json many = json::array();
  for (std::size_t i = 0; i <= auth::kMaxWeakAreas; ++i) many.push_back("area " + std::to_string(i));
  CHECK(profile_error({{"weakAreas", many}}).find("at most") != std::string::npos);
}

TEST_CASE("A walkthrough is completed at the last step or skipped at any step") {
  auto done = auth::parse_walkthrough({{"outcome", "completed"}});
  REQUIRE(done.ok());
  CHECK(done->step == auth::kWalkthroughSteps);
  auto skipped = auth::parse_walkthrough({{"outcome", "skipped"}, {"step", 2}});
  REQUIRE(skipped.ok());
  CHECK(skipped->outcome == "skipped");
  CHECK(skipped->step == 2);
}

TEST_CASE("A walkthrough update with a bad outcome or step is refused") {
  CHECK_FALSE(auth::parse_walkthrough({{"outcome", "seen"}}).ok());
  CHECK_FALSE(auth::parse_walkthrough({{"outcome", "skipped"}, {"step", 0}}).ok());
  CHECK_FALSE(auth::parse_walkthrough({{"outcome", "skipped"}, {"step", 4}}).ok());
  CHECK_FALSE(auth::parse_walkthrough({{"outcome", "completed"}, {"step", 1}}).ok());
  CHECK_FALSE(auth::parse_walkthrough({{"outcome", "skipped"}, {"extra", true}}).ok());
}

TEST_CASE("A user who saved nothing reads an empty profile and an unseen walkthrough") {
  store::AccountProfile none;
  json view = auth::onboarding_json(none);
  CHECK(view["profile"]["role"] == "");
  CHECK(view["profile"]["updatedAt"].is_null());
  CHECK(view["walkthrough"]["seen"] == false);
  CHECK(view["walkthrough"]["outcome"].is_null());
}

TEST_CASE("A skipped walkthrough reads as seen, with the step it was left at") {
  store::AccountProfile account;
  account.walkthrough_outcome = "skipped";
  account.walkthrough_step = 1;
  account.walkthrough_at = 1700000000;
  json view = auth::onboarding_json(account);
  CHECK(view["walkthrough"] == json{{"seen", true}, {"outcome", "skipped"}, {"step", 1}, {"at", 1700000000}});
}

TEST_SUITE_END();
