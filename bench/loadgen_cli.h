// The load generator's command line: its options in, its report out.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace mockroom::bench {

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // required
  int sessions = 1000;
  int users = 20;
  long turns = 20000;           // answers to send in total, over all sessions
  long concurrency = 1000;      // answers in flight at once
  long rate = 0;                // answers started per second over all sessions; 0 = as fast as possible
  double duration_seconds = 0;  // stop sending answers after this long; 0 = no limit
  double warmup_seconds = 0;    // turns scheduled before this are not measured
  pid_t server_pid = 0;         // report the server's RSS when set
};

// Parses the arguments ("--name value" or "--name=value"). Prints usage and exits on
// --help (status 0) or on a bad or missing argument (status 2).
Options parse_options(int argc, char** argv);

struct Report {
  long sessions = 0;  // WebSockets that opened
  long errors = 0;    // error frames, failed requests, connections and timeouts
  long interviews_completed = 0;
  double elapsed_seconds = 0;        // of the answering phase
  std::vector<double> latencies_ms;  // one per completed turn
  std::vector<double> finishing_ms;  // the subset whose answer completed an interview
  std::vector<double> report_ms;     // from such an answer to the report frame (scored)
  std::optional<long> rss_before;    // KiB, before any interview was created
  std::optional<long> rss_idle;      // KiB, with every session open and idle
  std::optional<long> rss_end;       // KiB, after the last turn
};

// VmRSS of a process in KiB; nullopt when pid is 0 or /proc cannot tell.
std::optional<long> read_rss_kib(pid_t pid);

// Aligned human-readable lines, then one JSON line for scripts.
void print_report(const Options& options, const Report& report, std::ostream& out);

}  // namespace mockroom::bench
