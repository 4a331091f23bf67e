// mockroom_box_init: emptying the box's writable directories between two tests.
//
// Called only when no process of the test is left, so nothing races the removal. Entries
// on another filesystem than the directory itself are mount points (the read-only source
// and program binds) and stay. The candidate runs as the same uid as the driver, so it can
// only make removal hard, not impossible: unreadable directories are chmod-ed back, and a
// tree deeper than kMaxDepth makes clean_scratch() fail, which retires the box.
#pragma once

namespace mockroom::box_init {

// Empties every scratch directory (/tmp, /box, /dev/shm); false if something is left.
bool clean_scratch();

}  // namespace mockroom::box_init
