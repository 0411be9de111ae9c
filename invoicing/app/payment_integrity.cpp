#include "payment_integrity.hpp"

#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::invoicing {
namespace {

void requireReason(const IntegrityChange& change) {
    if (change.reason.size() < 3) {
        throw ValidationError("REASON_REQUIRED", "Give a reason (at least 3 characters).",
                              "reason");
    }
}

// The audit row's after: what the API answers.
std::string auditAfter(const char* id_field, const IntegrityChange& c, const char* flag) {
    return security::AuditRecord()
        .set(id_field, c.id)
        .set(flag, c.on)
        .set("reason", c.reason)
        .json();
}

}  // namespace

std::optional<std::string> changeProviderBlock(IntegrityStore& store,
                                               const IntegrityChange& change) {
    requireReason(change);
    const auto block = store.lockProviderBlock(change.id);
    if (!block) {
        throw ValidationError("NOT_FOUND",
                              "Provider " + std::to_string(change.id) + " does not exist.", "id");
    }
    store.setProviderBlock(change.id,
                           change.on ? std::optional<std::string>(change.reason) : std::nullopt,
                           change.actor);
    return block->reason;
}

void changePayableDispute(IntegrityStore& store, const IntegrityChange& change) {
    requireReason(change);
    const auto status = store.lockPayableStatus(change.id);
    if (!status) {
        throw ValidationError("NOT_FOUND",
                              "Payable " + std::to_string(change.id) + " does not exist.", "id");
    }
    if (*status != PayableStatus::Open) {
        throw ValidationError("PAYABLE_NOT_OPEN",
                              "Payable " + std::to_string(change.id) + " is " +
                                  std::string(payableStatusName(*status)) +
                                  "; only open payables can be disputed.",
                              "id");
    }
    store.setPayableDispute(change.id,
                            change.on ? std::optional<std::string>(change.reason) : std::nullopt);
}

void blockProvider(app::RequestContext& ctx, const IntegrityChange& change) {
    db::Transaction tx(ctx.db);
    MariaDbIntegrity store(ctx);
    const auto before = changeProviderBlock(store, change);
    security::appendAudit(ctx, {change.on ? "provider.block" : "provider.unblock", "provider",
                                std::to_string(change.id), "ok", before,
                                auditAfter("provider_id", change, "blocked")});
    tx.commit();
}

void disputePayable(app::RequestContext& ctx, const IntegrityChange& change) {
    db::Transaction tx(ctx.db);
    MariaDbIntegrity store(ctx);
    changePayableDispute(store, change);
    security::appendAudit(ctx, {change.on ? "payable.dispute" : "payable.undispute", "payable",
                                std::to_string(change.id), "ok", std::nullopt,
                                auditAfter("payable_id", change, "disputed")});
    tx.commit();
}

}  // namespace zc::invoicing
