#include <doctest/doctest.h>

#include "session/code_service.h"
#include "session/events.h"

namespace mockroom::session {

using nlohmann::json;

namespace {

json verdict(int id, const char* description) { return {{"id", id}, {"description", description}}; }
json status(int id, const char* description) { return {{"status", verdict(id, description)}}; }

const json kTests = json::array({{{"input", "3\n1 2 3\n"}, {"output", "6\n"}},
                                 {{"input", "0\n"}, {"output", "0\n"}},
                                 {{"input", "5\n1 1 1 1 1\n"}, {"output", "5\n"}, {"large", true}}});

}  // namespace

TEST_CASE("the interviewer's nudge names what failed, never the hidden input") {
  json accepted = status(3, "Accepted");
  json all_pass = json::array({accepted, accepted, accepted});
  CHECK(submission_feedback(verdict(3, "Accepted"), all_pass, kTests, "") == "All 3 hidden tests pass. Nice work.");

  json small_fails = json::array({accepted, status(4, "Wrong Answer"), accepted});
  std::string edge = submission_feedback(verdict(4, "Wrong Answer"), small_fails, kTests, "");
  CHECK(edge.find("as small as it can be") != std::string::npos);

  json slow = json::array({accepted, accepted, status(5, "Time Limit Exceeded")});
  CHECK(submission_feedback(verdict(5, "Time Limit Exceeded"), slow, kTests, "").find("too slow on the large") !=
        std::string::npos);

  json crash = json::array({status(7, "Runtime Error (SIGSEGV)"), accepted, accepted});
  std::string crashed = submission_feedback(verdict(7, "Runtime Error (SIGSEGV)"), crash, kTests, "");
  CHECK(crashed.find("SIGSEGV") != std::string::npos);

  json wrong = json::array({status(4, "Wrong Answer"), accepted, accepted});
  CHECK(submission_feedback(verdict(4, "Wrong Answer"), wrong, kTests, "").rfind("1 of 3 hidden tests fail", 0) == 0);

  std::string compile = submission_feedback(verdict(6, "Compilation Error"), json::array(), kTests,
                                            "main.cpp:3:5: error: 'x' was not declared\nmore lines");
  CHECK(compile == "It doesn't compile yet. The compiler says: main.cpp:3:5: error: 'x' was not declared");
  for (const auto& t : kTests) CHECK(edge.find(t["input"].get<std::string>()) == std::string::npos);
}

}  // namespace mockroom::session

namespace mockroom::session {

TEST_CASE("a recorded question names its main bank question, or none") {
  CHECK(ev::main_bank_id("code-merge-room-bookings") == "code-merge-room-bookings");
  CHECK(ev::main_bank_id("code-merge-room-bookings#review") == "code-merge-room-bookings");
  CHECK(ev::main_bank_id("beh-conflict-1#followup") == "beh-conflict-1");
  CHECK(ev::main_bank_id("adhoc-resume-recent-role").empty());
  CHECK(ev::main_bank_id("own-12").empty());
}

}  // namespace mockroom::session
