// SqliteAccess: how the SQLite repositories beyond sessions (the admin console's, billing's,
// analytics') reach SqliteStore's connections: writes on the one writer under its lock and
// in a transaction, reads on a pooled reader connection. A storage exception becomes a
// kInternal error naming the reason, as everywhere in the store. Owned by SqliteStore and
// lent to the repositories it creates; thread-safe.
#pragma once

#include <spdlog/spdlog.h>

#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "store/db.h"
#include "util/result.h"

namespace mockroom::store {

struct SqliteAccess {
  std::mutex& write_mu;
  Db& writer;
  // Runs the function on a free reader connection.
  std::function<void(const std::function<void(Db&)>&)> with_reader;
  // Called after a write changed the question bank (drops cached copies of it).
  std::function<void()> bank_changed;

  // body(Db&) -> R, where R is a Result<T> or a Status.
  template <typename R, typename F>
  R read(F&& body) const {
    std::optional<R> out;
    try {
      with_reader([&](Db& db) { out.emplace(body(db)); });
    } catch (const std::exception& e) {
      return failure(e);
    }
    return std::move(*out);
  }

  // body(Db&) -> R in one transaction on the writer; committed unless R is an error or
  // body throws.
  template <typename R, typename F>
  R write(F&& body) const {
    std::lock_guard lock(write_mu);
    try {
      Transaction tx(writer);
      R out = body(writer);
      if (out.ok()) tx.commit();
      return out;
    } catch (const std::exception& e) {
      return failure(e);
    }
  }

 private:
  static Error failure(const std::exception& e) {
    spdlog::error("store: {}", e.what());
    return internal(std::string("storage error: ") + e.what());
  }
};

}  // namespace mockroom::store
