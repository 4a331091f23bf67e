#include "sse.h"

namespace mockroom::llm_openai {

std::optional<std::vector<std::string>> SseParser::feed(std::string_view bytes) {
  std::vector<std::string> events;
  for (char c : bytes) {
    if (c != '\n') {
      line_ += c;
      if (line_.size() + data_.size() > kMaxEventBytes) return std::nullopt;
      continue;
    }
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_.empty()) {  // end of event
      if (has_data_) events.push_back(std::move(data_));
      data_.clear();
      has_data_ = false;
    } else if (line_.rfind("data:", 0) == 0) {
      std::string_view value(line_);
      value.remove_prefix(5);
      if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (has_data_) data_ += '\n';
      data_ += value;
      has_data_ = true;
    }
    line_.clear();
  }
  return events;
}

std::optional<std::string> SseParser::finish() {
  if (!line_.empty()) feed("\n");
  if (!has_data_) return std::nullopt;
  has_data_ = false;
  return std::move(data_);
}

}  // namespace mockroom::llm_openai
