// Implementation of http_client.h. libcurl callbacks are C: none of them lets an exception
// escape.
#include "http_client.h"

#include <cctype>
#include <ctime>
#include <string_view>

#include "boundary.h"

namespace mockroom::plugin_http {
namespace {

using std::chrono::milliseconds;

constexpr size_t kMaxRetryAfterDigits = 7;

// What the callbacks of one transfer share.
struct Transfer {
  const mr_call* call = nullptr;
  std::string body;
  bool too_large = false;
  std::optional<milliseconds> retry_after;
  const std::function<bool(std::string_view)>* on_data = nullptr;
  CURL* handle = nullptr;
  bool stopped = false;  // on_data asked to stop
  size_t streamed = 0;
};

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Retry-After is either delay-seconds or an HTTP date.
std::optional<milliseconds> parse_retry_after(std::string_view value) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  bool digits = value.find_first_not_of("0123456789") == std::string_view::npos;
  if (digits) {
    if (value.size() > kMaxRetryAfterDigits) return std::nullopt;
    return milliseconds(std::stoll(std::string(value)) * 1000);
  }
  time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when < 0) return std::nullopt;
  time_t now = std::time(nullptr);
  return milliseconds(when > now ? (when - now) * 1000 : 0);
}

size_t on_body(char* data, size_t size, size_t count, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  size_t length = size * count;
  if (transfer->on_data && *transfer->on_data) {
    long status = 0;
    curl_easy_getinfo(transfer->handle, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300) {
      transfer->streamed += length;
      if (transfer->streamed > kMaxResponseBytes) {
        transfer->too_large = true;
        return 0;
      }
      try {
        if (!(*transfer->on_data)(std::string_view(data, length))) {
          transfer->stopped = true;
          return 0;
        }
      } catch (...) {
        transfer->stopped = true;
        return 0;
      }
      return length;
    }
  }
  if (transfer->body.size() + length > kMaxResponseBytes) {
    transfer->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  try {
    transfer->body.append(data, length);
  } catch (...) {
    return 0;
  }
  return length;
}

size_t on_header(char* data, size_t size, size_t count, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  constexpr std::string_view kName = "retry-after:";
  try {
    if (line.starts_with("HTTP/")) transfer->retry_after.reset();  // a new response
    if (line.size() < kName.size()) return size * count;
    for (size_t i = 0; i < kName.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(line[i])) != kName[i]) return size * count;
    transfer->retry_after = parse_retry_after(line.substr(kName.size()));
  } catch (...) {
    transfer->retry_after.reset();
  }
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  try {
    return plugin_support::cancelled(transfer->call) ? 1 : 0;
  } catch (...) {
    return 1;
  }
}

Transport classify(CURLcode code, bool too_large, bool stopped) {
  if (stopped) return Transport::kCancelled;
  switch (code) {
    case CURLE_OK:
      return Transport::kOk;
    case CURLE_OPERATION_TIMEDOUT:
      return Transport::kTimedOut;
    case CURLE_ABORTED_BY_CALLBACK:
      return Transport::kCancelled;
    case CURLE_FILESIZE_EXCEEDED:
      return Transport::kTooLarge;
    case CURLE_WRITE_ERROR:
      return too_large ? Transport::kTooLarge : Transport::kOther;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return Transport::kTls;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return Transport::kConnection;
    default:
      return Transport::kOther;
  }
}

// The request headers; null when libcurl is out of memory.
HeaderList header_list(const std::string& auth_line, const std::string& content_type,
                       const std::vector<std::string>& extra) {
  HeaderList list;
  auto append = [&list](const char* line) {
    curl_slist* head = curl_slist_append(list.get(), line);  // null: `list` is unchanged
    if (head) (void)list.release(), list.reset(head);
    return head != nullptr;
  };
  bool accept_given = false;
  for (const std::string& h : extra) accept_given |= h.rfind("Accept:", 0) == 0;
  bool ok = append(("Content-Type: " + content_type).c_str()) && (accept_given || append("Accept: application/json")) &&
            append("Expect:") && (auth_line.empty() || append(auth_line.c_str()));
  for (const std::string& h : extra) ok = ok && append(h.c_str());
  return ok ? std::move(list) : nullptr;
}

void configure(CURL* h, const HttpRequest& request, Transfer& transfer, curl_slist* headers,
               char* error_buffer, const std::string& user_agent) {
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(kMaxResponseBytes));
  curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  if (request.method == Method::kPost) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }
}

HttpReply make_reply(CURL* h, CURLcode code, Transfer& transfer, const char* error_buffer) {
  HttpReply reply;
  reply.transport = classify(code, transfer.too_large, transfer.stopped);
  if (reply.transport != Transport::kOk) {
    reply.error = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return reply;
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(transfer.body);
  reply.retry_after = transfer.retry_after;
  return reply;
}

}  // namespace

HttpClient::HttpClient(const std::string& auth_header, const std::string& auth_token, std::string user_agent)
    : user_agent_(std::move(user_agent)) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (!auth_token.empty()) auth_line_ = auth_header + ": " + auth_token;
}

HttpClient::~HttpClient() = default;

HttpReply HttpClient::send(const HttpRequest& request) {
  Handle handle = acquire();
  HeaderList headers = header_list(auth_line_, request.content_type, request.headers);
  if (!handle || !headers) return {Transport::kOther, 0, {}, {}, "libcurl is out of memory"};
  Transfer transfer;
  transfer.call = request.call;
  transfer.on_data = &request.on_data;
  transfer.handle = handle.get();
  char error_buffer[CURL_ERROR_SIZE] = {};
  configure(handle.get(), request, transfer, headers.get(), error_buffer, user_agent_);
  CURLcode code = curl_easy_perform(handle.get());
  HttpReply reply = make_reply(handle.get(), code, transfer, error_buffer);
  release(std::move(handle));
  return reply;
}

HttpClient::Handle HttpClient::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      Handle handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  return Handle(curl_easy_init());
}

void HttpClient::release(Handle handle) {
  // Forgets every option (pointers into the finished call's stack included) but keeps the
  // connection cache, so the next request can reuse the connection.
  curl_easy_reset(handle.get());
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < kMaxIdleHandles) idle_.push_back(std::move(handle));
}  // a handle the pool has no room for is cleaned up here

}  // namespace mockroom::plugin_http
