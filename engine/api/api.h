// Api: the REST handlers under /api and the WebSocket at /ws/interviews/:id, on top of
// the auth service and the session manager. Implements http's Application interface, so
// the Beast front end never sees engine types. Thread-safe; handlers may block.
#pragma once

#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>

#include "api/console_services.h"
#include "api/http_types.h"
#include "auth/auth_service.h"
#include "package/package_service.h"
#include "plugin/registry.h"
#include "report/export.h"
#include "script/catalog.h"
#include "script/prompt_overrides.h"
#include "session/code_service.h"
#include "session/session_manager.h"
#include "speech/audio_store.h"
#include "speech/voice_options.h"

namespace mockroom::api {

class Api final : public Application {
 public:
  Api(auth::AuthService& auth, session::SessionManager& sessions, const script::Catalog& catalog,
      const plugin::Registry& plugins, store::Store& store, package::PackageService& packages,
      session::CodeService& code, const report::ReportTemplates& templates,
      script::PromptOverrides& prompts, speech::AudioStore& audio, const speech::VoiceOptions& voice,
      ConsoleServices& console);

  HttpResponse handle(const HttpRequest& request) override;
  std::unique_ptr<SocketHandler> accept_socket(const HttpRequest& upgrade,
                                               std::shared_ptr<SocketSink> sink,
                                               HttpResponse& refusal) override;
  void stopping() override { sessions_.cancel_all(); }

 private:
  HttpResponse route(const HttpRequest& request);
  HttpResponse interviews(const HttpRequest& request, const store::User& user,
                          const std::vector<std::string>& parts);
  // engine/api/candidate_api.cpp: the candidate's resume and own questions, bank search
  // and prep packages.
  HttpResponse me(const HttpRequest& request, const store::User& user,
                  const std::vector<std::string>& parts);
  HttpResponse questions(const HttpRequest& request, const store::User& user);
  HttpResponse packages(const HttpRequest& request, const store::User& user,
                        const std::vector<std::string>& parts);
  HttpResponse code(const HttpRequest& request, const store::User& user, const std::string& id,
                    const std::string& action);
  HttpResponse admin(const HttpRequest& request, const store::User& user,
                     const std::vector<std::string>& parts);
  // engine/api/feedback_api.cpp: ratings, report export, progress and rubric trials.
  HttpResponse rating(const HttpRequest& request, const store::User& user, const std::string& id);
  HttpResponse export_report(const HttpRequest& request, const store::User& user,
                             const std::string& id);
  HttpResponse progress(const HttpRequest& request, const store::User& user);
  // POST /api/admin/scoring/evaluate (coach, admin): a rubric tried on a sample answer.
  HttpResponse evaluate(const HttpRequest& request, const store::User& user);
  // engine/api/authoring_api.cpp: the formats' prompt overrides and the knowledge base.
  HttpResponse format_prompts(const HttpRequest& request, const store::User& user,
                              const std::vector<std::string>& parts);
  HttpResponse knowledge(const HttpRequest& request, const store::User& user);
  // engine/api/account_api.cpp: register, login (token and cookie), logout, onboarding,
  // and who sent a request (Bearer token or the session cookie; ?token= on upgrades).
  HttpResponse account_auth(const HttpRequest& request, const std::string& action);
  HttpResponse onboarding(const HttpRequest& request, const store::User& user, const std::string& what);
  // engine/api/speech_api.cpp: the operators' try-out of the speech providers, and the
  // stored audio of a spoken answer.
  HttpResponse transcribe(const HttpRequest& request, const store::User& user);
  HttpResponse synthesize(const HttpRequest& request, const store::User& user);
  HttpResponse answer_audio(const HttpRequest& request, const store::User& user, const std::string& id,
                            const std::string& audio_id);
  Result<store::User> caller(const HttpRequest& request);
  Result<store::User> socket_caller(const HttpRequest& upgrade);
  // engine/api/history_api.cpp: GET /api/interviews, with filters.
  HttpResponse history(const HttpRequest& request, const store::User& user);
  nlohmann::json formats_json() const;

  auth::AuthService& auth_;
  session::SessionManager& sessions_;
  const script::Catalog& catalog_;
  const plugin::Registry& plugins_;
  store::Store& store_;
  package::PackageService& packages_;
  session::CodeService& code_;
  const report::ReportTemplates& templates_;
  script::PromptOverrides& prompts_;
  speech::AudioStore& audio_;
  const speech::VoiceOptions& voice_options_;
  ConsoleServices& console_;  // the admin console's areas (engine/api/admin_*.cpp)
};


// Helpers shared by the handler files.
nlohmann::json user_json(const store::User& user);
HttpResponse json_response(int status, const nlohmann::json& body);
HttpResponse error_response(const Error& error);
HttpResponse method_not_allowed(const std::string& allowed);
template <typename T>
HttpResponse respond(const Result<T>& result, int status = 200) {
  return result.ok() ? json_response(status, result.value()) : error_response(result.error());
}
// Parses a JSON object body; a clear 400 for anything else.
Result<nlohmann::json> parse_body(const std::string& body);
// The optional "code" of an answer ({"language", "source"}), checked by the session.
std::optional<nlohmann::json> optional_code(const nlohmann::json& body);
// Reads a required string field (non-empty unless allow_empty) or fails naming it.
Result<std::string> string_field(const nlohmann::json& body, const char* name,
                                 bool allow_empty = false);

}  // namespace mockroom::api
