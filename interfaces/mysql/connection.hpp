#pragma once
// A MariaDB/MySQL connection over Connector/C++ 1.1 with prepared statements only.
// Not thread-safe: one connection per thread at a time (see ConnectionPool).
#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace sql {
class Connection;
class PreparedStatement;
}  // namespace sql

namespace zc::db {

struct DbConfig {
    std::string host = "127.0.0.1";
    int port = 3306;
    std::string socket;  // when set, used instead of host:port
    std::string name;
    std::string user;
    std::string password;
};

// Infrastructure failure of the database; `code` is the server/client error number
// (1062 duplicate key, 2006 gone away, 2013 lost, 2002 refused, 1045 bad password).
// `outcomeUnknown()`: the connection was lost during COMMIT, so the transaction may or may not
// have been committed (never to be answered as success, nor as a plain failure).
class DbError : public std::runtime_error {
  public:
    enum class Outcome { Failed, Unknown };
    DbError(int code, const std::string& what, Outcome outcome = Outcome::Failed)
        : std::runtime_error(what), code_(code), outcome_(outcome) {}
    int code() const { return code_; }
    bool isDuplicateKey() const { return code_ == 1062; }
    bool outcomeUnknown() const { return outcome_ == Outcome::Unknown; }

  private:
    int code_;
    Outcome outcome_;
};

// A long text borrowed from the caller, who keeps it alive during the call. It is sent to the
// server in chunks (mysql_stmt_send_long_data): a document of megabytes is neither copied into
// the parameters nor kept by the cached statement afterwards. With `stream` set (and `text`
// null) the text is read from that stream as it is sent: a document larger than memory.
struct LongText {
    const std::string* text;
    std::istream* stream = nullptr;
};

using Param = std::variant<std::nullptr_t, std::int64_t, std::string, LongText>;
using Params = std::vector<Param>;

// One result row; values are read as text (BIGINT via int64 parsing, never getInt()).
class Row {
  public:
    explicit Row(std::vector<std::optional<std::string>> values) : values_(std::move(values)) {}
    bool isNull(std::size_t i) const { return !values_.at(i).has_value(); }
    const std::string& str(std::size_t i) const;  // throws on NULL
    std::optional<std::string> opt(std::size_t i) const { return values_.at(i); }
    std::int64_t i64(std::size_t i) const;  // throws on NULL or non-number
    std::optional<std::int64_t> optI64(std::size_t i) const;
    std::size_t size() const { return values_.size(); }

  private:
    std::vector<std::optional<std::string>> values_;
};

class Connection {
  public:
    explicit Connection(DbConfig config);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs a statement; returns the number of affected rows.
    std::int64_t execute(const std::string& sql, const Params& params = {});
    std::vector<Row> query(const std::string& sql, const Params& params = {});
    std::optional<Row> queryOne(const std::string& sql, const Params& params = {});
    std::int64_t lastInsertId();

    // Transactions nest: only the outermost begin/commit reach the server; an inner rollback
    // makes the whole transaction roll back (a later outer commit then throws).
    void begin();
    void commit();
    void rollback();
    bool inTransaction() const { return depth_ > 0; }
    // True when the server answers; reconnects once when the connection was lost.
    bool ping();

  private:
    void connect();
    void run(const char* sql);  // a transaction-control statement; throws on any error
    void dropConnection() noexcept;
    sql::PreparedStatement& prepare(const std::string& sql);
    DbConfig config_;
    std::unique_ptr<sql::Connection> conn_;
    std::map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
    int depth_ = 0;
    bool rollback_only_ = false;
};

// RAII transaction: rolls back unless commit() was called.
class Transaction {
  public:
    explicit Transaction(Connection& c) : c_(c) { c_.begin(); }
    ~Transaction();
    void commit() {
        c_.commit();
        done_ = true;
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

  private:
    Connection& c_;
    bool done_ = false;
};

}  // namespace zc::db
