// The real engine with llm_openai as its interviewer, against the plugin's fake
// OpenAI-compatible server running in this test process: acknowledgements stream to the
// WebSocket as token frames, the model's follow-up decisions steer the interview, a
// provider that fails (500, a stream cut off, a server that is gone) leaves the turn to
// llm_rules, and the API key never reaches a client.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <atomic>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>

#include "fake_openai_server.h"
#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;
namespace fake = mockroom::llm_openai::testing;

namespace {

// Not a real key: a string that must never come back out of the engine.
constexpr std::string_view kApiKey = "sk-mockroom-integration-not-a-real-key-7f3a";

const std::string kAnswer =
    "At my previous company our nightly billing job started missing its deadline. I took "
    "ownership: I traced the slowdown to an unindexed join, added the index and split the "
    "job into batches. As a result the run time fell from 5 hours to 40 minutes.";

const std::string kNoFollowup = R"({"followup": null, "reason": "the answer is complete"})";

bool is_acknowledgement(const fake::Received& r) { return r.body.value("stream", false); }

bool asks_for_json(const fake::Received& r) {
  return r.body.contains("response_format") && r.body["response_format"].value("type", "") == "json_object";
}

json llm_openai_config(const std::string& base_url) {
  return {{"plugins",
           {{"llm",
             {{"use", "llm_openai"},
              {"config",
               {{"baseUrl", base_url}, {"model", "fake"}, {"apiKey", std::string(kApiKey)},
                {"maxRetries", 1}, {"retryBaseMs", 10}, {"timeoutSeconds", 10}}}}}}},
          {"billing", default_test_config()["billing"]}};
}

// The engine with llm_openai pointing at `server`.
struct LlmEngine {
  explicit LlmEngine(const fake::FakeOpenAi& server)
      : config(llm_openai_config(server.base_url())), engine({"--config", config.path()}) {}
  ConfigFile config;
  EngineProcess engine;
};

// A signed-up candidate's HTTP calls. Every response is kept, so a test can check that
// nothing the engine sent holds the API key.
class Candidate {
 public:
  explicit Candidate(uint16_t port) : port_(port) {
    json credentials = {{"email", "ada@example.com"}, {"password", "correct horse battery"}};
    json registration = credentials;
    registration["name"] = "Ada";
    auto reg = call("POST", "/api/auth/register", registration.dump());
    REQUIRE_MESSAGE(reg.status == 201, reg.body);
    auto login = call("POST", "/api/auth/login", credentials.dump());
    REQUIRE_MESSAGE(login.status == 200, login.body);
    token_ = login.json()["token"].get<std::string>();
  }

  HttpResult call(std::string_view method, const std::string& path, const std::string& body = {}) {
    HttpResult r = http(port_, method, path, body, token_);
    std::lock_guard lock(mu_);
    seen_ += r.body;
    for (const auto& [name, value] : r.headers) seen_ += name + ": " + value + "\n";
    return r;
  }

  json start() {
    auto r = call("POST", "/api/interviews", json{{"format", "behavioral"}, {"questionCount", 5}}.dump());
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json();
  }

  json answer(const std::string& id, const json& question, const std::string& text = kAnswer) {
    auto r = call("POST", "/api/interviews/" + id + "/answer",
                  json{{"questionId", question["id"]}, {"answer", text}}.dump());
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json();
  }

  const std::string& token() const { return token_; }
  std::string seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  uint16_t port_;
  std::string token_;
  std::mutex mu_;  // answers may run on another thread while the test reads the socket
  std::string seen_;
};

// The frames of one answer turn, read until the next question or the final status.
struct Turn {
  std::vector<json> frames;
  std::string tokens;  // the token frames' text, concatenated
  std::vector<std::string> messages;
  json question;  // null when the turn asked none

  // The frame types in order, runs of tokens folded into one: "thinking token message question".
  std::string shape() const {
    std::string out;
    for (const json& f : frames) {
      std::string type = f.value("type", "");
      if (type == "token" && out.ends_with("token")) continue;
      out += (out.empty() ? "" : " ") + type;
    }
    return out;
  }
};

Turn read_turn(WsClient& ws, std::string& seen) {
  Turn turn;
  for (;;) {
    json f = ws.recv(std::chrono::seconds(15));
    seen += f.dump() + "\n";
    turn.frames.push_back(f);
    std::string type = f.value("type", "");
    REQUIRE_MESSAGE(type != "error", f.dump());
    if (type == "token") turn.tokens += f["text"].get<std::string>();
    if (type == "message") turn.messages.push_back(f["text"].get<std::string>());
    if (type == "question") {
      turn.question = f["question"];
      return turn;
    }
    if (type == "status" && f["status"] != "in_progress") return turn;
  }
}

// Opens the interview's socket and reads past the frames sent on open.
void subscribe(WsClient& ws, uint16_t port, const Candidate& c, const std::string& id) {
  REQUIRE(ws.connect(port, "/ws/interviews/" + id + "?token=" + c.token()));
  ws.recv_until("question");
  ws.clear_skipped();
}

void check_no_key(const std::string& text) {
  CHECK_MESSAGE(text.find(kApiKey) == std::string::npos, ("the API key leaked: " + text.substr(0, 2000)));
}

}  // namespace

TEST_CASE("llm_openai's streamed acknowledgement reaches the socket as tokens, live, then as the whole message") {
  fake::FakeOpenAi server([](size_t, const fake::Received& r) {
    if (!is_acknowledgement(r)) return fake::completion(kNoFollowup);
    // The last token waits, so the first ones must reach the candidate while the turn runs.
    fake::Reply reply = fake::streamed({"Thanks", " for", " walking", " me", " through", " that."});
    reply.stream[5].delay_ms = 800;
    return reply;
  });
  LlmEngine e(server);
  auto port = e.engine.port();
  Candidate c(port);
  json s = c.start();
  std::string id = s["id"], seen_frames;
  WsClient ws;
  subscribe(ws, port, c, id);

  auto reply = std::async(std::launch::async, [&] {
    return c.call("POST", "/api/interviews/" + id + "/answer",
                  json{{"questionId", s["currentQuestion"]["id"]}, {"answer", kAnswer}}.dump());
  });
  json first = ws.recv_until("token", std::chrono::seconds(15));
  REQUIRE(ws.skipped().size() == 1);
  CHECK(ws.skipped()[0]["type"] == "thinking");
  CHECK_MESSAGE(reply.wait_for(std::chrono::seconds(0)) == std::future_status::timeout,
                "the first token frame came only after the turn's HTTP reply");
  CHECK(first["text"] == "Thanks");
  Turn turn = read_turn(ws, seen_frames);
  HttpResult answered = reply.get();
  REQUIRE_MESSAGE(answered.status == 200, answered.body);
  json body = answered.json();

  CHECK(turn.shape() == "token message question");  // "thinking" was skipped by recv_until
  CHECK(first["text"].get<std::string>() + turn.tokens == "Thanks for walking me through that.");
  REQUIRE(turn.messages.size() == 1);
  CHECK(turn.messages[0] == "Thanks for walking me through that.");
  CHECK(body["messages"] == json::array({"Thanks for walking me through that."}));
  CHECK(turn.question == body["nextQuestion"]);
  CHECK(turn.question["number"] == 2);
  CHECK(turn.question["isFollowUp"] == false);

  auto calls = server.received();
  REQUIRE(calls.size() == 2);  // the follow-up decision, then the acknowledgement
  CHECK(asks_for_json(calls[0]));
  CHECK(calls[1].body["stream"] == true);
  CHECK(calls[1].body["model"] == "fake");
  CHECK(calls[1].headers.find("authorization: bearer " + std::string(kApiKey)) != std::string::npos);
  check_no_key(c.seen() + seen_frames);
}

TEST_CASE("the follow-up the model returns as JSON is asked next; {\"followup\": null} moves on") {
  const std::string probe = "How did you measure that the run time fell to 40 minutes?";
  std::atomic<int> decisions{0};
  fake::FakeOpenAi server([&](size_t, const fake::Received& r) {
    if (is_acknowledgement(r)) return fake::streamed({"Good", " detail."});
    if (decisions++ == 0) {
      return fake::completion(json{{"followup", {{"text", probe}, {"concepts", {"measurement"}}}},
                                   {"reason", "no measurement"}}.dump());
    }
    return fake::completion(kNoFollowup);
  });
  LlmEngine e(server);
  auto port = e.engine.port();
  Candidate c(port);
  json s = c.start();
  std::string id = s["id"], seen_frames;
  WsClient ws;
  subscribe(ws, port, c, id);

  json first = c.answer(id, s["currentQuestion"]);
  Turn turn = read_turn(ws, seen_frames);
  CHECK(turn.shape() == "thinking question");  // a follow-up turn says nothing else
  CHECK(first["nextQuestion"]["text"] == probe);
  CHECK(first["nextQuestion"]["isFollowUp"] == true);
  CHECK(first["nextQuestion"]["number"] == 1);
  CHECK(turn.question == first["nextQuestion"]);

  json second = c.answer(id, first["nextQuestion"], "We timed every nightly run from the scheduler's logs.");
  turn = read_turn(ws, seen_frames);
  CHECK(turn.shape() == "thinking token message question");
  CHECK(turn.tokens == "Good detail.");
  CHECK(second["nextQuestion"]["isFollowUp"] == false);
  CHECK(second["nextQuestion"]["number"] == 2);
  CHECK(second["nextQuestion"]["text"] != probe);

  auto calls = server.received();
  REQUIRE(calls.size() == 3);  // decision (a follow-up), decision (none), acknowledgement
  CHECK(asks_for_json(calls[0]));
  CHECK(asks_for_json(calls[1]));
  CHECK(is_acknowledgement(calls[2]));
  check_no_key(c.seen() + seen_frames);
}

TEST_CASE("when the provider answers 500, llm_rules answers the turn and the interview goes on") {
  // The error echoes the key, as some servers do for a rejected one.
  fake::FakeOpenAi server([](size_t, const fake::Received&) {
    return fake::error_reply(500, "upstream failure for key " + std::string(kApiKey));
  });
  LlmEngine e(server);
  auto port = e.engine.port();
  Candidate c(port);
  json s = c.start();
  std::string id = s["id"], seen_frames;
  WsClient ws;
  subscribe(ws, port, c, id);

  json q = s["currentQuestion"];
  for (int i = 0; i < 3; ++i) {
    json r = c.answer(id, q);
    Turn turn = read_turn(ws, seen_frames);
    CHECK(r["status"] == "in_progress");
    REQUIRE(r["nextQuestion"].is_object());
    CHECK(turn.question == r["nextQuestion"]);
    // llm_rules does not stream: its whole text comes a sentence at a time, then whole.
    if (!turn.messages.empty()) CHECK(turn.tokens == turn.messages.back());
    q = r["nextQuestion"];
  }
  CHECK(server.received().size() >= 6);  // each call was tried twice (maxRetries 1)
  auto health = c.call("GET", "/api/health");
  CHECK(health.json()["providers"]["llm"] == "llm_openai");
  c.call("GET", "/api/interviews/" + id);
  check_no_key(c.seen() + seen_frames);
  check_no_key(e.engine.output());
}

TEST_CASE("when the stream is cut mid-way, llm_rules' reply replaces the partial one and the interview goes on") {
  fake::FakeOpenAi server([](size_t, const fake::Received& r) {
    if (!is_acknowledgement(r)) return fake::completion(kNoFollowup);
    fake::Reply reply;
    reply.stream = {fake::token("Thanks"), fake::token(" for", 20)};
    reply.cut = true;  // no finish_reason, no [DONE]
    return reply;
  });
  LlmEngine e(server);
  auto port = e.engine.port();
  Candidate c(port);
  json s = c.start();
  std::string id = s["id"], seen_frames;
  WsClient ws;
  subscribe(ws, port, c, id);

  json r = c.answer(id, s["currentQuestion"]);
  Turn turn = read_turn(ws, seen_frames);
  CHECK(turn.shape() == "thinking token message question");
  CHECK(turn.tokens == "Thanks for");  // shown live before the stream broke
  REQUIRE(turn.messages.size() == 1);
  CHECK_FALSE(turn.messages[0].empty());
  CHECK(turn.messages[0] != "Thanks for");  // llm_rules' acknowledgement, shown in its place
  CHECK(r["messages"] == json::array({turn.messages[0]}));
  CHECK(r["nextQuestion"]["number"] == 2);
  // A stream that showed tokens is not retried: one decision, one acknowledgement.
  CHECK(server.received().size() == 2);

  json next = c.answer(id, r["nextQuestion"]);
  CHECK(next["status"] == "in_progress");
  CHECK(next["nextQuestion"].is_object());
  check_no_key(c.seen() + seen_frames);
}

TEST_CASE("when the provider is gone, llm_rules answers and the interview runs to its report") {
  auto server = std::make_unique<fake::FakeOpenAi>([](size_t, const fake::Received& r) {
    if (!is_acknowledgement(r)) return fake::completion(kNoFollowup);
    return fake::streamed({"Noted."});
  });
  LlmEngine e(*server);
  auto port = e.engine.port();
  Candidate c(port);
  json s = c.start();
  std::string id = s["id"], seen_frames;
  WsClient ws;
  subscribe(ws, port, c, id);

  json r = c.answer(id, s["currentQuestion"]);
  CHECK(read_turn(ws, seen_frames).messages == std::vector<std::string>{"Noted."});
  server.reset();  // connections are refused from here on

  json q = r["nextQuestion"];
  int turns = 1;
  while (!q.is_null()) {
    REQUIRE(++turns < 30);
    r = c.answer(id, q);
    Turn turn = read_turn(ws, seen_frames);
    for (const auto& m : turn.messages) CHECK(m != "Noted.");
    q = r["nextQuestion"];
  }
  CHECK(r["status"] == "completed");
  auto report = c.call("GET", "/api/interviews/" + id + "/report");
  REQUIRE_MESSAGE(report.status == 200, report.body);
  CHECK(report.json()["overallScore"].is_number());
  check_no_key(c.seen() + seen_frames);
  check_no_key(e.engine.output());
}

TEST_CASE("an interrupt sent on the socket while the reply streams stops it; the offline interviewer finishes the turn") {
  const std::string streamed_text = "Thanks for walking me through that.";
  fake::FakeOpenAi server([](size_t, const fake::Received& r) {
    if (!is_acknowledgement(r)) return fake::completion(kNoFollowup);
    // The rest of the reply would come only after the test's patience runs out.
    fake::Reply reply = fake::streamed({"Thanks", " for", " walking", " me", " through", " that."});
    reply.stream[1].delay_ms = 6000;
    return reply;
  });
  LlmEngine e(server);
  auto port = e.engine.port();
  Candidate c(port);
  json s = c.start();
  std::string id = s["id"], seen_frames;
  WsClient ws;
  subscribe(ws, port, c, id);

  // The answer goes over the same socket as the interrupt: the interrupt must not wait
  // behind it.
  ws.send({{"type", "answer"}, {"questionId", s["currentQuestion"]["id"]}, {"answer", kAnswer}});
  json first = ws.recv_until("token", std::chrono::seconds(15));
  CHECK(first["text"] == "Thanks");
  ws.send({{"type", "interrupt"}});
  Turn turn = read_turn(ws, seen_frames);
  REQUIRE(turn.messages.size() == 1);
  CHECK(turn.messages[0] != streamed_text);  // llm_rules' words, not the cut-off reply
  CHECK_FALSE(turn.messages[0].empty());
  REQUIRE_FALSE(turn.question.is_null());
  CHECK(turn.question["number"] == 2);
  // The transcript keeps what the candidate was finally told.
  auto view = c.call("GET", "/api/interviews/" + id);
  REQUIRE(view.status == 200);
  const json shown = view.json();
  bool logged = false;
  for (const auto& t : shown["transcript"]) logged |= t["kind"] == "message" && t["text"] == turn.messages[0];
  CHECK(logged);
  CHECK(shown["llm"]["fallbacks"].get<int>() >= 1);
}
