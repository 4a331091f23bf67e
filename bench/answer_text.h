// Candidate answers for the load generator.
#pragma once

#include <cstdint>
#include <string>

namespace mockroom::bench {

// A realistic behavioural answer in STAR form (situation, task, action, result, sometimes
// a lesson), 60-120 words, with a number in the result. Deterministic: the same
// (session, turn) always gives the same text, and consecutive turns of a session differ,
// so the server sees varied input without the load generator spending time on it.
std::string star_answer(uint64_t session, uint64_t turn);

}  // namespace mockroom::bench
