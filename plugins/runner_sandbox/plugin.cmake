# runner_sandbox links libseccomp to build the syscall filter it hands to bubblewrap.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SECCOMP REQUIRED IMPORTED_TARGET libseccomp)
target_link_libraries(runner_sandbox PRIVATE PkgConfig::SECCOMP Threads::Threads)
