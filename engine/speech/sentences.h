// Splitting interviewer text into pieces worth synthesising one at a time: sentences,
// with very short ones joined to the next, so the first audio comes quickly and a barge-in
// stops at the next piece at the latest, while prosody stays whole. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::speech {

inline constexpr std::size_t kMinPieceChars = 40;

std::vector<std::string> speech_pieces(std::string_view text, std::size_t min_chars = kMinPieceChars);

}  // namespace mockroom::speech
