// Serving the web client (webDir): the app shell and client routes, caching of hashed
// assets, precompressed files, and /api and /ws left to the application.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

constexpr std::string_view kIndex = "<!doctype html><title>Mockroom</title><div id=app></div>";
constexpr std::string_view kAsset = "console.log('hashed asset');";

// A built client in a temporary directory, and the config that points the engine at it.
class WebRoot {
 public:
  WebRoot() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mockroom-web-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary web dir");
    dir_ = pattern;
    std::filesystem::create_directories(dir_ / "dist" / "assets");
    write("dist/index.html", kIndex);
    write("dist/assets/index-AbC123xy.js", kAsset);
    write("dist/assets/index-AbC123xy.js.gz", "pretend-gzip-bytes");
    write("dist/favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write("config.json", json{{"webDir", (dir_ / "dist").string()}}.dump());
  }
  ~WebRoot() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string config() const { return (dir_ / "config.json").string(); }

 private:
  void write(const std::string& name, std::string_view content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  std::filesystem::path dir_;
};

struct WebEngine {
  WebRoot root;
  EngineProcess process{{"--config", root.config()}};
};

WebEngine& engine() {
  static WebEngine e;
  return e;
}

uint16_t port() { return engine().process.port(); }

}  // namespace

TEST_SUITE_BEGIN("web client");

TEST_CASE("The app shell is served at / and must be revalidated") {
  auto r = http(port(), "GET", "/");
  REQUIRE(r.status == 200);
  CHECK(r.body == kIndex);
  CHECK(r.header("content-type").starts_with("text/html"));
  CHECK(r.header("cache-control") == "no-cache");
  CHECK_FALSE(r.header("etag").empty());
}

TEST_CASE("A client route without a file extension loads the app shell") {
  auto r = http(port(), "GET", "/interview/0f3a9c/report");
  CHECK(r.status == 200);
  CHECK(r.body == kIndex);
}

TEST_CASE("An unchanged file revalidated with its ETag costs a 304 with no body") {
  auto first = http(port(), "GET", "/favicon.svg");
  REQUIRE(first.status == 200);
  auto again = http(port(), "GET", "/favicon.svg", "", "", {{"If-None-Match", first.header("etag")}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
}

TEST_CASE("Hashed assets may be cached for a year as immutable") {
  auto r = http(port(), "GET", "/assets/index-AbC123xy.js");
  REQUIRE(r.status == 200);
  CHECK(r.body == kAsset);
  CHECK(r.header("cache-control") == "public, max-age=31536000, immutable");
  CHECK(r.header("content-type").starts_with("text/javascript"));
  CHECK(r.header("vary") == "Accept-Encoding");
}

TEST_CASE("A client that accepts gzip gets the precompressed file") {
  auto r = http(port(), "GET", "/assets/index-AbC123xy.js", "", "", {{"Accept-Encoding", "gzip, br"}});
  REQUIRE(r.status == 200);
  CHECK(r.body == "pretend-gzip-bytes");
  CHECK(r.header("content-encoding") == "gzip");
  CHECK(r.header("content-type").starts_with("text/javascript"));
  auto refused = http(port(), "GET", "/assets/index-AbC123xy.js", "", "", {{"Accept-Encoding", "gzip;q=0"}});
  CHECK(refused.body == kAsset);
}

TEST_CASE("A missing asset is a 404, not the app shell") {
  auto r = http(port(), "GET", "/assets/index-Old000.js");
  CHECK(r.status == 404);
  CHECK(r.json()["error"]["code"] == "not_found");
}

TEST_CASE("API paths stay with the application when a web client is served") {
  auto unknown = http(port(), "GET", "/api/no-such-thing");
  CHECK(unknown.status == 404);
  CHECK(unknown.header("content-type").starts_with("application/json"));
  CHECK(unknown.header("cache-control") == "no-store");
  CHECK(http(port(), "GET", "/api/health").json()["status"] == "ok");
}

TEST_CASE("A WebSocket path is never answered with the app shell") {
  auto r = http(port(), "GET", "/ws/interviews/abc");
  CHECK(r.body != kIndex);
}

TEST_SUITE_END();
