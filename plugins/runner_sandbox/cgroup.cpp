#include "cgroup.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace mockroom::runner_sandbox {
namespace {

constexpr char kCgroupRoot[] = "/sys/fs/cgroup";
constexpr char kParentName[] = "mockroom-runner";
constexpr int kKillRounds = 200;
constexpr auto kKillPause = std::chrono::milliseconds(2);
constexpr int64_t kBytesPerKb = 1024;
enum { kV1Memory = 0, kV1Pids = 1, kV1Cpu = 2 };

std::atomic<uint64_t> g_run_counter{0};

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string read_small(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool write_value(const std::string& path, const std::string& value) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  bool ok = ::write(fd, value.data(), value.size()) == static_cast<ssize_t>(value.size());
  ::close(fd);
  return ok;
}

// memsw (memory + swap) first when it is larger than the new limit, so that memory never
// exceeds memsw; both get the same value: no swap.
bool write_memory_v1(const std::string& dir, const std::string& bytes) {
  std::string memsw = dir + "/memory.memsw.limit_in_bytes";
  bool has_memsw = exists(memsw);
  if (has_memsw) write_value(memsw, bytes);  // fails harmlessly when lower than memory
  bool ok = write_value(dir + "/memory.limit_in_bytes", bytes);
  if (has_memsw) write_value(memsw, bytes);
  return ok;
}

// "key value" lines (memory.events, cpu.stat, memory.oom_control): the value of `key` or -1.
int64_t keyed_value(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string k;
  int64_t v;
  while (in >> k >> v)
    if (k == key) return v;
  return -1;
}

int64_t number_in(const std::string& path) {
  std::string text = read_small(path);
  if (text.empty()) return -1;
  return std::strtoll(text.c_str(), nullptr, 10);
}

// This process's cgroup path for a v1 controller ("memory") or v2 (""), from /proc/self/cgroup.
std::string own_path(const std::string& controller) {
  std::istringstream in(read_small("/proc/self/cgroup"));
  for (std::string line; std::getline(in, line);) {
    size_t first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    std::string names = line.substr(first + 1, second - first - 1);
    std::stringstream list(names);
    for (std::string name; std::getline(list, name, ',');)
      if (name == controller) return line.substr(second + 1);
    if (controller.empty() && names.empty()) return line.substr(second + 1);
  }
  return "/";
}

// "<mount>/<own path>/mockroom-runner", created; falls back to the mount's root when this
// process's own cgroup is not visible (another cgroup namespace). "" when unusable.
std::string make_parent(const std::string& mount) {
  std::string controller = mount.substr(mount.rfind('/') + 1);
  std::string own = mount + (controller == "cgroup" ? own_path("") : own_path(controller));
  if (!exists(own)) own = mount;
  std::string parent = own + "/" + kParentName;
  if (::mkdir(parent.c_str(), 0700) != 0 && errno != EEXIST) return "";
  return parent;
}

std::string v1_mount(const char* a, const char* b = nullptr) {
  for (const char* name : {a, b}) {
    if (!name) continue;
    std::string mount = std::string(kCgroupRoot) + "/" + name;
    if (exists(mount + "/cgroup.procs")) return mount;
  }
  return "";
}

}  // namespace

// ---- RunCgroup ---------------------------------------------------------------------------

RunCgroup::RunCgroup(CgroupVersion version, std::vector<std::string> dirs)
    : version_(version), dirs_(std::move(dirs)) {
  for (const std::string& d : dirs_) {
    if (d.empty()) continue;
    int fd = ::open((d + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd >= 0) join_fds_.push_back(fd);
  }
}

RunCgroup::~RunCgroup() {
  for (int fd : join_fds_) ::close(fd);
  kill_all();
  for (const std::string& d : dirs_) {
    for (int i = 0; !d.empty() && i < kKillRounds; ++i) {
      if (::rmdir(d.c_str()) == 0 || errno == ENOENT) break;
      std::this_thread::sleep_for(kKillPause);  // zombies are still being reaped
    }
  }
}

double RunCgroup::cpu_seconds() const {
  if (version_ == CgroupVersion::kV2)
    return static_cast<double>(keyed_value(read_small(dir(0) + "/cpu.stat"), "usage_usec")) / 1e6;
  if (dir(kV1Cpu).empty()) return -1;
  int64_t ns = number_in(dir(kV1Cpu) + "/cpuacct.usage");
  return ns < 0 ? -1 : static_cast<double>(ns) / 1e9;
}

int64_t RunCgroup::peak_memory_kb() const {
  std::string file = version_ == CgroupVersion::kV2 ? dir(0) + "/memory.peak"
                                                    : dir(kV1Memory) + "/memory.max_usage_in_bytes";
  int64_t bytes = number_in(file);
  return bytes < 0 ? -1 : bytes / kBytesPerKb;
}

bool RunCgroup::oom_killed() const { return oom_kills() > 0; }

int64_t RunCgroup::oom_kills() const {
  if (version_ == CgroupVersion::kV2)
    return std::max<int64_t>(0, keyed_value(read_small(dir(0) + "/memory.events"), "oom_kill"));
  int64_t kills = keyed_value(read_small(dir(kV1Memory) + "/memory.oom_control"), "oom_kill");
  if (kills >= 0) return kills;
  return std::max<int64_t>(0, number_in(dir(kV1Memory) + "/memory.failcnt"));
}

void RunCgroup::reset_peak_memory() const {
  if (version_ == CgroupVersion::kV1) write_value(dir(kV1Memory) + "/memory.max_usage_in_bytes", "0");
}

bool RunCgroup::apply_limits(const Limits& limits, std::string& error) const {
  std::string memory = std::to_string((limits.memory_kb + kBoxOverheadMemoryKb) * kBytesPerKb);
  std::string procs = std::to_string(limits.max_processes + kBoxOverheadProcesses);
  bool ok = version_ == CgroupVersion::kV2
                ? write_value(dir(0) + "/memory.max", memory) &&
                      write_value(dir(0) + "/pids.max", procs)
                : write_memory_v1(dir(kV1Memory), memory) &&
                      write_value(dir(kV1Pids) + "/pids.max", procs);
  if (version_ == CgroupVersion::kV2) write_value(dir(0) + "/memory.swap.max", "0");
  if (!ok) error = "cannot set the limits of cgroup " + dir(0) + ": " + std::strerror(errno);
  return ok;
}

std::vector<int> RunCgroup::pids() const {
  std::vector<int> result;
  for (const std::string& d : dirs_) {
    if (d.empty()) continue;
    std::istringstream in(read_small(d + "/cgroup.procs"));
    for (int pid; in >> pid;) result.push_back(pid);
  }
  return result;
}

void RunCgroup::kill_all() const {
  if (version_ == CgroupVersion::kV2) write_value(dir(0) + "/cgroup.kill", "1");
  for (int round = 0; round < kKillRounds; ++round) {
    std::vector<int> left = pids();
    if (left.empty()) return;
    for (int pid : left)
      if (pid > 1) ::kill(pid, SIGKILL);
    std::this_thread::sleep_for(kKillPause);
  }
}

// ---- CgroupHost --------------------------------------------------------------------------

CgroupHost CgroupHost::detect(CgroupMode mode, std::string& why_not) {
  CgroupHost host;
  if (mode == CgroupMode::kOff) {
    why_not = "cgroups are off in the config";
    return host;
  }
  if (exists(std::string(kCgroupRoot) + "/cgroup.controllers")) {
    std::string own = std::string(kCgroupRoot) + own_path("");
    if (!exists(own)) own = kCgroupRoot;
    write_value(own + "/cgroup.subtree_control", "+memory +pids");
    std::string parent = make_parent(kCgroupRoot);
    if (parent.empty() || !write_value(parent + "/cgroup.subtree_control", "+memory +pids")) {
      why_not = "cgroup v2 found, but the memory and pids controllers cannot be delegated under " +
                own + " (" + std::strerror(errno) + ")";
      return host;
    }
    host.version_ = CgroupVersion::kV2;
    host.parents_ = {parent};
    return host;
  }
  std::string memory = v1_mount("memory"), pids = v1_mount("pids");
  if (memory.empty() || pids.empty()) {
    why_not = "no cgroup v2 and no cgroup v1 memory+pids hierarchies under /sys/fs/cgroup";
    return host;
  }
  std::string cpu = v1_mount("cpuacct", "cpu,cpuacct");
  std::vector<std::string> parents = {make_parent(memory), make_parent(pids),
                                      cpu.empty() ? "" : make_parent(cpu)};
  if (parents[kV1Memory].empty() || parents[kV1Pids].empty()) {
    why_not = "cgroup v1 found, but " + memory + " is not writable (" + std::strerror(errno) + ")";
    return host;
  }
  host.version_ = CgroupVersion::kV1;
  host.parents_ = std::move(parents);
  return host;
}

std::unique_ptr<RunCgroup> CgroupHost::create_run(const Limits& limits, std::string& error) const {
  std::string name = "/run-" + std::to_string(::getpid()) + "-" + std::to_string(++g_run_counter);
  std::vector<std::string> dirs;
  for (const std::string& parent : parents_) {
    std::string d = parent.empty() ? "" : parent + name;
    if (!d.empty() && ::mkdir(d.c_str(), 0700) != 0) {
      error = "cannot create cgroup " + d + ": " + std::strerror(errno);
      d.clear();
    }
    dirs.push_back(d);
  }
  auto run = std::make_unique<RunCgroup>(version_, dirs);
  if (!error.empty() || !run->apply_limits(limits, error)) return nullptr;
  size_t expected = version_ == CgroupVersion::kV2 ? 1u : dirs.size() - (dirs[kV1Cpu].empty() ? 1 : 0);
  if (run->join_fds().size() != expected) {
    error = "cannot open cgroup.procs of cgroup " + dirs[0] + ": " + std::strerror(errno);
    return nullptr;
  }
  return run;
}

}  // namespace mockroom::runner_sandbox
