#pragma once
// What the rules of a provider's request (WMO315 request for an allocation, WMO317 request for
// a change) need of the database: the provider's references and open requests
// (allocation_requests), the client's current allocations with that provider, and the new
// request in the work queue. ReceivedRequestStore is the interface the use case calls
// (contracting/app/received_requests.hpp); MariaDbReceivedRequests implements it in the caller's
// transaction, the unit tests in memory.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/store/care_start_store.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// The start and frequency ("total", "week", ...) of an allocation's current version.
struct AllocationStartTerms {
    Date start_date;
    std::string frequency;
};

// A request for the work queue (status open).
struct NewRequest {
    std::string kind;  // "315" or "317"
    std::int64_t provider_id = 0;
    std::string reference;  // ReferentieAanbieder
    std::string municipality_code;
    std::optional<std::int64_t> client_id;
    std::string bsn_hash;
    std::string summary_json;
    std::int64_t inbox_id = 0;
    std::string received_at;  // DATETIME(6) text
    Date answer_due;
};

class ReceivedRequestStore {
  public:
    virtual ~ReceivedRequestStore() = default;
    // Whether the provider used the ReferentieAanbieder before.
    virtual bool referenceUsed(std::int64_t provider_id, const std::string& reference) = 0;
    // Whether the provider has an open (or investigated) request for the client, locked.
    virtual bool lockOpenRequest(std::int64_t provider_id, const std::string& bsn_hash) = 0;
    // The numbers of the client's allocations with the provider that are current on `today` and
    // that `municipality` issued (pays for): what its WMO301s told the provider.
    virtual std::set<std::int64_t> currentNumbers(std::int64_t client_id, std::int64_t provider_id,
                                                  const std::string& municipality, Date today) = 0;
    virtual std::optional<AllocationStartTerms> allocationTerms(std::int64_t number) = 0;
    virtual std::optional<NamedAllocation> allocation(std::int64_t number) = 0;
    virtual void insertRequest(const NewRequest& request) = 0;
};

class MariaDbReceivedRequests final : public ReceivedRequestStore {
  public:
    explicit MariaDbReceivedRequests(db::Connection& db) : db_(db) {}
    bool referenceUsed(std::int64_t provider_id, const std::string& reference) override;
    bool lockOpenRequest(std::int64_t provider_id, const std::string& bsn_hash) override;
    std::set<std::int64_t> currentNumbers(std::int64_t client_id, std::int64_t provider_id,
                                          const std::string& municipality, Date today) override;
    std::optional<AllocationStartTerms> allocationTerms(std::int64_t number) override;
    std::optional<NamedAllocation> allocation(std::int64_t number) override;
    void insertRequest(const NewRequest& request) override;

  private:
    db::Connection& db_;
};

}  // namespace zc::contracting
