// Serves the web client's files from a directory.
#pragma once

#include <filesystem>
#include <string_view>

#include "api/http_types.h"

namespace mockroom::http {

// Maps GET/HEAD paths to files under one root directory, with the content type taken
// from the extension. "/" and directories serve their index.html; an unknown path whose
// last segment has no extension serves the root index.html, so single-page-app routes
// like "/interviews/42" load the app. Paths containing ".." are refused.
//
// Immutable after construction; serve() reads the disk, so call it on a worker thread.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // Whether a request belongs to the files rather than the application: GET or HEAD
  // outside /api and /ws.
  static bool handles(std::string_view method, std::string_view path);

  // The file's response, or a JSON 400/404/500 error. `path` is the decoded path.
  api::HttpResponse serve(std::string_view path) const;

 private:
  api::HttpResponse file_response(const std::filesystem::path& file) const;

  std::filesystem::path root_;
};

// The Content-Type for a file name, by extension; application/octet-stream if unknown.
std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace mockroom::http
