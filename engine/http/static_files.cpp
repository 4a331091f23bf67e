#include "http/static_files.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <system_error>

#include "http/message_conversion.h"

namespace mockroom::http {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kIndexFile = "index.html";
// Files larger than this are not served: the web client has no business being so big,
// and a response body is held in memory while it is written.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;
// The build's content-hashed output (Vite's assetsDir): safe to cache for good.
constexpr std::string_view kHashedAssetsPrefix = "/assets/";
constexpr std::string_view kImmutableCaching = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
constexpr std::string_view kGzipSuffix = ".gz";

struct ExtensionType {
  std::string_view extension;
  std::string_view content_type;
};

constexpr ExtensionType kContentTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".wasm", "application/wasm"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
};

// True when any segment of the path is "..", or the path carries characters that have
// no business in a file name we serve.
bool is_unsafe(std::string_view path) {
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return true;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (path.substr(start, slash - start) == "..") return true;
    start = slash + 1;
  }
  return false;
}

bool last_segment_has_extension(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return last.find('.') != std::string_view::npos;
}

// Whether the client takes gzip: "gzip" listed in Accept-Encoding and not refused with q=0.
bool accepts_gzip(std::string_view accept_encoding) {
  std::size_t at = accept_encoding.find("gzip");
  if (at == std::string_view::npos) return false;
  std::string_view rest = accept_encoding.substr(at + 4);
  rest = rest.substr(0, rest.find(','));
  std::string compact;
  for (char c : rest) {
    if (c != ' ') compact += c;
  }
  return compact != ";q=0" && compact != ";q=0.0" && compact != ";q=0.00" && compact != ";q=0.000";
}

// A validator that changes whenever the file does: its size and modification time.
std::string etag_for(const fs::path& file, std::uintmax_t size) {
  std::error_code ec;
  auto mtime = fs::last_write_time(file, ec);
  auto ticks = ec ? 0 : std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  char text[48];
  std::snprintf(text, sizeof text, "\"%jx-%jx\"", static_cast<std::uintmax_t>(size),
                static_cast<std::uintmax_t>(ticks));
  return text;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  while (!if_none_match.empty()) {
    std::size_t comma = if_none_match.find(',');
    std::string_view candidate = if_none_match.substr(0, comma);
    while (!candidate.empty() && candidate.front() == ' ') candidate.remove_prefix(1);
    while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::string_view content_type_for(const fs::path& file) {
  std::string extension = file.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& entry : kContentTypes) {
    if (entry.extension == extension) return entry.content_type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {}

bool StaticFiles::handles(std::string_view method, std::string_view path) {
  return (method == "GET" || method == "HEAD") && !is_api_path(path) && !is_websocket_path(path) &&
         path != "/ws";
}

api::HttpResponse StaticFiles::serve(const api::HttpRequest& request) const {
  const std::string_view path = request.path;
  if (is_unsafe(path)) return error_response(400, "bad_request", "Invalid path");
  std::error_code ec;
  fs::path file = root_ / fs::path(path).relative_path();
  if (fs::is_directory(file, ec)) file /= kIndexFile;
  if (fs::is_regular_file(file, ec)) return file_response(file, request, path);
  if (!last_segment_has_extension(path)) {
    fs::path index = root_ / kIndexFile;
    if (fs::is_regular_file(index, ec)) return file_response(index, request, "/");
  }
  return error_response(404, "not_found", "No such file: " + std::string(path));
}

api::HttpResponse StaticFiles::file_response(const fs::path& file, const api::HttpRequest& request,
                                             std::string_view path) const {
  const bool immutable = path.starts_with(kHashedAssetsPrefix) && file.filename() != kIndexFile;
  api::HttpResponse out;
  out.status = 200;
  out.content_type = std::string(content_type_for(file));
  out.headers.emplace_back("Cache-Control", immutable ? kImmutableCaching : kRevalidate);

  std::error_code ec;
  fs::path gzipped = file;
  gzipped += kGzipSuffix;
  const bool has_gzip = file.extension() != kGzipSuffix && fs::is_regular_file(gzipped, ec);
  if (has_gzip) out.headers.emplace_back("Vary", "Accept-Encoding");
  const bool send_gzip = has_gzip && accepts_gzip(request.header("accept-encoding"));
  const fs::path& source = send_gzip ? gzipped : file;

  std::uintmax_t size = fs::file_size(source, ec);
  if (ec || size > kMaxFileBytes) {
    return error_response(500, "internal", "Cannot serve file " + file.filename().string());
  }
  if (!immutable) {
    std::string etag = etag_for(source, size);
    out.headers.emplace_back("ETag", etag);
    if (etag_matches(request.header("if-none-match"), etag)) {
      out.status = 304;
      out.content_type.clear();
      return out;
    }
  }
  std::ifstream in(source, std::ios::binary);
  if (!in) return error_response(500, "internal", "Cannot read " + file.filename().string());
  if (send_gzip) out.headers.emplace_back("Content-Encoding", "gzip");
  out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return out;
}

}  // namespace mockroom::http
