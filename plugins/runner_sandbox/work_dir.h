// Host-side directories of runs, safe against anything a box can plant.
//
// WorkRoot is the directory all runs live under, owned by the host process; it is checked,
// never trusted blindly: a symlink, another owner or permissions for others make open()
// fail. Its mode is 0700, or 0710 with the sandbox's group when the host runs as root and
// drops to the sandbox uid: bubblewrap resolves the paths of its binds, so it needs
// search (never read) permission on the way to a run's directories. RunDir is one run's mkdtemp directory under it, owned by one thread, removed
// by its destructor with a no-follow recursive delete. Files are only ever opened relative
// to directory fds with O_NOFOLLOW, and the host never writes into a directory a box can
// write: the source directory is filled before any box starts and is mounted read-only;
// the output directory is written only by the compile box and only read (no-follow,
// regular files) by the host.
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>

#include "json_fields.h"

namespace mockroom::runner_sandbox {

class WorkRoot {
 public:
  // Creates the directory if missing, sets its mode and checks it; failure says why.
  // `search_group` (or -1 for none) gets search permission.
  static plugin_support::Parsed<WorkRoot> open(const std::string& path, gid_t search_group);
  const std::string& path() const { return path_; }
  gid_t search_group() const { return search_group_; }

 private:
  std::string path_;
  gid_t search_group_ = static_cast<gid_t>(-1);
};

class RunDir {
 public:
  // A fresh directory `<prefix>XXXXXX` under `root`; check ok() and error().
  explicit RunDir(const WorkRoot& root, std::string_view prefix = "run-");
  ~RunDir();
  RunDir(const RunDir&) = delete;
  RunDir& operator=(const RunDir&) = delete;

  bool ok() const { return dir_fd_ >= 0; }
  const std::string& error() const { return error_; }

  // Writes `source` as src/<name> (0444) and returns an O_PATH fd of src/ for binding, or -1.
  int write_source(std::string_view name, std::string_view source);
  // The two halves of write_source, for a box started before its source is known: src/
  // is created empty and bound read-only, and the host adds the file later (the box can
  // never write there).
  int make_source_dir();
  bool add_source_file(std::string_view name, std::string_view source);
  // Creates out/ writable by `owner` (when we may chown) and returns an O_PATH fd, or -1.
  int make_output_dir(uid_t owner, gid_t group);
  // Opens out/<name> if it is a regular file with one link, never following a symlink; an
  // O_PATH fd for binding, or -1.
  int open_output_file(std::string_view name);

 private:
  int dir_fd_ = -1;
  int out_fd_ = -1;
  int src_fd_ = -1;  // O_PATH
  std::string path_;
  std::string error_;
};

// Removes `name` under `parent_fd` recursively without following symlinks.
void remove_tree_at(int parent_fd, const char* name);

}  // namespace mockroom::runner_sandbox
