#include "acknowledge.h"

#include <iterator>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

#include "answer_profile.h"
#include "hash.h"

namespace mockroom::llm_rules {
namespace {

// An answer this long that states a measurable result may be praised.
constexpr size_t kMinWordsForPraise = 50;

enum class Register { kNeutral, kPlain, kAppreciative };

// Each table: the first half serves even turns, the second half odd turns.
constexpr std::string_view kNeutral[] = {
    "Okay, let's move on.",           "No problem, we can come back to that.",
    "That's fine. Let's keep going.", "Alright, let's try the next one.",
    "Understood. We'll move on.",     "Okay, noted. Let's continue.",
};

constexpr std::string_view kPlain[] = {
    "Thanks, that makes sense.",
    "Got it.",
    "Okay, that gives me a clear picture.",
    "Thank you for walking me through that.",
    "Understood, thanks.",
    "Alright, thanks for explaining.",
    "Okay, I follow.",
    "Thanks. That's useful context.",
};

constexpr std::string_view kAppreciative[] = {
    "Great example, thanks.",
    "That's a strong example, thank you.",
    "Thanks, the concrete numbers really help.",
    "Nice, that's a clear result.",
    "Good example. That gives me a clear picture of your impact.",
    "Thanks, that's a well-structured answer.",
};

constexpr std::string_view kClosingNeutral[] = {
    "Okay, that was my last question.",
    "Alright, that's all the questions I had.",
};

constexpr std::string_view kClosing[] = {
    "Thanks, that was my last question.",
    "Got it, thank you. That brings us to the end of the questions.",
};

static_assert(std::size(kNeutral) % 2 == 0 && std::size(kPlain) % 2 == 0 &&
                  std::size(kAppreciative) % 2 == 0 && std::size(kClosingNeutral) % 2 == 0 &&
                  std::size(kClosing) % 2 == 0,
              "even and odd turns need equal halves");

Register register_for(const AcknowledgeRequest& request) {
  AnswerProfile profile = profile_answer(request.answer, {});
  if (profile.non_answer) return Register::kNeutral;
  if (profile.words >= kMinWordsForPraise && profile.measurable_outcome)
    return Register::kAppreciative;
  return Register::kPlain;
}

std::span<const std::string_view> lines_for(Register reg, bool last_question) {
  if (last_question) {
    if (reg == Register::kNeutral) return kClosingNeutral;
    return kClosing;
  }
  switch (reg) {
    case Register::kNeutral:
      return kNeutral;
    case Register::kPlain:
      return kPlain;
    case Register::kAppreciative:
      return kAppreciative;
  }
  return kPlain;
}

}  // namespace

std::string acknowledgement(const AcknowledgeRequest& request) {
  bool last_question =
      request.total_questions > 0 && request.question_number == request.total_questions;
  std::span<const std::string_view> lines = lines_for(register_for(request), last_question);
  size_t half = lines.size() / 2;
  // Consecutive acknowledgements are for consecutive main questions; `turn` also counts
  // follow-ups, so it can skip. The question number, when known, alternates reliably.
  int sequence = request.question_number > 0 ? request.question_number : request.turn;
  size_t parity = static_cast<size_t>(sequence % 2);
  uint64_t h = StableHash().add(request.answer).add(static_cast<uint64_t>(request.turn)).value();
  return std::string(lines[parity * half + h % half]);
}

std::string acknowledgement_json(const AcknowledgeRequest& request) {
  nlohmann::ordered_json out;
  out["text"] = acknowledgement(request);
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::strict);
}

}  // namespace mockroom::llm_rules
