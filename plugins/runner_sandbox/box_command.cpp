#include "box_command.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "language.h"

namespace mockroom::runner_sandbox {
namespace {

constexpr char kBoxUid[] = "65534";
constexpr char kBoxGid[] = "65534";
constexpr char kPrlimit[] = "/usr/bin/prlimit";
constexpr char kBoxPath[] = "/usr/local/bin:/usr/bin:/bin";

// Top-level system dirs: a symlink is recreated (usrmerge: /lib -> usr/lib), a real
// directory is bound read-only.
constexpr const char* kSystemDirs[] = {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"};
// Single files and dirs of /etc that compilers and interpreters read. Not /etc itself.
constexpr const char* kEtcEntries[] = {"/etc/alternatives", "/etc/ld.so.cache",
                                       "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime"};

void add(std::vector<std::string>& args, std::initializer_list<std::string> items) {
  args.insert(args.end(), items);
}

void add_system_dir(std::vector<std::string>& args, const char* dir) {
  struct stat st;
  if (::lstat(dir, &st) != 0) return;
  if (S_ISLNK(st.st_mode)) {
    char target[PATH_MAX];
    ssize_t n = ::readlink(dir, target, sizeof(target) - 1);
    if (n > 0) add(args, {"--symlink", std::string(target, static_cast<size_t>(n)), dir});
  } else if (S_ISDIR(st.st_mode)) {
    add(args, {"--ro-bind", dir, dir});
  }
}

void add_mounts(std::vector<std::string>& args, const std::vector<FdMount>& mounts) {
  for (size_t i = 0; i < mounts.size(); ++i) {
    const FdMount& m = mounts[i];
    const char* option = m.access == MountAccess::kWritable ? "--bind-fd" : "--ro-bind-fd";
    add(args, {option, std::to_string(kChildFirstMountFd + static_cast<int>(i)), m.box_path});
  }
}

}  // namespace

std::vector<std::string> base_bwrap_args(const Config& config) {
  (void)config;
  std::vector<std::string> args = {"--unshare-all", "--unshare-user", "--disable-userns",
                                   "--die-with-parent", "--new-session", "--clearenv",
                                   "--uid", kBoxUid, "--gid", kBoxGid, "--hostname", "box"};
  add(args, {"--ro-bind", "/usr", "/usr"});
  for (const char* dir : kSystemDirs) add_system_dir(args, dir);
  for (const char* entry : kEtcEntries) add(args, {"--ro-bind-try", entry, entry});
  add(args, {"--proc", "/proc", "--dev", "/dev"});
  std::string tmpfs_size = std::to_string(kTmpfsSizeBytes);
  add(args, {"--size", tmpfs_size, "--tmpfs", "/tmp", "--size", tmpfs_size, "--tmpfs", kBoxHome});
  add(args, {"--setenv", "PATH", kBoxPath, "--setenv", "HOME", kBoxHome, "--setenv", "LANG",
             "C.UTF-8", "--setenv", "TMPDIR", "/tmp"});
  return args;
}

std::vector<std::string> box_bwrap_args(const Config& config,
                                        const std::vector<std::string>& base,
                                        const BoxSpec& spec, ProcessLimit processes) {
  std::vector<std::string> args = {config.bwrap_path};
  args.insert(args.end(), base.begin(), base.end());
  add_mounts(args, spec.mounts);
  for (const auto& [name, value] : spec.env) add(args, {"--setenv", name, value});
  add(args, {"--chdir", kBoxHome, "--remount-ro", "/"});
  add(args, {"--seccomp", std::to_string(kChildSeccompFd), "--json-status-fd",
             std::to_string(kChildStatusFd), "--"});
  if (processes == ProcessLimit::kByRlimitInBox)
    add(args, {kPrlimit, "--nproc=" + std::to_string(spec.limits.max_processes + kBoxOverheadProcesses),
               "--"});
  args.insert(args.end(), spec.argv.begin(), spec.argv.end());
  return args;
}

std::vector<std::string> session_bwrap_args(const Config& config,
                                            const std::vector<std::string>& base,
                                            const std::vector<FdMount>& mounts, int driver_fd) {
  std::vector<std::string> args = {config.bwrap_path};
  args.insert(args.end(), base.begin(), base.end());
  add_mounts(args, mounts);
  add(args, {"--ro-bind-fd", std::to_string(driver_fd), kBoxInitPath, "--as-pid-1"});
  add(args, {"--chdir", kBoxHome, "--remount-ro", "/"});
  add(args, {"--seccomp", std::to_string(kChildSeccompFd), "--", kBoxInitPath});
  return args;
}

}  // namespace mockroom::runner_sandbox
