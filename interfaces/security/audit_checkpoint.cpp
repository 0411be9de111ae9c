#include "audit_checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "contracting/kernel/request_context.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::security {
namespace {

constexpr const char* kPrefix = "zorgcontract-audit-checkpoint ";

std::string macOf(const std::string& key, const Checkpoint& c) {
    return hmacSha256Hex(key, "checkpoint;" + c.at + ";" + std::to_string(c.seq) + ";" + c.hash);
}

// The value of " name=value" in `line`, "" when absent.
std::string valueOf(const std::string& line, const std::string& name) {
    const std::string tag = " " + name + "=";
    const auto at = line.find(tag);
    if (at == std::string::npos) return "";
    const auto start = at + tag.size();
    return line.substr(start, line.find(' ', start) - start);
}

std::optional<Checkpoint> lastCheckpoint(const std::string& key, const std::string& file) {
    std::ifstream in(file);
    std::optional<Checkpoint> last;
    for (std::string line; std::getline(in, line);) {
        if (auto c = parseCheckpointLine(key, line)) last = c;
    }
    return last;
}

void appendLine(const std::string& file, const std::string& line) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) throw std::runtime_error("cannot open audit checkpoint file " + file);
    const std::string text = line + "\n";
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced) throw std::runtime_error("cannot write audit checkpoint file " + file);
}

}  // namespace

std::string checkpointLine(const std::string& key, const Checkpoint& c) {
    return std::string(kPrefix) + "at=" + c.at + " seq=" + std::to_string(c.seq) +
           " hash=" + c.hash + " mac=" + macOf(key, c);
}

std::optional<Checkpoint> parseCheckpointLine(const std::string& key, const std::string& line) {
    const auto start = line.find(kPrefix);
    if (start == std::string::npos) return std::nullopt;
    const std::string body = " " + line.substr(start + std::string(kPrefix).size());
    Checkpoint c{valueOf(body, "at"), 0, valueOf(body, "hash")};
    try {
        c.seq = std::stoll(valueOf(body, "seq"));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (!constantTimeEquals(valueOf(body, "mac"), macOf(key, c))) return std::nullopt;
    return c;
}

std::optional<std::string> appendCheckpoint(db::Connection& db, const std::string& key,
                                            const std::string& file, const Clock& clock) {
    const auto head = db.queryOne("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
    if (!head || head->i64(0) == 0) return std::nullopt;
    const auto last = lastCheckpoint(key, file);
    if (last && last->seq >= head->i64(0)) return std::nullopt;
    const Checkpoint c{app::isoTimestamp(app::timestamp(clock)), head->i64(0), head->str(1)};
    const std::string line = checkpointLine(key, c);
    appendLine(file, line);
    return line;
}

CheckpointVerification verifyCheckpoints(db::Connection& db, const std::string& key,
                                         const std::string& file) {
    CheckpointVerification v;
    std::ifstream in(file);
    const auto head = db.queryOne("SELECT last_seq FROM audit_head WHERE id = 1");
    const std::int64_t head_seq = head ? head->i64(0) : 0;
    for (std::string line; std::getline(in, line);) {
        if (line.find(kPrefix) == std::string::npos) continue;
        const auto c = parseCheckpointLine(key, line);
        if (!c) return {false, v.checkpoints, 0, "checkpoint forged"};
        const auto row = db.queryOne("SELECT hash FROM audit_log WHERE seq = ?", {c->seq});
        if (!row || head_seq < c->seq) return {false, v.checkpoints, c->seq, "removed"};
        if (row->str(0) != c->hash) return {false, v.checkpoints, c->seq, "altered"};
        ++v.checkpoints;
    }
    return v;
}

}  // namespace zc::security
