#include "first_audio.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "llm/engine_child.h"

namespace mockroom::bench::speech {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using nlohmann::json;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

json call(uint16_t port, bhttp::verb method, const std::string& target, const json& body, const std::string& token) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.is_null()) {
    req.body() = body.dump();
    req.prepare_payload();
  }
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  return json::parse(res.body(), nullptr, false);
}

}  // namespace

FirstAudio measure_first_audio(const std::string& engine_binary, int turns) {
  FirstAudio out;
  try {
    llm::TempDir dir("mockroom-speech-bench");
    llm::EngineChild engine(engine_binary, dir.path(), json{{"plugins", {{"tts", {{"use", "tts_flite"}}}}}});
    const uint16_t port = engine.port();
    json who = {{"email", "bench@example.com"}, {"password", "correct horse battery"}, {"name", "Bench"}};
    call(port, bhttp::verb::post, "/api/auth/register", who, "");
    std::string token = call(port, bhttp::verb::post, "/api/auth/login", who, "")["token"];
    while (out.turns < turns) {
      json interview = call(port, bhttp::verb::post, "/api/interviews",
                            {{"format", "behavioral"}, {"questionCount", 5}}, token);
      std::string id = interview["id"];
      net::io_context ioc;
      beast::websocket::stream<tcp::socket> ws(ioc);
      net::connect(ws.next_layer(), std::vector<tcp::endpoint>{{net::ip::make_address("127.0.0.1"), port}});
      ws.handshake("127.0.0.1", "/ws/interviews/" + id + "?token=" + token);
      ws.text(true);
      ws.write(net::buffer(json{{"type", "voice"}, {"output", true}}.dump()));
      std::map<std::string, Clock::time_point> text_at;  // spoken text -> when its text frame came
      std::string speaking;                              // the text of the current audio_start
      bool waiting_first = false;
      json open_question;
      bool finished = false;
      beast::flat_buffer buffer;
      auto answer = [&] {
        ws.text(true);
        ws.write(net::buffer(json{{"type", "answer"}, {"questionId", open_question["id"]},
                                  {"answer", "I led the migration to a queue and cut the nightly run from five "
                                             "hours to forty minutes, which saved the team a lot of time."}}
                                 .dump()));
        open_question = nullptr;
      };
      while (!finished && out.turns < turns) {
        buffer.clear();
        ws.read(buffer);
        Clock::time_point now = Clock::now();
        if (!ws.got_text()) {
          if (waiting_first && text_at.count(speaking)) {
            out.ms.push_back(std::chrono::duration<double, std::milli>(now - text_at[speaking]).count());
          }
          waiting_first = false;
          continue;
        }
        json f = json::parse(beast::buffers_to_string(buffer.data()));
        std::string type = f.value("type", "");
        if (type == "message") text_at[f.value("text", "")] = now;
        if (type == "question") {
          text_at[f["question"].value("text", "")] = now;
          open_question = f["question"];
        }
        if (type == "audio_start") {
          speaking = f.value("text", "");
          waiting_first = true;
        }
        if (type == "status" && (f["status"] == "completed" || f["status"] == "ended")) finished = true;
        // Answer once the question has been spoken, like a candidate who listened.
        if (type == "audio_end" && !open_question.is_null() && speaking == open_question.value("text", "")) {
          answer();
          ++out.turns;
        }
      }
      beast::error_code ignored;
      ws.close(beast::websocket::close_code::normal, ignored);
    }
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace mockroom::bench::speech
