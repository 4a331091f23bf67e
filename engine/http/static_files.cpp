#include "http/static_files.h"

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

api::HttpResponse StaticFiles::serve(std::string_view path) const {
  if (is_unsafe(path)) return error_response(400, "bad_request", "Invalid path");
  std::error_code ec;
  fs::path file = root_ / fs::path(path).relative_path();
  if (fs::is_directory(file, ec)) file /= kIndexFile;
  if (fs::is_regular_file(file, ec)) return file_response(file);
  if (!last_segment_has_extension(path)) {
    fs::path index = root_ / kIndexFile;
    if (fs::is_regular_file(index, ec)) return file_response(index);
  }
  return error_response(404, "not_found", "No such file: " + std::string(path));
}

api::HttpResponse StaticFiles::file_response(const fs::path& file) const {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(file, ec);
  if (ec || size > kMaxFileBytes) {
    return error_response(500, "internal", "Cannot serve file " + file.filename().string());
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return error_response(500, "internal", "Cannot read " + file.filename().string());
  api::HttpResponse out;
  out.status = 200;
  out.content_type = std::string(content_type_for(file));
  out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (file.filename() == kIndexFile) {
    // The app shell must be revalidated so a deploy is picked up; hashed assets may cache.
    out.headers.emplace_back("Cache-Control", "no-cache");
  }
  return out;
}

}  // namespace mockroom::http
