// The interviewer's short acknowledgement between questions.
//
// Three registers: neutral for a non-answer ("", "idk", "pass", under five words) so a
// non-answer is never praised; plain for an ordinary answer; appreciative only for a
// substantial answer (long enough and stating a measurable result). The line is chosen by a
// stable hash of (answer, turn); even and odd turns draw from disjoint halves of each
// register, so two consecutive turns never get the same line. The last question of the
// interview gets a closing line instead. Pure function, safe from any thread.
#pragma once

#include <string>

#include "requests.h"

namespace mockroom::llm_rules {

std::string acknowledgement(const AcknowledgeRequest& request);

// {"text": ...}
std::string acknowledgement_json(const AcknowledgeRequest& request);

}  // namespace mockroom::llm_rules
