// Behaviour of the scoring_rubric plugin, exercised through its C ABI like the engine uses it.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "scorer_test_support.h"

using namespace mockroom::scoring_rubric_test;

namespace {

const char kVagueAnswer[] =
    "Um, so basically we had, like, some performance stuff, you know, and the team kind of "
    "looked at it and it got better I guess.";

const char kFillerAnswer[] =
    "Um, I mean, like, we basically, uh, you know, kind of fixed the, um, the thing with the "
    "cache, like, and it was, uh, sort of fine.";

}  // namespace

TEST_CASE("scoring_rubric describes itself as a scorer plugin of the current ABI") {
  const mr_plugin* p = plugin();
  CHECK(p->abi_major == MR_ABI_MAJOR);
  CHECK(p->struct_size == sizeof(mr_plugin));
  CHECK(p->kind == MR_KIND_SCORER);
  CHECK(std::string(p->name) == "scoring_rubric");
  CHECK(std::string(p->version) == "1.0.0");
  CHECK(calls().struct_size == sizeof(mr_scorer_api));
}

TEST_CASE("scoring_rubric refuses a host table with a different abi_major") {
  std::string error;
  mr_plugin_entry_fn entry = load_entry(MOCKROOM_PLUGIN_DIR "/scoring_rubric.so", error);
  REQUIRE_MESSAGE(static_cast<bool>(entry), error);
  mr_host_api other = *shared_host().table();
  other.abi_major = MR_ABI_MAJOR + 1;
  const mr_plugin* out = nullptr;
  CHECK(entry(&other, &out) != MR_OK);
  CHECK(out == nullptr);
}

TEST_CASE("an unknown config key is refused and an empty config is accepted") {
  FakeCall call;
  CHECK(create_instance(plugin(), R"({"strictness": 3})", call) == nullptr);
  CHECK(call.error.find("strictness") != std::string::npos);
  CHECK(make_instance("") != nullptr);
  CHECK(make_instance(R"({"examplesPerCategory": 1, "maxQuoteChars": 120})") != nullptr);
}

TEST_CASE("a STAR answer with numbers beats a vague one") {
  json strong = score(request({answer("q1", kStarAnswer)}));
  json vague = score(request({answer("q1", kVagueAnswer)}));
  CHECK(strong["overallScore"].get<int>() > vague["overallScore"].get<int>() + 20);
  CHECK(category(strong, "Problem Solving")["score"].get<int>() >
        category(vague, "Problem Solving")["score"].get<int>());
  const json& signals = strong["answers"][0]["signals"];
  CHECK(signals["quantified"] == true);
  CHECK(signals["star"]["action"] == true);
  CHECK(signals["star"]["result"] == true);
  CHECK(vague["answers"][0]["signals"]["quantified"] == false);
}

TEST_CASE("the hire signal follows the rubric thresholds") {
  for (const char* text : {kStarAnswer, kVagueAnswer, ""}) {
    json report = score(request({answer("q1", text)}));
    int overall = report["overallScore"];
    std::string expected = overall >= 80   ? "Strong Hire"
                           : overall >= 65 ? "Hire"
                           : overall >= 50 ? "Lean No Hire"
                                           : "No Hire";
    CHECK(report["hireSignal"] == expected);
  }
}

TEST_CASE("every example quote is copied verbatim from the answer it cites") {
  json answers = {answer("q1", kStarAnswer), answer("q2", kVagueAnswer),
                  answer("q2", "I then measured it again: 40% faster.", true),
                  answer("q3", kFillerAnswer)};
  json report = score(request(answers));
  int examples = 0;
  for (const json& c : report["categories"]) {
    if (!c["assessed"].get<bool>()) continue;
    CHECK_MESSAGE(!c["examples"].empty(), c["name"]);
    for (const json& e : c["examples"]) {
      const std::string quote = e["quote"];
      REQUIRE(!quote.empty());
      bool found = false;
      for (const json& a : answers)
        found = found || (a["questionId"] == e["questionId"] &&
                          a["answer"].get<std::string>().find(quote) != std::string::npos);
      CHECK_MESSAGE(found, quote);
      CHECK(!e["note"].get<std::string>().empty());
      ++examples;
    }
  }
  CHECK(examples >= 2);
}

TEST_CASE("a filler-heavy answer is quoted for its filler words") {
  json report = score(request({answer("q1", kStarAnswer), answer("q2", kFillerAnswer)}));
  bool quoted_filler = false;
  for (const json& e : category(report, "Communication")["examples"])
    quoted_filler =
        quoted_filler || (e["questionId"] == "q2" &&
                          e["note"].get<std::string>().find("Filler") != std::string::npos);
  CHECK(quoted_filler);
  CHECK(report["answers"][1]["signals"]["fillerPer100"].get<double>() > 10.0);
}

TEST_CASE("categories come in the fixed order and the non-assessed ones say so") {
  json report = score(request({answer("q1", kStarAnswer)}));
  REQUIRE(report["categories"].size() == 4);
  const char* names[] = {"Communication", "Problem Solving", "Algorithm Reasoning", "Coding"};
  for (int i = 0; i < 4; ++i) CHECK(report["categories"][i]["name"] == names[i]);
  for (const char* name : {"Algorithm Reasoning", "Coding"}) {
    const json& c = category(report, name);
    CHECK(c["assessed"] == false);
    CHECK(c["score"].is_null());
    CHECK(c["explanation"] == "Not assessed in this format.");
    CHECK(c["examples"].empty());
  }
  CHECK(report["scorer"] == "scoring_rubric");
  CHECK(report["scorerVersion"] == "1.0.0");
  CHECK(!report["summary"].get<std::string>().empty());
  CHECK(!report["nextStep"].get<std::string>().empty());
}

TEST_CASE("the same session scores to byte-identical output") {
  std::string body = request({answer("q1", kStarAnswer), answer("q2", kFillerAnswer)}).dump();
  FakeCall a, b;
  REQUIRE(score_raw(body, a) == MR_OK);
  REQUIRE(score_raw(body, b) == MR_OK);
  CHECK(a.result == b.result);
}

TEST_CASE("a session with only empty answers scores low and says nothing was answered") {
  json report = score(request({answer("q1", ""), answer("q2", "   ")}));
  CHECK(report["overallScore"] == 0);
  CHECK(report["hireSignal"] == "No Hire");
  for (const json& c : report["categories"]) {
    if (!c["assessed"].get<bool>()) continue;
    CHECK(c["examples"].empty());
    CHECK(c["explanation"].get<std::string>().find("No answer") != std::string::npos);
  }
}

TEST_CASE("stemming lets a migrated system count for a migration concept") {
  json with = score(request({answer("q1", "I migrated the billing database to a new cluster.")}));
  json without = score(request({answer("q1", "I moved the billing database to a new cluster.")}));
  CHECK(with["answers"][0]["signals"]["relevance"].get<double>() >
        without["answers"][0]["signals"]["relevance"].get<double>());
}

TEST_CASE("\"I'd\" before a past participle tells a past event, not a hypothetical") {
  // "I'd moved", "I'd written": "I had"; "I'd move", "I'd write": "I would".
  json past = score(request({answer("q1",
      "Our nightly export kept missing its window. I'd moved the heavy joins into a staging table "
      "and I'd written a check that paged me when the export ran late. Latency fell from "
      "four hours to forty minutes.")}));
  json hypothetical = score(request({answer("q1",
      "Our nightly export kept missing its window. I'd move the heavy joins into a staging table "
      "and I'd write a check that pages me when the export runs late. Latency fell from "
      "four hours to forty minutes.")}));
  CHECK(category(past, "Problem Solving")["score"].get<int>() >
        category(hypothetical, "Problem Solving")["score"].get<int>());
}

TEST_CASE("a role statement sets the situation and a number going up or down is a result") {
  json report = score(request({answer("q1",
      "I'm a site engineer for a water utility. I replaced the pump schedule with one driven "
      "by the reservoir level. Energy use went down and the complaints stopped.")}));
  const json& star = report["answers"][0]["signals"]["star"];
  CHECK(star["situation"] == true);
  CHECK(star["result"] == true);
}

TEST_CASE("a story the candidate says was not theirs loses STAR credit, one of stepping up does not") {
  const std::string story =
      "At my last company our release checklist was ignored and a bad build reached customers. "
      "I rewrote the checklist, added an automated gate to the pipeline and walked each team "
      "through it. As a result, failed releases dropped from six a quarter to one.";
  json own = score(request({answer("q1", story)}));
  json onlooker = score(request({answer("q1", story + " To be fair I wasn't running the project, I was just there.")}));
  json stepping_up = score(request({answer("q1", story + " I wasn't leading the project, but I took the gate on myself.")}));
  int own_score = category(own, "Problem Solving")["score"];
  CHECK(category(onlooker, "Problem Solving")["score"].get<int>() < own_score - 5);
  CHECK(category(stepping_up, "Problem Solving")["score"].get<int>() >= own_score - 2);
}

TEST_CASE("a follow-up that adds the missing number raises the question's score") {
  const std::string main_answer =
      "At my last company I was responsible for the search service. I rewrote the ranking "
      "query and added an index so the page stopped timing out.";
  json alone = score(request({answer("q1", main_answer)}));
  json followed = score(request(
      {answer("q1", main_answer), answer("q1", "Latency fell from 2 seconds to 300 ms.", true)}));
  CHECK(category(followed, "Problem Solving")["score"].get<int>() >
        category(alone, "Problem Solving")["score"].get<int>());
}

TEST_CASE("rubric weights that do not sum to 100 are refused") {
  json bad = rubric();
  bad["categories"][0]["weight"] = 30;
  FakeCall call;
  CHECK(score_raw(request({answer("q1", kStarAnswer)}, bad).dump(), call) ==
        MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("sum to 90") != std::string::npos);
  CHECK(call.result_writes == 0);
}

TEST_CASE("a rubric with an unknown signal or a missing category is refused") {
  json unknown_signal = rubric();
  unknown_signal["categories"][0]["signals"] = {{"charisma", 1.0}};
  FakeCall a;
  CHECK(score_raw(request({answer("q1", kStarAnswer)}, unknown_signal).dump(), a) ==
        MR_ERR_INVALID_ARGUMENT);
  CHECK(a.error.find("charisma") != std::string::npos);

  json missing = rubric();
  missing["categories"].erase(3);
  FakeCall b;
  CHECK(score_raw(request({answer("q1", kStarAnswer)}, missing).dump(), b) ==
        MR_ERR_INVALID_ARGUMENT);
  CHECK(b.error.find("Coding") != std::string::npos);
}

TEST_CASE("malformed JSON and wrong types are refused with a message") {
  FakeCall broken;
  CHECK(score_raw("{\"answers\": [", broken) == MR_ERR_INVALID_ARGUMENT);
  CHECK(broken.error.find("not valid JSON") != std::string::npos);

  json wrong = request({answer("q1", kStarAnswer)});
  wrong["answers"][0]["answer"] = 12;
  FakeCall typed;
  CHECK(score_raw(wrong.dump(), typed) == MR_ERR_INVALID_ARGUMENT);
  CHECK(typed.error.find("request.answers[0].answer") != std::string::npos);

  FakeCall array;
  CHECK(score_raw("[]", array) == MR_ERR_INVALID_ARGUMENT);
  CHECK(!array.error.empty());
}

#ifdef MOCKROOM_SOURCE_DIR
TEST_CASE("the shipped behavioral rubric is accepted") {
  std::ifstream file(MOCKROOM_SOURCE_DIR "/interviews/rubrics/behavioral.json");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  json report = score(request({answer("q1", kStarAnswer)}, json::parse(text.str())));
  CHECK(category(report, "Communication")["assessed"] == true);
  CHECK(category(report, "Coding")["assessed"] == false);
}
#endif

TEST_CASE("a question with follow-ups scores as its answers read together") {
  // The scorer builds a thread's signals from its answers' analyses instead of reading the
  // joined text again; the categories must come out as if it had.
  std::string main = "At my last company the checkout page timed out during sales. Um, I led the fix.";
  std::string follow_up = "I measured p95 latency first, then I batched the queries. As a result "
                          "latency fell from 900 ms to 220 ms.";
  json threaded = score(request({answer("q1", main), answer("q1f1", follow_up, true)}));
  json joined = score(request({answer("q1", main + "\n" + follow_up)}));
  for (const char* name : {"Communication", "Problem Solving"}) {
    CAPTURE(name);
    CHECK(category(threaded, name)["score"] == category(joined, name)["score"]);
  }
  CHECK(threaded["overallScore"] == joined["overallScore"]);
}

namespace {

const char kFluentOffTopic[] =
    "I really enjoy working with teams and I always try to communicate clearly. First, I make sure "
    "everyone understands the goals of the project. Then I organise regular meetings so that nobody "
    "is surprised. As a result, my teams usually deliver on time and stakeholders trust us.";

const char kDeclined[] =
    "Honestly I'm not sure, I haven't worked with that part of Python. Can we move on to the next question?";

}  // namespace

TEST_CASE("an answer that covers the reference points beats a fluent answer to another question") {
  json good = score(request({gil_answer("q1", kGilAnswer)}, technical_rubric()));
  json off = score(request({gil_answer("q1", kFluentOffTopic)}, technical_rubric()));
  CHECK(good["overallScore"].get<int>() >= 65);
  CHECK(off["overallScore"].get<int>() < 40);
  const json& s = good["answers"][0]["signals"];
  CHECK(s["coverage"].get<double>() > 0.7);
  CHECK(off["answers"][0]["signals"]["coverage"].get<double>() < 0.2);
  CHECK(off["answers"][0]["signals"]["gate"].get<double>() < 1.0);
  // Which points were made is in the report, each one copied from the request.
  CHECK(good["answers"][0]["referencePoints"]["covered"].size() >= 4);
  CHECK(off["answers"][0]["referencePoints"]["missed"].size() == 5);
}

TEST_CASE("synonyms from the bank let another name for a concept count") {
  std::string text = "The GIL lets one thread run at a time, so for heavy computation I use separate processes.";
  json with = score(request({gil_answer("q1", text, true)}, technical_rubric()));
  json without = score(request({gil_answer("q1", text, false)}, technical_rubric()));
  CHECK(with["answers"][0]["signals"]["relevance"].get<double>() >
        without["answers"][0]["signals"]["relevance"].get<double>());
}

TEST_CASE("declining the question scores low and is noted with its time") {
  json report = score(request({gil_answer("q1", kDeclined)}, technical_rubric()));
  CHECK(report["answers"][0]["signals"]["declined"] == true);
  CHECK(report["overallScore"].get<int>() < 30);
  REQUIRE(report["notes"].size() >= 1);
  CHECK(report["notes"][0]["atSeconds"] == 95);
  CHECK(report["notes"][0]["questionId"] == "q1");
  CHECK(report["notes"][0]["text"].get<std::string>().find("passed on") != std::string::npos);
  // An answer that hesitates but then reasons is not a decline.
  json hedged = score(request({gil_answer("q1", std::string("I'm not sure I remember every detail, but ") + kGilAnswer)},
                              technical_rubric()));
  CHECK(hedged["answers"][0]["signals"]["declined"] == false);
}

TEST_CASE("costs, edge cases and trade-offs raise depth and the reasoning score") {
  std::string plain =
      "I would put the sessions in a hash map keyed by id and look them up on each request. "
      "Old sessions are removed by a background job.";
  std::string deep = plain +
                     " A lookup is O(1) on average, but memory grows with active users. If the job "
                     "falls behind, expired sessions must still be refused, which is an edge case. "
                     "The trade-off against a database is latency versus durability.";
  json a = score(request({gil_answer("q1", plain)}, technical_rubric()));
  json b = score(request({gil_answer("q1", deep)}, technical_rubric()));
  CHECK(b["answers"][0]["signals"]["depth"].get<double>() > a["answers"][0]["signals"]["depth"].get<double>() + 0.5);
  CHECK(category(b, "Algorithm Reasoning")["score"].get<int>() > category(a, "Algorithm Reasoning")["score"].get<int>());
}

TEST_CASE("notes come in time order and quote nothing the answers did not say") {
  json first = gil_answer("q1", kDeclined);
  first["atSeconds"] = 300;
  json second = gil_answer("q2", "Threads.");
  second["atSeconds"] = 120;
  json report = score(request({first, second}, technical_rubric()));
  REQUIRE(report["notes"].size() >= 2);
  double last = -1;
  for (const json& n : report["notes"]) {
    CHECK(n["atSeconds"].get<double>() >= last);
    last = n["atSeconds"].get<double>();
  }
  CHECK(report["notes"][0]["questionId"] == "q2");
}

TEST_CASE("reference fields are bounded and typed") {
  json a = gil_answer("q1", kGilAnswer);
  a["referencePoints"] = json::array();
  for (int i = 0; i < 100; ++i) a["referencePoints"].push_back("point " + std::to_string(i));
  FakeCall call;
  CHECK(score_raw(request({a}, technical_rubric()).dump(), call) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("referencePoints") != std::string::npos);

  json b = gil_answer("q1", kGilAnswer);
  b["synonyms"] = {{"gil", "not a list"}};
  FakeCall call2;
  CHECK(score_raw(request({b}, technical_rubric()).dump(), call2) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call2.error.find("synonyms") != std::string::npos);
}

#ifdef MOCKROOM_SOURCE_DIR
TEST_CASE("every shipped rubric is accepted") {
  for (const char* id : {"behavioral", "technical", "system_design", "case_study", "coding", "mixed",
                         "amazon_style", "google_style", "meta_style", "startup_style"}) {
    CAPTURE(id);
    std::ifstream file(std::string(MOCKROOM_SOURCE_DIR "/interviews/rubrics/") + id + ".json");
    REQUIRE(file.good());
    std::stringstream text;
    text << file.rdbuf();
    FakeCall call;
    CHECK_MESSAGE(score_raw(request({gil_answer("q1", kGilAnswer)}, json::parse(text.str())).dump(), call) == MR_OK,
                  call.error);
  }
}
#endif
