#include "analytics/rating.h"

#include <algorithm>
#include <array>
#include <utility>

#include "analytics/funnel.h"

namespace mockroom::analytics {

using nlohmann::json;

namespace {

struct ScoreField {
  const char* name;
  int store::Rating::*member;
};

constexpr std::array<ScoreField, 4> kScoreFields = {{
    {"realism", &store::Rating::realism},
    {"easeOfUse", &store::Rating::ease_of_use},
    {"feedbackHelpfulness", &store::Rating::feedback_helpfulness},
    {"overallSatisfaction", &store::Rating::overall_satisfaction},
}};
constexpr const char* kCommentField = "comment";

std::size_t code_points(const std::string& utf8) {
  // Every byte but UTF-8 continuation bytes (10xxxxxx) starts a code point.
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Error score_error(const char* field) {
  return invalid(std::string("field '") + field + "' must be a whole number from " +
                 std::to_string(kMinRatingScore) + " to " + std::to_string(kMaxRatingScore));
}

// The LLM provider the session ran with, from its session_start step; the active one for
// sessions that started before funnel events were recorded.
Result<std::string> session_model_version(store::Store& store, const plugin::Registry& plugins,
                                          const std::string& session_id) {
  auto steps = store.list_funnel_events(session_id);
  if (!steps.ok()) return steps.error();
  for (const auto& step : *steps) {
    if (step.type == kSessionStart) return step.model_version;
  }
  return model_version(plugins);
}

// The caller's own session (not found for anyone else's: nobody learns which ids exist).
Result<store::SessionRecord> own_session(store::Store& store, int64_t user_id,
                                         const std::string& session_id) {
  auto session = store.find_session(session_id);
  if (!session.ok()) return session.error();
  if (session->user_id != user_id) return not_found("interview not found");
  return session;
}

}  // namespace

Result<store::Rating> parse_rating(const json& body) {
  if (!body.is_object()) return invalid("a rating must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    bool known = key == kCommentField || std::any_of(kScoreFields.begin(), kScoreFields.end(),
                                                     [&](const ScoreField& f) { return key == f.name; });
    if (!known) {
      return invalid("unknown field '" + key +
                     "'; a rating has realism, easeOfUse, feedbackHelpfulness, overallSatisfaction and comment");
    }
  }
  store::Rating rating;
  for (const auto& field : kScoreFields) {
    if (!body.contains(field.name)) return invalid(std::string("missing field '") + field.name + "'");
    const json& v = body[field.name];
    // is_number_integer: 4.0 and true are not scores.
    if (!v.is_number_integer()) return score_error(field.name);
    auto score = v.get<int64_t>();
    if (score < kMinRatingScore || score > kMaxRatingScore) return score_error(field.name);
    rating.*field.member = static_cast<int>(score);
  }
  if (body.contains(kCommentField) && !body[kCommentField].is_null()) {
    if (!body[kCommentField].is_string()) return invalid("field 'comment' must be a string");
    rating.comment = body[kCommentField].get<std::string>();
    if (code_points(rating.comment) > kMaxRatingCommentChars) {
      return invalid("field 'comment' is longer than " + std::to_string(kMaxRatingCommentChars) + " characters");
    }
  }
  return rating;
}

json rating_json(const store::Rating& r) {
  return {{"sessionId", r.session_id},
          {"realism", r.realism},
          {"easeOfUse", r.ease_of_use},
          {"feedbackHelpfulness", r.feedback_helpfulness},
          {"overallSatisfaction", r.overall_satisfaction},
          {"comment", r.comment},
          {"modelVersion", r.model_version},
          {"ratedAt", r.rated_at_ms}};
}

Result<json> rate_session(store::Store& store, const plugin::Registry& plugins, int64_t user_id,
                          const std::string& session_id, const json& body, int64_t now_ms) {
  auto session = own_session(store, user_id, session_id);
  if (!session.ok()) return session.error();
  auto rating = parse_rating(body);
  if (!rating.ok()) return rating.error();
  if (session->status != "completed" && session->status != "ended") {
    return conflict("an interview can be rated once it is completed or ended (it is " + session->status + ")");
  }
  auto version = session_model_version(store, plugins, session_id);
  if (!version.ok()) return version.error();
  rating->session_id = session_id;
  rating->user_id = user_id;
  rating->model_version = std::move(version.value());
  rating->rated_at_ms = now_ms;
  if (auto st = store.save_rating(*rating); !st.ok()) return st.error();
  return rating_json(*rating);
}

Result<json> session_rating(store::Store& store, int64_t user_id, const std::string& session_id) {
  auto session = own_session(store, user_id, session_id);
  if (!session.ok()) return session.error();
  auto rating = store.find_rating(session_id);
  if (!rating.ok()) return rating.error();
  return rating_json(*rating);
}

}  // namespace mockroom::analytics
