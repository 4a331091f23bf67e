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
// Caching: files under /assets/ are content-hashed by the build (a new build gives them
// new names), so they may be cached for a year as immutable; everything else (index.html,
// the icon) is "no-cache" with an ETag, so a deploy is seen at once and an unchanged file
// costs a 304. A file with a precompressed "NAME.gz" beside it is sent gzip-encoded to
// clients that accept it.
//
// Immutable after construction; serve() reads the disk, so call it on a worker thread.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // Whether a request belongs to the files rather than the application: GET or HEAD
  // outside /api and /ws.
  static bool handles(std::string_view method, std::string_view path);

  // The file's response (or 304 Not Modified), or a JSON 400/404/500 error. Reads the
  // request's decoded path, If-None-Match and Accept-Encoding.
  api::HttpResponse serve(const api::HttpRequest& request) const;

 private:
  api::HttpResponse file_response(const std::filesystem::path& file, const api::HttpRequest& request,
                                  std::string_view path) const;

  std::filesystem::path root_;
};

// The Content-Type for a file name, by extension; application/octet-stream if unknown.
std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace mockroom::http
