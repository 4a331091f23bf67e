#include "analytics/funnel.h"

#include <algorithm>

namespace mockroom::analytics {

std::string model_version(const plugin::Registry& plugins) {
  if (!plugins.active(MR_KIND_LLM)) return "none";
  return plugins.llm_profile().model;
}

store::FunnelEvent funnel_event(std::string_view type, const store::SessionRecord& session,
                                std::string model_version, int64_t reached_ms, int64_t now_ms) {
  store::FunnelEvent e;
  e.type = std::string(type);
  e.user_id = session.user_id;
  e.session_id = session.id;
  e.model_version = std::move(model_version);
  // Whole seconds; never negative even if the clock stepped back.
  e.session_duration_seconds = std::max<int64_t>(0, reached_ms - session.created_at) / 1000;
  e.at_ms = now_ms;
  return e;
}

}  // namespace mockroom::analytics
