#include "work_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace mockroom::runner_sandbox {
namespace {

using plugin_support::Parsed;

constexpr char kSourceDir[] = "src";
constexpr char kOutputDir[] = "out";
constexpr int kMaxRemoveDepth = 64;

std::string errno_text() { return std::strerror(errno); }

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void remove_tree(int parent_fd, const char* name, int depth) {
  if (::unlinkat(parent_fd, name, 0) == 0 || errno == ENOENT) return;
  int fd = ::openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || depth > kMaxRemoveDepth) {
    if (fd >= 0) ::close(fd);
    return;
  }
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    ::close(fd);
    return;
  }
  std::vector<std::string> names;
  while (dirent* entry = ::readdir(dir)) {
    if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
      names.emplace_back(entry->d_name);
  }
  for (const std::string& child : names) remove_tree(::dirfd(dir), child.c_str(), depth + 1);
  ::closedir(dir);
  ::unlinkat(parent_fd, name, AT_REMOVEDIR);
}

// Gives `fd` mode 0700, or 0710 with group `search_group`.
bool restrict_dir(int fd, gid_t search_group) {
  if (search_group == static_cast<gid_t>(-1)) return ::fchmod(fd, 0700) == 0;
  return ::fchown(fd, static_cast<uid_t>(-1), search_group) == 0 && ::fchmod(fd, 0710) == 0;
}

}  // namespace

void remove_tree_at(int parent_fd, const char* name) { remove_tree(parent_fd, name, 0); }

Parsed<WorkRoot> WorkRoot::open(const std::string& path, gid_t search_group) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
    return Parsed<WorkRoot>::failure("cannot create workRoot " + path + ": " + errno_text());
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return Parsed<WorkRoot>::failure("workRoot " + path + " is not a directory (or a symlink): " +
                                     errno_text());
  struct stat st;
  bool owned = ::fstat(fd, &st) == 0 && st.st_uid == ::geteuid();
  bool restricted = owned && restrict_dir(fd, search_group);
  ::close(fd);
  if (!owned)
    return Parsed<WorkRoot>::failure("workRoot " + path + " belongs to uid " +
                                     std::to_string(st.st_uid) + ", not to this process");
  if (!restricted)
    return Parsed<WorkRoot>::failure("cannot set the mode of workRoot " + path + ": " + errno_text());
  WorkRoot root;
  root.path_ = path;
  root.search_group_ = search_group;
  return {root, {}};
}

RunDir::RunDir(const WorkRoot& root, std::string_view prefix) {
  std::string pattern = root.path() + "/" + std::string(prefix) + "XXXXXX";
  if (!::mkdtemp(pattern.data())) {
    error_ = "cannot create a run directory under " + root.path() + ": " + errno_text();
    return;
  }
  path_ = pattern;
  dir_fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir_fd_ >= 0 && !restrict_dir(dir_fd_, root.search_group())) {
    ::close(dir_fd_);
    dir_fd_ = -1;
  }
  if (dir_fd_ < 0) error_ = "cannot open run directory " + path_ + ": " + errno_text();
}

RunDir::~RunDir() {
  if (out_fd_ >= 0) ::close(out_fd_);
  if (src_fd_ >= 0) ::close(src_fd_);
  if (dir_fd_ >= 0) {
    remove_tree_at(dir_fd_, kSourceDir);
    remove_tree_at(dir_fd_, kOutputDir);
    ::close(dir_fd_);
  }
  if (!path_.empty()) ::rmdir(path_.c_str());
}

int RunDir::write_source(std::string_view name, std::string_view source) {
  int src = make_source_dir();
  if (src < 0) return -1;
  if (!add_source_file(name, source)) return ::close(src), -1;
  return src;
}

int RunDir::make_source_dir() {
  if (::mkdirat(dir_fd_, kSourceDir, 0755) != 0) return error_ = "mkdir src: " + errno_text(), -1;
  src_fd_ = ::openat(dir_fd_, kSourceDir, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (src_fd_ < 0) return error_ = "open src: " + errno_text(), -1;
  int fd = ::fcntl(src_fd_, F_DUPFD_CLOEXEC, 0);
  if (fd < 0) error_ = "dup src: " + errno_text();
  return fd;
}

bool RunDir::add_source_file(std::string_view name, std::string_view source) {
  std::string file(name);
  int fd = src_fd_ < 0 ? -1
                       : ::openat(src_fd_, file.c_str(),
                                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0444);
  bool ok = fd >= 0 && write_all(fd, source);
  if (fd >= 0) ::close(fd);
  if (!ok) error_ = "cannot write the source file: " + errno_text();
  return ok;
}

int RunDir::make_output_dir(uid_t owner, gid_t group) {
  if (::mkdirat(dir_fd_, kOutputDir, 0700) != 0) return error_ = "mkdir out: " + errno_text(), -1;
  int fd = ::openat(dir_fd_, kOutputDir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return error_ = "open out: " + errno_text(), -1;
  if (::geteuid() == 0 && ::fchown(fd, owner, group) != 0) {
    error_ = "chown out: " + errno_text();
    ::close(fd);
    return -1;
  }
  out_fd_ = fd;
  return ::openat(dir_fd_, kOutputDir, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

int RunDir::open_output_file(std::string_view name) {
  if (out_fd_ < 0) return -1;
  std::string file(name);
  int fd = ::openat(out_fd_, file.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace mockroom::runner_sandbox
