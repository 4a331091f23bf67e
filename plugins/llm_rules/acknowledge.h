// The interviewer's short acknowledgement between questions.
//
// Three registers: neutral for a non-answer ("", "idk", "pass", under five words) so a
// non-answer is never praised; plain for an ordinary answer; appreciative only for a
// substantial answer (long enough and stating a measurable result). The line is chosen by a
// stable hash of (answer, turn) within one half of its register: even and odd question
// numbers (or turns, when the number is unknown) use disjoint halves, so consecutive
// acknowledgements never repeat a line. The last question of the
// interview gets a closing line instead. Pure function, safe from any thread.
#pragma once

#include <string>

#include "requests.h"

namespace mockroom::llm_rules {

std::string acknowledgement(const AcknowledgeRequest& request);

// {"text": ...}
std::string acknowledgement_json(const AcknowledgeRequest& request);

}  // namespace mockroom::llm_rules
