#include "util/thread_setup.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>

namespace mockroom::util {

void name_this_thread(const std::string& name) { pthread_setname_np(pthread_self(), name.substr(0, 15).c_str()); }

bool lower_this_thread_priority(int increment) {
  if (increment <= 0) return true;
  const auto tid = static_cast<id_t>(gettid());
  errno = 0;
  int current = getpriority(PRIO_PROCESS, tid);
  return errno == 0 && setpriority(PRIO_PROCESS, tid, current + increment) == 0;
}

}  // namespace mockroom::util
