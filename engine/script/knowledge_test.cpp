// The knowledge base (files, FTS5 retrieval) and the per-format prompt overrides.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "script/catalog.h"
#include "script/knowledge.h"
#include "script/prompt_overrides.h"
#include "store/db.h"
#include "store/migrations.h"
#include "store/store.h"

using namespace mockroom;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("mockroom-knowledge-test-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

store::KnowledgeEntry entry(std::string id, std::string title, std::string text,
                            std::vector<std::string> formats = {}, std::vector<std::string> companies = {},
                            std::vector<std::string> questions = {}) {
  store::KnowledgeEntry e;
  e.id = std::move(id);
  e.kind = questions.empty() ? "style_guide" : "alternative_solution";
  e.title = std::move(title);
  e.text = std::move(text);
  e.formats = std::move(formats);
  e.companies = std::move(companies);
  e.questions = std::move(questions);
  return e;
}

std::vector<std::string> ids(const std::vector<store::KnowledgeEntry>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.id);
  return out;
}

}  // namespace

TEST_CASE("a knowledge file is checked entry by entry, with the file and entry named") {
  auto ok = script::parse_knowledge(
      json::parse(R"({"entries":[{"id":"kb-a","kind":"style_guide","title":"T","text":"Body","tags":["x"]}]})"), "k.json");
  REQUIRE(ok.ok());
  CHECK(ok->at(0).tags == std::vector<std::string>{"x"});

  auto bad_kind = script::parse_knowledge(
      json::parse(R"({"entries":[{"id":"kb-a","kind":"gossip","title":"T","text":"B"}]})"), "k.json");
  REQUIRE_FALSE(bad_kind.ok());
  CHECK(bad_kind.error().message.find("k.json: entry 'kb-a': 'kind'") != std::string::npos);

  auto typo = script::parse_knowledge(
      json::parse(R"({"entries":[{"id":"kb-a","kind":"style_guide","title":"T","text":"B","format":["x"]}]})"), "k.json");
  REQUIRE_FALSE(typo.ok());
  CHECK(typo.error().message.find("unknown key 'format'") != std::string::npos);

  auto bad_id = script::parse_knowledge(
      json::parse(R"({"entries":[{"id":"KB A","kind":"style_guide","title":"T","text":"B"}]})"), "k.json");
  CHECK_FALSE(bad_id.ok());
  json long_text = {{"entries", {{{"id", "kb-a"}, {"kind", "style_guide"}, {"title", "T"},
                                  {"text", std::string(script::kMaxKnowledgeBodyChars + 1, 'a')}}}}};
  CHECK_FALSE(script::parse_knowledge(long_text, "k.json").ok());
  CHECK_FALSE(script::parse_knowledge(json::parse(R"({"items":[]})"), "k.json").ok());
}

TEST_CASE("retrieval ranks by the answer's words within the interview's format and company style") {
  TempDir dir;
  auto s = store::open_sqlite_store((dir.path / "t.db").string());
  REQUIRE(s->replace_knowledge("bundled", {
      entry("kb-star", "Probing STAR stories", "Ask what the candidate personally did and what the measurable result was.", {"behavioral"}),
      entry("kb-cache", "Cache invalidation probes", "Ask about eviction, stale reads, write-through versus write-back caches.", {"technical"}),
      entry("kb-amazon", "Customer focus", "Ask how the customer benefited and what data showed it.", {"behavioral"}, {"amazon-style"}),
      entry("kb-merge", "Merging intervals", "Sort by start, then sweep; brute force compares every pair.", {}, {}, {"code-merge"}),
  }).ok());

  store::KnowledgeQuery q;
  q.text = "I led the migration and the result was a measurable drop in tickets";
  q.format = "behavioral";
  auto hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(ids(*hits) == std::vector<std::string>{"kb-star"});  // not the technical one, not amazon's

  q.company = "amazon-style";
  q.text = "our customer data showed the result";
  hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(ids(*hits) == std::vector<std::string>{"kb-amazon", "kb-star"});

  // The problem on the table brings its own entry first, whatever the words.
  store::KnowledgeQuery code;
  code.text = "I would use a hash map of caches";
  code.format = "coding";
  code.question_id = "code-merge";
  hits = s->search_knowledge(code);
  REQUIRE(hits.ok());
  CHECK(ids(*hits) == std::vector<std::string>{"kb-merge"});
  code.question_id = "code-other";  // another problem's solution never shows
  hits = s->search_knowledge(code);
  REQUIRE(hits.ok());
  CHECK(hits->empty());
}

TEST_CASE("retrieval treats the answer as words: operators, stop words and huge input are harmless") {
  CHECK(store::knowledge_words("the AND cache OR \"NEAR(x\" with cache") == std::vector<std::string>{"cache", "near"});
  CHECK(store::knowledge_match(store::knowledge_words("the AND cache OR \"NEAR(x\" with")) == "\"cache\" OR \"near\"");
  CHECK(store::knowledge_words("a an of to").empty());
  TempDir dir;
  auto s = store::open_sqlite_store((dir.path / "t.db").string());
  REQUIRE(s->replace_knowledge("bundled", {entry("kb-star", "STAR", "result ownership")}).ok());
  store::KnowledgeQuery q;
  q.text = "NOT * ^ : ( ) {result}";
  auto hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(hits->size() == 1);
  q.text = std::string(store::kMaxKnowledgeQueryChars + 1, 'a');
  CHECK_FALSE(s->search_knowledge(q).ok());
  // Replacing the bundled entries drops the old ones.
  REQUIRE(s->replace_knowledge("bundled", {entry("kb-new", "New", "something else")}).ok());
  q.text = "result";
  hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(hits->empty());
  // ... and what a word was counted in before a reload does not outlive it.
  REQUIRE(s->replace_knowledge("bundled", {entry("kb-back", "Back", "result again")}).ok());
  hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(ids(*hits) == std::vector<std::string>{"kb-back"});
}

TEST_CASE("retrieval ranks on the rare words: one every entry has brings no entry in by itself") {
  TempDir dir;
  auto s = store::open_sqlite_store((dir.path / "t.db").string());
  REQUIRE(s->replace_knowledge("bundled", {
      entry("kb-team-a", "Team rituals", "How a team plans its week."),
      entry("kb-team-b", "Team conflict", "When a team disagrees on scope."),
      entry("kb-team-c", "Team growth", "Mentoring inside the team."),
      entry("kb-cache", "Cache probes", "Eviction and stale reads; the team owning the cache."),
  }).ok());
  store::KnowledgeQuery q;
  q.text = "my team added a cache";
  auto hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(ids(*hits) == std::vector<std::string>{"kb-cache"});
  // With nothing rarer to rank on, the common word still finds entries.
  q.text = "my team";
  hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(hits->size() == 3);
}

TEST_CASE("knowledge loaded before the scope table keeps its scope after the migration") {
  TempDir dir;
  std::string path = (dir.path / "t.db").string();
  {
    store::Db old(path);
    store::migrate(old, 5);
    old.exec("INSERT INTO knowledge(id, kind, title, body, formats, companies, questions, tags, origin) VALUES"
             " ('kb-amazon', 'company_values', 'Customers', 'customer obsession data', '[\"behavioral\"]',"
             " '[\"amazon-style\"]', '[]', '[]', 'bundled'),"
             " ('kb-merge', 'alternative_solution', 'Intervals', 'sort then sweep', '[]', '[]', '[\"code-merge\"]',"
             " '[]', 'bundled')");
    old.exec("INSERT INTO knowledge_fts(id, title, body, tags) VALUES ('kb-amazon', 'Customers',"
             " 'customer obsession data', ''), ('kb-merge', 'Intervals', 'sort then sweep', '')");
  }
  auto s = store::open_sqlite_store(path);
  store::KnowledgeQuery q;
  q.text = "customer data";
  q.format = "behavioral";
  q.company = "amazon-style";
  auto hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(ids(*hits) == std::vector<std::string>{"kb-amazon"});
  q.company = "google-style";
  CHECK(s->search_knowledge(q)->empty());
  q.format = "coding";
  q.question_id = "code-merge";
  hits = s->search_knowledge(q);
  REQUIRE(hits.ok());
  CHECK(ids(*hits) == std::vector<std::string>{"kb-merge"});
}

TEST_CASE("a prompt override must be a known prompt in valid Mustache") {
  CHECK(script::check_prompt("persona", "You are {{role}}.").ok());
  CHECK_FALSE(script::check_prompt("system", "text").ok());
  CHECK_FALSE(script::check_prompt("persona", "").ok());
  auto broken = script::check_prompt("followup", "{{#answer}} never closed");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().message.find("not valid Mustache") != std::string::npos);
  CHECK_FALSE(script::check_prompt("persona", std::string(script::kMaxPromptBytes + 1, 'a')).ok());
}

TEST_CASE("a coach's prompt override wins over the format's file and survives a restart") {
  TempDir dir;
  const std::string interviews = std::string(MOCKROOM_SOURCE_DIR) + "/interviews";
  fs::create_directories(dir.path / "interviews");
  fs::copy(interviews, dir.path / "interviews", fs::copy_options::recursive);
  fs::create_directories(dir.path / "interviews/prompts/behavioral");
  std::ofstream(dir.path / "interviews/prompts/behavioral/persona.mustache") << "File persona for {{role}}.";
  auto s = store::open_sqlite_store((dir.path / "t.db").string());
  script::Catalog catalog;
  catalog.load((dir.path / "interviews").string(), *s);

  script::PromptOverrides prompts;
  prompts.load((dir.path / "interviews").string(), *s, catalog);
  CHECK(prompts.for_format("behavioral") == json{{"persona", "File persona for {{role}}."}});
  CHECK(prompts.for_format("coding") == json::object());

  REQUIRE(prompts.set(*s, "behavioral", "persona", "Coach persona.", 7, 1000).ok());
  CHECK_FALSE(prompts.set(*s, "behavioral", "persona", "{{#broken}}", 7, 1000).ok());
  CHECK(prompts.for_format("behavioral")["persona"] == "Coach persona.");
  json described = prompts.describe("behavioral");
  CHECK(described[0] == json{{"name", "persona"}, {"origin", "coach"}, {"template", "Coach persona."},
                             {"updatedBy", 7}, {"updatedAt", 1000}});
  CHECK(described[1]["origin"] == "default");

  script::PromptOverrides reloaded;
  reloaded.load((dir.path / "interviews").string(), *s, catalog);
  CHECK(reloaded.for_format("behavioral")["persona"] == "Coach persona.");
  REQUIRE(reloaded.remove(*s, "behavioral", "persona").ok());
  CHECK(reloaded.for_format("behavioral")["persona"] == "File persona for {{role}}.");
  CHECK(reloaded.remove(*s, "behavioral", "persona").error().code == ErrorCode::kNotFound);

  // A file for a format that does not exist stops start-up with its name.
  fs::create_directories(dir.path / "interviews/prompts/no_such_format");
  script::PromptOverrides broken;
  CHECK_THROWS_WITH_AS(broken.load((dir.path / "interviews").string(), *s, catalog),
                       doctest::Contains("interviews/prompts/no_such_format"), std::runtime_error);
}
