#include "integrity_store.hpp"

#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::invoicing {

using app::timestamp;

std::optional<ProviderBlock> MariaDbIntegrity::lockProviderBlock(std::int64_t provider_id) {
    auto p = ctx_.db.queryOne("SELECT blocked_reason FROM providers WHERE id = ? FOR UPDATE",
                              {provider_id});
    if (!p) return std::nullopt;
    return ProviderBlock{p->opt(0)};
}

void MariaDbIntegrity::setProviderBlock(std::int64_t provider_id,
                                        const std::optional<std::string>& reason,
                                        const std::string& actor) {
    if (reason) {
        ctx_.db.execute(
            "UPDATE providers SET blocked_reason = ?, blocked_at = ?, blocked_by = ? WHERE id = ?",
            {*reason, timestamp(ctx_.clock), actor, provider_id});
    } else {
        ctx_.db.execute(
            "UPDATE providers SET blocked_reason = NULL, blocked_at = NULL, blocked_by = NULL"
            " WHERE id = ?",
            {provider_id});
    }
}

std::optional<PayableStatus> MariaDbIntegrity::lockPayableStatus(std::int64_t payable_id) {
    auto p = ctx_.db.queryOne("SELECT status FROM payables WHERE id = ? FOR UPDATE", {payable_id});
    if (!p) return std::nullopt;
    const auto status = parsePayableStatus(p->str(0));
    ZC_ASSERT(status.has_value() && "payables.status holds only the known statuses");
    return status;
}

void MariaDbIntegrity::setPayableDispute(std::int64_t payable_id,
                                         const std::optional<std::string>& reason) {
    ctx_.db.execute("UPDATE payables SET disputed_reason = ? WHERE id = ?",
                    {reason ? db::Param(*reason) : db::Param(nullptr), payable_id});
}

}  // namespace zc::invoicing
