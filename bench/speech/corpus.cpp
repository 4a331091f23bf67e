#include "corpus.h"

#include <fstream>
#include <sstream>

namespace mockroom::bench::speech {

std::vector<Reading> librivox_readings() {
  // Lines look like: "<s> he was not an ill disposed young man </s> (sense_and_..._0880)"
  std::ifstream in(std::string(kLibrivoxDir) + "/transcription");
  std::vector<Reading> out;
  for (std::string line; std::getline(in, line);) {
    size_t open = line.rfind('(');
    size_t close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open) continue;
    std::string id = line.substr(open + 1, close - open - 1);
    std::istringstream words(line.substr(0, open));
    std::string text;
    for (std::string w; words >> w;) {
      if (w == "<s>" || w == "</s>") continue;
      text += (text.empty() ? "" : " ") + w;
    }
    out.push_back({id + ".wav", text});
  }
  return out;
}

const std::vector<SpokenAnswer>& interview_answers() {
  static const std::vector<SpokenAnswer> kAnswers = {
      {"How would you make a payment request safe to retry?", {"idempotency", "retry", "duplicate"},
       "I would give every request an idempotency key and store the result, so a retry returns the same answer "
       "instead of charging the card twice."},
      {"Tell me about a time you improved performance.", {"latency", "profiling", "cache"},
       "Our search page was slow, so I profiled it, found an unindexed query, and added a cache that cut the latency "
       "from two seconds to two hundred milliseconds."},
      {"How do you handle a disagreement with a teammate?", {"conflict", "listen", "compromise"},
       "I start by listening to their reasons, then we write down the trade-offs together and agree on a small "
       "experiment to settle it."},
      {"What is the time complexity of your solution?", {"complexity", "linear", "logarithmic"},
       "Sorting costs n log n, and the single pass after it is linear, so the whole solution is n log n time and "
       "constant extra space."},
      {"How would you design a rate limiter?", {"token bucket", "throttle", "distributed"},
       "I would use a token bucket per user kept in a shared store, refill it every second, and reject requests "
       "once the bucket is empty."},
      {"Tell me about a project you are proud of.", {"impact", "ownership", "launch"},
       "I owned the launch of our mobile checkout, and within a quarter it raised conversion by twelve percent."},
      {"How do you test a distributed system?", {"integration", "failure", "chaos"},
       "Besides unit tests I run integration tests against real services, and I inject failures like dropped "
       "messages and slow disks to see how it recovers."},
      {"Why do you want to work here?", {"mission", "growth", "team"},
       "I like that your team ships small changes every day, and I want to grow by working on a product that "
       "millions of people use."},
      {"How would you store user sessions?", {"session", "expiry", "database"},
       "I would keep sessions in a key value store with an expiry, and write the important events to the main "
       "database so nothing is lost."},
      {"What happens when the input list is empty?", {"edge case", "empty", "null"},
       "If the list is empty the loop never runs, so I return zero right away, and I added a test for that edge "
       "case."},
      {"Describe a time you missed a deadline.", {"deadline", "communication", "scope"},
       "We underestimated the migration, so I told the manager two weeks early, cut the scope, and delivered the "
       "core part on time."},
      {"How would you scale a read heavy database?", {"replica", "sharding", "caching"},
       "First I would add read replicas and caching, and only if writes grow too much would I shard the data by "
       "customer."},
      {"How do you mentor junior engineers?", {"mentor", "feedback", "pairing"},
       "I pair with them on real tasks, give specific feedback in code review, and let them own a small feature "
       "from start to finish."},
      {"What would you monitor for this service?", {"metrics", "alerts", "error rate"},
       "I would watch the error rate, the latency percentiles and the queue length, with alerts when any of them "
       "stays high for five minutes."},
      {"How would you find a memory leak?", {"memory", "heap", "profiler"},
       "I would compare heap snapshots over time with a profiler, find the objects that keep growing, and trace "
       "who still holds a reference."},
      {"Tell me about a failure and what you learned.", {"failure", "lesson", "postmortem"},
       "A deploy of mine took the site down for ten minutes; in the postmortem we added a canary stage, and I "
       "learned to roll out slowly."},
      {"How would you design a URL shortener?", {"hash", "redirect", "collision"},
       "I would generate a short code from a counter encoded in base sixty two, store it with the long URL, and "
       "redirect with a cached lookup."},
      {"How do you prioritise your work?", {"priority", "impact", "urgency"},
       "I rank tasks by impact and urgency, agree on the top three with my manager each week, and say no to the "
       "rest for now."},
      {"Explain how a hash map works.", {"hash", "bucket", "collision"},
       "A hash map turns each key into a bucket index with a hash function, and when two keys collide it keeps "
       "both in a small list."},
      {"How would you roll out a risky change?", {"feature flag", "rollback", "canary"},
       "I would hide it behind a feature flag, enable it for one percent of users, watch the metrics, and keep a "
       "quick rollback ready."},
  };
  return kAnswers;
}

}  // namespace mockroom::bench::speech
