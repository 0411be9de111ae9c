#pragma once
// Checkpoints of the audit chain outside the database: the service appends the chain's head
// (seq and hash), signed with the audit key, to a file (audit.checkpoint_file) and to its log
// every audit.checkpoint_seconds when the head moved. verify-audit compares the chain with every
// checkpoint, so a chain rewritten or cut back in the database is found even by someone who also
// rewrote the head: the checkpoints name rows that are gone or hashes that changed. Ship the
// file (or the log lines) to a place the database's administrators cannot write
// (docs/security.md, "Audit trail").
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/civil_date.hpp"

namespace zc::db {
class Connection;
}

namespace zc::security {

struct Checkpoint {
    std::string at;  // "YYYY-MM-DDTHH:MM:SSZ"
    std::int64_t seq = 0;
    std::string hash;
};

// "zorgcontract-audit-checkpoint at=... seq=... hash=... mac=..." with mac = HMAC-SHA256(key,
// "checkpoint;" at ";" seq ";" hash).
std::string checkpointLine(const std::string& key, const Checkpoint& c);
// The checkpoint of a line, or nothing when the line is not one or its mac is wrong.
std::optional<Checkpoint> parseCheckpointLine(const std::string& key, const std::string& line);

// Appends the head as a checkpoint line to `file` (fsync'ed) when it moved past the file's last
// checkpoint; returns the line written, or nothing.
std::optional<std::string> appendCheckpoint(db::Connection& db, const std::string& key,
                                            const std::string& file, const Clock& clock);

struct CheckpointVerification {
    bool ok = true;
    std::int64_t checkpoints = 0;  // lines checked
    std::int64_t first_bad_seq = 0;
    // "checkpoint forged" (a line whose mac is wrong), "removed" (the checkpoint's row is gone or
    // the head lies before it), "altered" (the row at the checkpoint has another hash)
    std::string problem;
};

// Checks every line of `file` against the chain (a missing file has no checkpoints).
CheckpointVerification verifyCheckpoints(db::Connection& db, const std::string& key,
                                         const std::string& file);

}  // namespace zc::security
