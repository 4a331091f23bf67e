// Base64 (RFC 4648, standard alphabet with padding) for Judge0's base64_encoded=true mode.
// Judge0 (Ruby's Base64.encode64) breaks its output into lines, so decoding skips ASCII
// whitespace. Pure functions, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mockroom::runner_judge0 {

std::string base64_encode(std::string_view bytes);

// The decoded bytes, or nullopt when `text` is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace mockroom::runner_judge0
