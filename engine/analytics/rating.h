// Ratings: after a session the candidate scores it 1-5 for realism, ease of use, feedback
// helpfulness and overall satisfaction (the counter metric beside the funnel), once per
// session, stored with the LLM provider the session ran with. Stateless functions over the
// store; thread-safe as the store is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "plugin/registry.h"
#include "store/store.h"

namespace mockroom::analytics {

inline constexpr int kMinRatingScore = 1;
inline constexpr int kMaxRatingScore = 5;
// Characters (Unicode code points), not bytes, so every language gets the same room.
inline constexpr std::size_t kMaxRatingCommentChars = 2000;

// Checks a rating body: {realism, easeOfUse, feedbackHelpfulness, overallSatisfaction}
// (each a whole number from 1 to 5, all required) and an optional `comment` string.
// Unknown fields are refused, so a misspelt one is not silently dropped. The error names
// the field. Fills the scores and comment of the result, nothing else.
Result<store::Rating> parse_rating(const nlohmann::json& body);

// {sessionId, realism, easeOfUse, feedbackHelpfulness, overallSatisfaction, comment,
//  modelVersion, ratedAt}
nlohmann::json rating_json(const store::Rating& rating);

// Records `user_id`'s rating of their session `session_id`: not found unless the session
// is theirs, a conflict unless it is completed or ended or when it is rated already.
Result<nlohmann::json> rate_session(store::Store& store, const plugin::Registry& plugins,
                                    int64_t user_id, const std::string& session_id,
                                    const nlohmann::json& body, int64_t now_ms);
// The rating of the caller's session; not found before it is rated.
Result<nlohmann::json> session_rating(store::Store& store, int64_t user_id,
                                      const std::string& session_id);

}  // namespace mockroom::analytics
