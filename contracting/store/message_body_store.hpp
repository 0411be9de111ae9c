#pragma once
// The stored iWmo message bodies (outbox_messages.xml, inbox_messages.retour_xml) that are not
// encrypted yet, for the start-up back-fill of issue 14 (#2): read a batch, write the sealed
// form back (only over a body that is still in clear, so the back-fill can run twice).
// Free functions in the caller's transaction.
#include <cstdint>
#include <string>
#include <vector>

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// Where a body lives.
enum class StoredBodyKind { OutboxXml, InboxRetour };

// A body as stored, by its row id.
struct StoredBody {
    std::int64_t id = 0;
    std::string text;
};

// Up to `limit` bodies of `kind` with an id above `after_id` not starting with `sealed_prefix`,
// by id, locked (FOR UPDATE).
std::vector<StoredBody> unsealedBodies(db::Connection& db, StoredBodyKind kind,
                                       std::int64_t after_id, std::int64_t limit,
                                       const std::string& sealed_prefix);
// Replaces the body of row `id` by `sealed`.
void replaceBody(db::Connection& db, StoredBodyKind kind, std::int64_t id,
                 const std::string& sealed);

}  // namespace zc::contracting
