// Translation between Beast's HTTP messages and the plain api::HttpRequest/HttpResponse
// values the application sees. Pure functions: no IO, callable from any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/http_types.h"

namespace mockroom::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Decodes %XX escapes, and '+' as a space when `plus_is_space` (query strings). Returns
// nullopt for a malformed escape or a decoded NUL byte.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

struct RequestTarget {
  std::string path;                          // decoded, always starts with '/'
  std::map<std::string, std::string> query;  // decoded; the first of repeated keys wins
};

// Splits an origin-form target ("/a/b?x=1&y=2") into a decoded path and query. Returns
// nullopt for anything else (absolute-form, "*", bad escapes).
std::optional<RequestTarget> parse_target(std::string_view target);

// Builds the application's view of a request. The body is moved out of `request`.
// Returns nullopt when the target is malformed.
std::optional<api::HttpRequest> to_api_request(BeastRequest& request, std::string remote_address);

// The JSON error body every front-end error uses: {"error":{"code":..,"message":..}}.
api::HttpResponse error_response(int status, std::string_view code, std::string_view message);

// "1 MiB", "64 KiB" or "1000 bytes": limits quoted in error messages.
std::string describe_size(std::size_t bytes);

// How the response is to be framed for the request it answers.
struct ReplyFraming {
  unsigned version = 11;
  bool keep_alive = false;
  bool head = false;      // a HEAD request: send the headers of the body, not the body
  bool no_store = false;  // add Cache-Control: no-store unless the app set a Cache-Control
};

// Turns an application response into a Beast one, adding the front end's default headers
// (Server, X-Content-Type-Options and friends) where the application did not set them.
BeastResponse to_beast_response(api::HttpResponse&& response, const ReplyFraming& framing);

// True for paths the application owns: "/api", "/api/...".
bool is_api_path(std::string_view path);
// True for WebSocket endpoints: "/ws/...".
bool is_websocket_path(std::string_view path);

}  // namespace mockroom::http
