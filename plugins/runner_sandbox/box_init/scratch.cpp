#include "scratch.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace mockroom::box_init {
namespace {

constexpr const char* kScratchDirs[] = {"/tmp", "/box", "/dev/shm"};
constexpr int kMaxDepth = 64;
constexpr mode_t kOwnerAll = 0700;

std::vector<std::string> entry_names(int dir_fd) {
  std::vector<std::string> names;
  int fd = ::dup(dir_fd);
  DIR* dir = fd >= 0 ? ::fdopendir(fd) : nullptr;
  if (!dir) {
    if (fd >= 0) ::close(fd);
    return names;
  }
  ::rewinddir(dir);
  while (dirent* e = ::readdir(dir))
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
      names.emplace_back(e->d_name);
  ::closedir(dir);
  return names;
}

bool empty_dir(int dir_fd, dev_t device, int depth);

// Removes one entry of `dir_fd`; mount points (another device) stay.
bool remove_entry(int dir_fd, const char* name, dev_t device, int depth) {
  struct stat st;
  if (::fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return errno == ENOENT;
  if (st.st_dev != device) return true;
  if (!S_ISDIR(st.st_mode)) return ::unlinkat(dir_fd, name, 0) == 0 || errno == ENOENT;
  if (depth >= kMaxDepth) return false;
  ::fchmodat(dir_fd, name, kOwnerAll, 0);  // a directory made unreadable by the test
  int fd = ::openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  bool emptied = empty_dir(fd, device, depth + 1);
  ::close(fd);
  return emptied && (::unlinkat(dir_fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT);
}

bool empty_dir(int dir_fd, dev_t device, int depth) {
  bool ok = true;
  for (const std::string& name : entry_names(dir_fd))
    ok = remove_entry(dir_fd, name.c_str(), device, depth) && ok;
  return ok;
}

bool clean_dir(const char* path) {
  int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0;
  if (ok && (st.st_mode & S_IRWXU) != S_IRWXU) ::fchmod(fd, (st.st_mode & 07777) | S_IRWXU);
  ok = ok && empty_dir(fd, st.st_dev, 0);
  ::close(fd);
  return ok;
}

}  // namespace

bool clean_scratch() {
  bool ok = true;
  for (const char* dir : kScratchDirs) ok = clean_dir(dir) && ok;
  return ok;
}

}  // namespace mockroom::box_init
