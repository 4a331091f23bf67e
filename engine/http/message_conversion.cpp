#include "http/message_conversion.h"

#include <algorithm>
#include <cctype>

#include <boost/beast/core/string.hpp>
#include <nlohmann/json.hpp>

namespace mockroom::http {
namespace bhttp = boost::beast::http;

namespace {

constexpr std::string_view kServerName = "mockroom";
constexpr std::size_t kKiB = 1024;
constexpr std::size_t kMiB = 1024 * 1024;

// Headers every response carries unless the application chose its own value.
constexpr std::pair<std::string_view, std::string_view> kDefaultHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool parse_query(std::string_view query, std::map<std::string, std::string>& out) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) return false;
    out.emplace(std::move(*key), std::move(*value));
  }
  return true;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      if (c == '\0') return std::nullopt;
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    out.push_back(c);
  }
  return out;
}

std::optional<RequestTarget> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  std::size_t hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  std::size_t question = target.find('?');
  RequestTarget out;
  auto path = percent_decode(target.substr(0, question), false);
  if (!path) return std::nullopt;
  out.path = std::move(*path);
  if (question != std::string_view::npos && !parse_query(target.substr(question + 1), out.query)) {
    return std::nullopt;
  }
  return out;
}

std::optional<api::HttpRequest> to_api_request(BeastRequest& request, std::string remote_address) {
  auto target = parse_target(request.target());
  if (!target) return std::nullopt;
  api::HttpRequest out;
  out.method = std::string(request.method_string());
  out.path = std::move(target->path);
  out.query = std::move(target->query);
  for (const auto& field : request) {
    std::string name = to_lower(field.name_string());
    auto [it, inserted] = out.headers.emplace(name, std::string(field.value()));
    if (!inserted) {  // a repeated header: join as RFC 9110 section 5.3 allows
      it->second += name == "cookie" ? "; " : ", ";
      it->second += field.value();
    }
  }
  out.body = std::move(request.body());
  out.remote_address = std::move(remote_address);
  return out;
}

api::HttpResponse error_response(int status, std::string_view code, std::string_view message) {
  api::HttpResponse out;
  out.status = status;
  out.content_type = "application/json";
  out.body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
  return out;
}

std::string describe_size(std::size_t bytes) {
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

BeastResponse to_beast_response(api::HttpResponse&& response, const ReplyFraming& framing) {
  BeastResponse out{static_cast<bhttp::status>(response.status), framing.version};
  for (auto& [name, value] : response.headers) out.insert(name, value);
  if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
  out.set(bhttp::field::server, kServerName);
  for (auto [name, value] : kDefaultHeaders) {
    if (out.find(name) == out.end()) out.set(name, value);
  }
  if (framing.no_store && out.find(bhttp::field::cache_control) == out.end()) {
    out.set(bhttp::field::cache_control, "no-store");
  }
  out.keep_alive(framing.keep_alive);
  std::size_t body_size = response.body.size();
  if (framing.head) {
    out.content_length(body_size);  // the size a GET would send, with no body
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }
  return out;
}

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

bool is_websocket_path(std::string_view path) { return path.starts_with("/ws/"); }

}  // namespace mockroom::http
