// Server-Sent Events as OpenAI-compatible servers stream chat completions: "data: {...}"
// lines, events separated by a blank line, "data: [DONE]" at the end. Bytes arrive in any
// split; feed() returns each complete event's data. Comments (": ...") and other fields are
// ignored. Bounded: an event longer than kMaxEventBytes is an error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::llm_openai {

inline constexpr size_t kMaxEventBytes = 1024 * 1024;

class SseParser {
 public:
  // The data of each event completed by `bytes`; nullopt when an event is too long.
  std::optional<std::vector<std::string>> feed(std::string_view bytes);
  // Data of an unterminated last event (a server that closes without a blank line).
  std::optional<std::string> finish();

 private:
  std::string line_;
  std::string data_;
  bool has_data_ = false;
};

}  // namespace mockroom::llm_openai
