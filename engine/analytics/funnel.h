// The candidate funnel: which steps a session reached, for completion rate (complete ÷
// start) and session length per LLM provider. Sessions record the steps themselves when
// they commit (Session::commit); this file holds the rules shared by every path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/registry.h"
#include "store/store.h"

namespace mockroom::analytics {

// The first question of the session was asked.
inline constexpr std::string_view kSessionStart = "session_start";
// The report of an interview whose final question was answered (status completed) was
// delivered.
inline constexpr std::string_view kSessionComplete = "session_complete";

// The model of the active LLM provider as it describes itself ("gpt-4o-mini"; a plugin
// without a model, e.g. the offline interviewer, is "name@version": "llm_rules@1.0.0"), or
// "none" when no provider is active. Ratings and funnel events carry it so results can be
// compared per model.
std::string model_version(const plugin::Registry& plugins);

// A funnel event of `type` for `session`, reached at `reached_ms` (the duration counts
// from the session's creation to then) and recorded at `now_ms`.
store::FunnelEvent funnel_event(std::string_view type, const store::SessionRecord& session,
                                std::string model_version, int64_t reached_ms, int64_t now_ms);

}  // namespace mockroom::analytics
