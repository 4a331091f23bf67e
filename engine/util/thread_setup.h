// Naming and prioritising the calling thread, so that top and perf tell the engine's threads
// apart and the scheduler serves the latency-bound ones (network, provider streams) before
// the CPU-bound ones (turn logic, scoring). Linux schedules threads separately, so a nice
// value set here applies to this thread only.
#pragma once

#include <string>

namespace mockroom::util {

// Names the calling thread (cut to the 15 characters Linux keeps).
void name_this_thread(const std::string& name);

// Adds `increment` (> 0: lower priority) to the calling thread's nice value; false if the
// system refuses (errno says why). Raising it back needs privileges, so a thread that lowers
// itself stays lowered.
bool lower_this_thread_priority(int increment);

}  // namespace mockroom::util
