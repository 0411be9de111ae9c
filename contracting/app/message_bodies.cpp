#include "message_bodies.hpp"

#include "contracting/store/message_body_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/message_protection.hpp"

namespace zc::contracting {
namespace {

// Bodies per transaction: a WMO325 can be large, so the batches stay small.
constexpr std::int64_t kBatch = 50;

std::int64_t sealAll(db::Connection& db, const app::AppConfig& config, StoredBodyKind kind) {
    const std::string prefix(security::kSealedBodyPrefix);
    std::int64_t done = 0;
    std::int64_t after = 0;
    for (;;) {
        db::Transaction tx(db);
        const auto batch = unsealedBodies(db, kind, after, kBatch, prefix);
        for (const auto& body : batch) {
            replaceBody(db, kind, body.id, security::sealMessageBody(config, body.text));
            after = body.id;
        }
        tx.commit();
        done += static_cast<std::int64_t>(batch.size());
        if (static_cast<std::int64_t>(batch.size()) < kBatch) return done;
    }
}

}  // namespace

std::int64_t sealStoredMessageBodies(db::Connection& db, const app::AppConfig& config) {
    return sealAll(db, config, StoredBodyKind::OutboxXml) +
           sealAll(db, config, StoredBodyKind::InboxRetour);
}

}  // namespace zc::contracting
