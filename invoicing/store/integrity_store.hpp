#pragma once
// What the integrity use cases (invoicing/app/payment_integrity.hpp) need of the database: a
// provider's integrity block and a payable's dispute. IntegrityStore is the interface they call;
// MariaDbIntegrity implements it in the caller's transaction, the unit tests in memory.
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/request_context.hpp"
#include "invoicing/domain/payable_status.hpp"

namespace zc::invoicing {

// A provider's block as it stands: the reason, or nothing when it is not blocked.
struct ProviderBlock {
    std::optional<std::string> reason;
};

class IntegrityStore {
  public:
    virtual ~IntegrityStore() = default;
    // The provider's block, locked until the transaction ends; nothing when there is no such
    // provider.
    virtual std::optional<ProviderBlock> lockProviderBlock(std::int64_t provider_id) = 0;
    // Blocks (with `reason`, by `actor`, now) or unblocks (reason nothing) the provider.
    virtual void setProviderBlock(std::int64_t provider_id,
                                  const std::optional<std::string>& reason,
                                  const std::string& actor) = 0;
    // The payable's status, locked; nothing when there is no such payable.
    virtual std::optional<PayableStatus> lockPayableStatus(std::int64_t payable_id) = 0;
    // Disputes (with `reason`) or undisputes (nothing) the payable.
    virtual void setPayableDispute(std::int64_t payable_id,
                                   const std::optional<std::string>& reason) = 0;
};

class MariaDbIntegrity final : public IntegrityStore {
  public:
    explicit MariaDbIntegrity(app::RequestContext& ctx) : ctx_(ctx) {}

    std::optional<ProviderBlock> lockProviderBlock(std::int64_t provider_id) override;
    void setProviderBlock(std::int64_t provider_id, const std::optional<std::string>& reason,
                          const std::string& actor) override;
    std::optional<PayableStatus> lockPayableStatus(std::int64_t payable_id) override;
    void setPayableDispute(std::int64_t payable_id,
                           const std::optional<std::string>& reason) override;

  private:
    app::RequestContext& ctx_;
};

}  // namespace zc::invoicing
