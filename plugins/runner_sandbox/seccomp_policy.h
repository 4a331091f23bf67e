// The syscall filter every box runs under, built with libseccomp and handed to bubblewrap
// as `--seccomp FD` (bwrap loads it right before it execs the box's command).
//
// Default allow; the calls a judged program never needs and that widen the kernel attack
// surface or escape the box return EPERM: ptrace, mount family, namespaces (unshare,
// setns, clone/clone with CLONE_NEW* flags), keyrings, bpf, perf, module and kexec
// loading, reboot, swap, chroot/pivot_root, personality, userfaultfd, process_vm_*,
// io_uring, TIOCSTI. clone3 returns ENOSYS (its flags live in memory a filter cannot read),
// so libc falls back to clone, whose flags the filter checks. Other architectures' calls
// kill the process.
#pragma once

#include <string>

#include "json_fields.h"

namespace mockroom::runner_sandbox {

// The compiled BPF program (struct sock_filter[]) as bytes; built once per instance.
plugin_support::Parsed<std::string> build_seccomp_program();

// A fresh memfd holding `program`, positioned at 0, for one bwrap invocation; -1 on failure.
int seccomp_program_fd(const std::string& program);

}  // namespace mockroom::runner_sandbox
