#include "seccomp_policy.h"

#include <fcntl.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace mockroom::runner_sandbox {
namespace {

using plugin_support::Parsed;

constexpr const char* kDeniedSyscalls[] = {
    "ptrace", "mount", "umount", "umount2", "unshare", "setns", "keyctl", "add_key",
    "request_key", "bpf", "perf_event_open", "kexec_load", "kexec_file_load", "init_module",
    "finit_module", "delete_module", "reboot", "swapon", "swapoff", "pivot_root", "chroot",
    "personality", "userfaultfd", "process_vm_readv", "process_vm_writev", "acct",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "syslog", "quotactl",
    "open_by_handle_at", "name_to_handle_at", "lookup_dcookie", "vhangup", "iopl", "ioperm",
    "uselib", "nfsservctl", "io_uring_setup", "io_uring_enter", "io_uring_register",
    "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr",
    "kcmp", "fanotify_init", "setdomainname", "sethostname", "vm86", "vm86old"};

constexpr unsigned long kNamespaceCloneFlags[] = {
    CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS,
    CLONE_NEWCGROUP, CLONE_NEWTIME};

constexpr unsigned long kDeniedIoctls[] = {TIOCSTI, TIOCLINUX};

struct FilterDeleter {
  void operator()(scmp_filter_ctx ctx) const { seccomp_release(ctx); }
};
using Filter = std::unique_ptr<void, FilterDeleter>;

// Adds every rule; returns the first failing rule's description, or "".
std::string add_rules(scmp_filter_ctx ctx) {
  const uint32_t deny = SCMP_ACT_ERRNO(EPERM);
  for (const char* name : kDeniedSyscalls) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) continue;  // not on this architecture
    if (seccomp_rule_add(ctx, deny, nr, 0) != 0) return std::string("deny ") + name;
  }
  for (unsigned long flag : kNamespaceCloneFlags) {
    if (seccomp_rule_add(ctx, deny, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag)))
      return "clone namespace flags";
  }
  if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) != 0) return "clone3";
  for (unsigned long request : kDeniedIoctls) {
    if (seccomp_rule_add(ctx, deny, SCMP_SYS(ioctl), 1,
                         SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, request)) != 0)
      return "ioctl";
  }
  return "";
}

}  // namespace

Parsed<std::string> build_seccomp_program() {
  Filter filter(seccomp_init(SCMP_ACT_ALLOW));
  if (!filter) return Parsed<std::string>::failure("seccomp_init failed");
  // Calls from another architecture's ABI (int 0x80 on x86-64) kill the process.
  seccomp_attr_set(filter.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
  if (std::string failed = add_rules(filter.get()); !failed.empty())
    return Parsed<std::string>::failure("seccomp rule failed: " + failed);
  int fd = memfd_create("mockroom-seccomp", MFD_CLOEXEC);
  if (fd < 0) return Parsed<std::string>::failure("memfd_create failed: " + std::string(strerror(errno)));
  std::string program;
  if (seccomp_export_bpf(filter.get(), fd) == 0) {
    off_t size = lseek(fd, 0, SEEK_END);
    program.resize(size > 0 ? static_cast<size_t>(size) : 0);
    if (pread(fd, program.data(), program.size(), 0) != static_cast<ssize_t>(program.size()))
      program.clear();
  }
  close(fd);
  if (program.empty()) return Parsed<std::string>::failure("seccomp_export_bpf failed");
  return {std::move(program), {}};
}

int seccomp_program_fd(const std::string& program) {
  int fd = memfd_create("mockroom-seccomp", MFD_CLOEXEC);
  if (fd < 0) return -1;
  if (write(fd, program.data(), program.size()) != static_cast<ssize_t>(program.size()) ||
      lseek(fd, 0, SEEK_SET) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

}  // namespace mockroom::runner_sandbox
