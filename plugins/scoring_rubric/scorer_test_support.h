// What the scoring_rubric plugin's tests share: the plugin loaded through its C ABI, a
// behavioral and a technical rubric, sample answers, and calls that score a request.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "mockroom/testing/fake_host.h"

namespace mockroom::scoring_rubric_test {

using nlohmann::json;
using namespace mockroom::testing;

inline constexpr char kStarAnswer[] =
    "At my last company our checkout page was timing out during sales. I was responsible for "
    "fixing it before Black Friday. First, I profiled the service and found an N+1 query in "
    "the cart code. Then I added batching and a Redis cache, and rolled it out behind a flag. "
    "As a result, p95 latency dropped from 900 ms to 220 ms and conversion rose 3%, about "
    "$400k a year.";

inline json rubric() {
  return json::parse(R"({
    "id": "behavioral", "title": "Behavioral interview",
    "categories": [
      {"name": "Communication", "assessed": true, "weight": 40,
       "signals": {"clarity": 0.7, "structure": 0.3}},
      {"name": "Problem Solving", "assessed": true, "weight": 60,
       "signals": {"star": 0.4, "impact": 0.3, "relevance": 0.3}},
      {"name": "Algorithm Reasoning", "assessed": false, "weight": 0},
      {"name": "Coding", "assessed": false, "weight": 0}],
    "hireThresholds": {"strongHire": 80, "hire": 65, "leanNoHire": 50},
    "fillerWords": ["um", "uh", "like,", "you know", "basically", "kind of", "sort of", "i mean"],
    "answerLength": {"minWords": 25, "idealMin": 60, "idealMax": 250, "maxWords": 400}})");
}

inline json answer(const std::string& id, const std::string& text, bool follow_up = false) {
  return {{"questionId", id},
          {"question", "Tell me about a time you improved the performance of a system."},
          {"concepts", {"performance", "latency", "migration", "measurement"}},
          {"hints", {"how did you measure it"}},
          {"isFollowUp", follow_up},
          {"answer", text},
          {"atSeconds", 60}};
}

inline json request(json answers, json rub = rubric()) {
  return {{"format", "behavioral"},
          {"formatTitle", "Behavioral interview"},
          {"rubric", std::move(rub)},
          {"answers", std::move(answers)}};
}

inline json technical_rubric() {
  return json::parse(R"({
    "id": "technical", "title": "Technical interview",
    "categories": [
      {"name": "Communication", "assessed": true, "weight": 25,
       "signals": {"clarity": 0.6, "structure": 0.4}},
      {"name": "Problem Solving", "assessed": true, "weight": 40,
       "signals": {"coverage": 0.5, "depth": 0.3, "relevance": 0.2}},
      {"name": "Algorithm Reasoning", "assessed": true, "weight": 35,
       "signals": {"coverage": 0.5, "depth": 0.4, "clarity": 0.1}},
      {"name": "Coding", "assessed": false, "weight": 0}],
    "hireThresholds": {"strongHire": 80, "hire": 65, "leanNoHire": 50},
    "fillerWords": ["um", "uh", "like,", "you know", "basically"],
    "answerLength": {"minWords": 20, "idealMin": 50, "idealMax": 220, "maxWords": 380}})");
}

inline json gil_answer(const std::string& id, const std::string& text, bool with_synonyms = true) {
  json a = {{"questionId", id},
            {"question", "Explain the GIL and how it shapes your choice between threads, processes and asyncio."},
            {"concepts", {"global interpreter lock", "cpu-bound work", "i/o-bound work", "multiprocessing"}},
            {"referencePoints",
             {"explains that in CPython only one thread executes Python bytecode at a time",
              "notes the lock is released during blocking I/O so threads suit I/O-bound tasks",
              "recommends multiprocessing or native extensions for CPU-bound work",
              "mentions process overhead such as pickling arguments and extra memory",
              "describes asyncio as single-threaded cooperative concurrency for many sockets"}},
            {"answer", text},
            {"atSeconds", 95}};
  if (with_synonyms)
    a["synonyms"] = {{"global interpreter lock", {"gil", "interpreter lock"}},
                     {"multiprocessing", {"process pool", "separate processes"}}};
  return a;
}

inline constexpr char kGilAnswer[] =
    "The global interpreter lock means only one thread runs Python bytecode at a time in CPython. "
    "It is released while a thread blocks on I/O, so threads work well for I/O-bound work such as "
    "many HTTP calls. For CPU-bound work I would use multiprocessing or a native extension like "
    "numpy that releases the lock, because that runs on several cores. The trade-off is process "
    "overhead: arguments are pickled and each worker costs extra memory. Asyncio is single-threaded "
    "cooperative concurrency, which scales to thousands of sockets with less memory than threads.";

inline const mr_plugin* plugin() {
  static std::string error;
  static const mr_plugin* loaded = open_plugin(MOCKROOM_PLUGIN_DIR "/scoring_rubric.so", error);
  REQUIRE_MESSAGE(loaded != nullptr, error);
  return loaded;
}

inline const mr_scorer_api& calls() { return *static_cast<const mr_scorer_api*>(plugin()->calls); }

inline InstancePtr make_instance(std::string_view config = "{}") {
  FakeCall call;
  InstancePtr instance = create_instance(plugin(), config, call);
  REQUIRE_MESSAGE(instance != nullptr, call.error);
  return instance;
}

// Runs score_session on `body`, returning the status; output lands in `call`.
inline mr_status score_raw(const std::string& body, FakeCall& call) {
  InstancePtr instance = make_instance();
  return invoke(calls().score_session, instance, body, call);
}

inline json score(const json& body) {
  FakeCall call;
  mr_status status = score_raw(body.dump(), call);
  REQUIRE_MESSAGE(status == MR_OK, call.error);
  REQUIRE(call.result_writes == 1);
  return json::parse(call.result);
}

inline const json& category(const json& report, const std::string& name) {
  for (const json& c : report["categories"])
    if (c["name"] == name) return c;
  FAIL("no category " << name);
  static const json kNone;
  return kNone;
}

}  // namespace mockroom::scoring_rubric_test
