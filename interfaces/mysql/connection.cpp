#include "connection.hpp"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <charconv>
#include <istream>
#include <memory>
#include <streambuf>

#include "contracting/kernel/errors.hpp"

namespace zc::db {
namespace {

[[noreturn]] void rethrow(const sql::SQLException& e) {
    throw DbError(e.getErrorCode(), std::string("database error ") +
                                        std::to_string(e.getErrorCode()) + ": " + e.what());
}

std::int64_t parseInt64(const std::string& s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) {
        throw DbError(0, "database value is not an integer: " + s);
    }
    return v;
}

// Reads a borrowed string without copying it (for PreparedStatement::setBlob).
class TextStream final : public std::istream {
  public:
    explicit TextStream(const std::string& text) : std::istream(&buffer_), buffer_(text) {}

  private:
    struct Buffer final : std::streambuf {
        explicit Buffer(const std::string& text) {
            char* begin = const_cast<char*>(text.data());  // read only: get area
            setg(begin, begin, begin + text.size());
        }
    } buffer_;
};

// The parameters of one call. Long texts are bound as streams that live as long as this
// object; on destruction the statement forgets them (it must not keep pointers to them).
class Binding {
  public:
    Binding(sql::PreparedStatement& st, const Params& params) : st_(st) { bind(params); }
    ~Binding() {
        if (streams_.empty() && !borrowed_) return;
        try {
            st_.clearParameters();
        } catch (const sql::SQLException&) {
            // The statement is re-bound before its next use anyway.
        }
    }
    Binding(const Binding&) = delete;
    Binding& operator=(const Binding&) = delete;

  private:
    void bind(const Params& params);
    sql::PreparedStatement& st_;
    std::vector<std::unique_ptr<TextStream>> streams_;
    bool borrowed_ = false;  // a caller's stream is bound
};

void Binding::bind(const Params& params) {
    auto& st = st_;
    for (std::size_t i = 0; i < params.size(); ++i) {
        auto idx = static_cast<unsigned int>(i + 1);
        const Param& p = params[i];
        if (std::holds_alternative<std::nullptr_t>(p)) {
            st.setNull(idx, 0);
        } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
            st.setInt64(idx, *n);
        } else if (const auto* s = std::get_if<std::string>(&p)) {
            st.setString(idx, *s);
        } else {
            const LongText& t = std::get<LongText>(p);
            if (t.stream != nullptr) {
                borrowed_ = true;
                st.setBlob(idx, t.stream);
                continue;
            }
            ZC_ASSERT(t.text != nullptr);
            streams_.push_back(std::make_unique<TextStream>(*t.text));
            st.setBlob(idx, streams_.back().get());
        }
    }
}

bool isConnectionLost(int code) { return code == 2006 || code == 2013 || code == 2055; }

}  // namespace

const std::string& Row::str(std::size_t i) const {
    const auto& v = values_.at(i);
    if (!v) throw DbError(0, "unexpected NULL in column " + std::to_string(i));
    return *v;
}

std::int64_t Row::i64(std::size_t i) const { return parseInt64(str(i)); }

std::optional<std::int64_t> Row::optI64(std::size_t i) const {
    if (isNull(i)) return std::nullopt;
    return i64(i);
}

Connection::Connection(DbConfig config) : config_(std::move(config)) { connect(); }

Connection::~Connection() {
    statements_.clear();
    try {
        if (conn_) conn_->close();
    } catch (...) {
    }
}

void Connection::connect() {
    statements_.clear();
    conn_.reset();
    depth_ = 0;
    rollback_only_ = false;
    try {
        sql::ConnectOptionsMap opts;
        opts["hostName"] =
            config_.socket.empty()
                ? sql::SQLString("tcp://" + config_.host + ":" + std::to_string(config_.port))
                : sql::SQLString("unix://" + config_.socket);
        opts["userName"] = sql::SQLString(config_.user);
        opts["password"] = sql::SQLString(config_.password);
        opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
        opts["OPT_CONNECT_TIMEOUT"] = 5;
        sql::Driver* driver = sql::mysql::get_driver_instance();
        conn_.reset(driver->connect(opts));
        if (!config_.name.empty()) conn_->setSchema(config_.name);
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        st->execute("SET time_zone = '+00:00'");
        st->execute(
            "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'");
        st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        conn_->setAutoCommit(true);
    } catch (const sql::SQLException& e) {
        rethrow(e);
    }
}

// Transaction control goes through plain statements: Connector/C++ 1.1's commit(), rollback()
// and setAutoCommit() ignore the client library's error (on a connection whose server is gone
// commit() returns as if it had committed), a statement's error is thrown.
void Connection::run(const char* sql) {
    if (!conn_) throw DbError(2006, "no database connection");
    std::unique_ptr<sql::Statement> st(conn_->createStatement());
    st->execute(sql);
}

void Connection::dropConnection() noexcept {
    statements_.clear();
    try {
        if (conn_) conn_->close();
    } catch (...) {
    }
    conn_.reset();
    depth_ = 0;
    rollback_only_ = false;
}

namespace {
constexpr std::size_t kMaxCachedStatements = 512;  // per connection
}  // namespace

sql::PreparedStatement& Connection::prepare(const std::string& sql) {
    if (!conn_) connect();  // an earlier reconnect failed: try again now
    auto it = statements_.find(sql);
    if (it != statements_.end()) return *it->second;
    // Statements built per call (IN lists, multi-row inserts) would otherwise stay prepared on
    // the server for the connection's life, towards its max_prepared_stmt_count.
    if (statements_.size() >= kMaxCachedStatements) statements_.clear();
    std::unique_ptr<sql::PreparedStatement> st(conn_->prepareStatement(sql));
    return *statements_.emplace(sql, std::move(st)).first->second;
}

std::int64_t Connection::execute(const std::string& sql, const Params& params) {
    try {
        auto& st = prepare(sql);
        Binding binding(st, params);
        return st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (isConnectionLost(e.getErrorCode()) && depth_ == 0) connect();
        rethrow(e);
    }
}

std::vector<Row> Connection::query(const std::string& sql, const Params& params) {
    try {
        auto& st = prepare(sql);
        Binding binding(st, params);
        std::unique_ptr<sql::ResultSet> rs(st.executeQuery());
        const unsigned int n = rs->getMetaData()->getColumnCount();
        std::vector<Row> rows;
        while (rs->next()) {
            std::vector<std::optional<std::string>> values;
            values.reserve(n);
            for (unsigned int c = 1; c <= n; ++c) {
                if (rs->isNull(c)) {
                    values.emplace_back(std::nullopt);
                } else {
                    values.emplace_back(std::string(rs->getString(c)));
                }
            }
            rows.emplace_back(std::move(values));
        }
        return rows;
    } catch (const sql::SQLException& e) {
        if (isConnectionLost(e.getErrorCode()) && depth_ == 0) connect();
        rethrow(e);
    }
}

std::optional<Row> Connection::queryOne(const std::string& sql, const Params& params) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::int64_t Connection::lastInsertId() { return queryOne("SELECT LAST_INSERT_ID()")->i64(0); }

void Connection::begin() {
    if (depth_ > 0) {
        ++depth_;
        return;
    }
    try {
        if (!conn_) connect();
        run("START TRANSACTION");
        depth_ = 1;
        rollback_only_ = false;
    } catch (const sql::SQLException& e) {
        if (isConnectionLost(e.getErrorCode())) connect();
        rethrow(e);
    }
}

void Connection::commit() {
    if (depth_ > 1) {
        --depth_;
        return;
    }
    if (rollback_only_) {
        rollback();
        throw DbError(0, "an inner transaction failed; the whole transaction was rolled back");
    }
    try {
        run("COMMIT");
        depth_ = 0;
    } catch (const sql::SQLException& e) {
        depth_ = 0;
        if (!isConnectionLost(e.getErrorCode())) rethrow(e);
        // The connection went away around the COMMIT: the server may or may not have committed.
        // The caller must not answer success; the connection is replaced on its next use.
        dropConnection();
        throw DbError(e.getErrorCode(),
                      std::string("commit outcome unknown (connection lost): ") + e.what(),
                      DbError::Outcome::Unknown);
    }
}

void Connection::rollback() {
    if (depth_ > 1) {
        --depth_;
        rollback_only_ = true;
        return;
    }
    depth_ = 0;
    rollback_only_ = false;
    try {
        if (!conn_) return;
        run("ROLLBACK");
    } catch (const sql::SQLException&) {
        // A connection in an unknown state is replaced; rollback() runs in destructors, so it
        // never throws: when the server is down the connection stays empty until next use.
        try {
            connect();
        } catch (...) {
            dropConnection();
        }
    }
}

bool Connection::ping() {
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            if (!conn_) connect();
            query("SELECT 1");
            return true;
        } catch (const DbError&) {
            try {
                connect();
            } catch (const DbError&) {
                return false;
            }
        }
    }
    return false;
}

Transaction::~Transaction() {
    if (!done_) c_.rollback();
}

}  // namespace zc::db
