// GET /api/interviews?format=&status=&company=&from=&to=&minScore=&maxScore=&q=
// The candidate's interviews, newest first, narrowed by the filters (history_filter.h).
#include "api/api.h"
#include "api/history_filter.h"

namespace mockroom::api {

using nlohmann::json;

HttpResponse Api::history(const HttpRequest& req, const store::User& user) {
  auto filter = parse_history_filter(req.query);
  if (!filter.ok()) return error_response(filter.error());
  auto all = sessions_.history(user.id);
  if (!all.ok()) return error_response(all.error());
  json kept = json::array();
  for (const auto& item : (*all)["interviews"]) {
    if (history_matches(*filter, item)) kept.push_back(item);
  }
  return json_response(200, {{"interviews", kept}});
}

}  // namespace mockroom::api
