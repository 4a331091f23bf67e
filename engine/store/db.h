// Db: one SQLite connection with prepared-statement helpers. Not thread-safe by itself;
// SqliteStore serialises access. Statements are compiled once per connection and SQL
// text: a finished Stmt is reset and kept for the next prepare() of the same SQL. Errors
// from SQLite become std::runtime_error carrying sqlite3_errmsg, caught at the store
// boundary and turned into Result errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace mockroom::store {

class Db;

// A statement borrowed from its Db's cache for as long as the Stmt lives. The Db must
// outlive it.
class Stmt {
 public:
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, int64_t value);
  Stmt& bind_null(int index);
  Stmt& bind_opt(int index, const std::optional<std::string>& text);
  // Steps once; true when a row is available.
  bool step();
  // Steps to completion, for statements that return no rows.
  void run();
  void reset();

  int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  Db& owner_;
  std::string sql_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Db {
 public:
  // Opens (creating if absent) the database file and sets WAL, foreign keys, busy timeout.
  explicit Db(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(std::string_view sql);
  Stmt prepare(std::string_view sql) { return Stmt(*this, sql); }
  int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* handle() { return db_; }

 private:
  friend class Stmt;
  // Distinct SQL texts kept compiled; past this (dynamically built SQL), statements are
  // finalized after use instead.
  static constexpr std::size_t kMaxCachedStatements = 256;

  sqlite3_stmt* take_statement(const std::string& sql);
  void return_statement(const std::string& sql, sqlite3_stmt* stmt);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> cache_;
};

// RAII transaction: commits on commit(), rolls back if destroyed uncommitted.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace mockroom::store
