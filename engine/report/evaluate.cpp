#include "report/evaluate.h"

#include <string>
#include <string_view>
#include <tuple>

namespace mockroom::report {

using nlohmann::json;

namespace {

constexpr std::string_view kFields[] = {"question", "answer", "referenceAnswer", "referencePoints",
                                        "concepts", "synonyms", "rubric", "kind"};

Status check_text(const json& body, const char* key, bool required, std::size_t max_bytes) {
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return invalid(std::string("missing field '") + key + "'");
    return {};
  }
  if (!body[key].is_string()) return invalid(std::string("field '") + key + "' must be a string");
  const auto& text = body[key].get_ref<const std::string&>();
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid(std::string("field '") + key + "' is empty");
  }
  if (text.size() > max_bytes) {
    return invalid(std::string("field '") + key + "' is longer than " + std::to_string(max_bytes) + " bytes");
  }
  return {};
}

// The rubric by id (from the catalog) or as given; the scorer checks a given one in full.
Result<json> pick_rubric(const script::Catalog& catalog, const json& body) {
  if (body.contains("rubric") && body["rubric"].is_object()) return body["rubric"];
  std::string id = kDefaultEvaluateRubric;
  if (body.contains("rubric") && !body["rubric"].is_null()) {
    if (!body["rubric"].is_string()) return invalid("field 'rubric' must be a rubric id or a rubric object");
    id = body["rubric"].get<std::string>();
  } else if (body.contains("kind") && body["kind"].is_string() && catalog.rubric(body["kind"].get<std::string>())) {
    id = body["kind"].get<std::string>();
  }
  const json* rubric = catalog.rubric(id);
  if (!rubric) return not_found("no rubric '" + id + "'; rubrics are named after interviews/rubrics/<id>.json");
  return *rubric;
}

json criteria_of(const json& report, const json& rubric) {
  json out = json::array();
  for (const json& c : report.value("categories", json::array())) {
    if (!c.value("assessed", false)) continue;
    int weight = 0;
    for (const json& rc : rubric.value("categories", json::array())) {
      if (rc.value("name", "") == c.value("name", "")) weight = rc.value("weight", 0);
    }
    json evidence = json::array();
    for (const json& e : c.value("examples", json::array())) {
      evidence.push_back({{"quote", e.value("quote", "")}, {"note", e.value("note", "")}});
    }
    out.push_back({{"name", c.value("name", "")}, {"weight", weight}, {"score", c.value("score", 0)},
                   {"explanation", c.value("explanation", "")}, {"evidence", std::move(evidence)}});
  }
  return out;
}

}  // namespace

Result<json> evaluate_answer(const plugin::Registry& plugins, const script::Catalog& catalog, const json& body) {
  if (!body.is_object()) return invalid("the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (std::string_view f : kFields) known = known || key == f;
    if (!known) {
      return invalid("unknown field '" + key + "'; send question, answer, and optionally referenceAnswer, "
                     "referencePoints, concepts, synonyms, rubric and kind");
    }
  }
  for (auto [key, required, max_bytes] : {std::tuple{"question", true, kMaxEvaluateQuestionBytes},
                                          std::tuple{"answer", true, kMaxEvaluateAnswerBytes},
                                          std::tuple{"referenceAnswer", false, kMaxEvaluateReferenceBytes}}) {
    if (auto st = check_text(body, key, required, max_bytes); !st.ok()) return st.error();
  }
  auto rubric = pick_rubric(catalog, body);
  if (!rubric.ok()) return rubric.error();

  json answer = {{"questionId", "sample"}, {"question", body["question"]}, {"answer", body["answer"]},
                 {"atSeconds", 0}};
  for (const char* key : {"referenceAnswer", "referencePoints", "concepts", "synonyms"}) {
    if (body.contains(key) && !body[key].is_null()) answer[key] = body[key];
  }
  json request = {{"format", "evaluate"}, {"formatTitle", "Sample answer"}, {"rubric", *rubric},
                  {"answers", json::array({answer})}};
  auto scored = plugins.score_session(request);
  if (!scored.ok()) {
    // The scorer names the offending field ("request.answers[0].referencePoints ..."): the
    // coach's input, not a server fault, when it is a validation message.
    if (scored.error().code == ErrorCode::kInvalidArgument) return scored.error();
    return unavailable("the scoring provider could not score the answer: " + scored.error().message);
  }
  const json& report = *scored;
  json first = report.value("answers", json::array()).empty() ? json::object() : report["answers"][0];
  json out = {{"score", report.value("overallScore", 0)},
              {"hireSignal", report.value("hireSignal", "")},
              {"rubric", rubric->value("id", "")},
              {"criteria", criteria_of(report, *rubric)},
              {"signals", first.value("signals", json::object())},
              {"strengths", report.value("strengths", json::array())},
              {"improvements", report.value("improvements", json::array())},
              {"notes", report.value("notes", json::array())},
              {"scorer", report.value("scorer", "")}};
  if (first.contains("referencePoints")) out["referencePoints"] = first["referencePoints"];
  return out;
}

}  // namespace mockroom::report
