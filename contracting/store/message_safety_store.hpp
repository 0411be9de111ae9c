#pragma once
// What the message safety use case (contracting/app/message_safety.hpp, iWmo OP003) needs of the
// database: whether a client's messages are withheld, withholding and releasing them, and the
// providers that hold a current allocation of the client. MessageSafetyStore is the interface the
// use case calls; MariaDbMessageSafety implements it in the caller's transaction, the unit tests
// in memory.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// A provider with a current allocation of the client that `paying_municipality` pays: one
// WMO301 (from that municipality) to send on release.
struct ProviderToInform {
    std::int64_t provider_id = 0;
    std::string paying_municipality;
    bool operator==(const ProviderToInform&) const = default;
};

// Whether messages about the client are withheld now (false for an unknown client).
bool messagesWithheld(db::Connection& db, std::int64_t client_id);

class MessageSafetyStore {
  public:
    virtual ~MessageSafetyStore() = default;
    // Whether the client's messages are withheld, locked until the transaction ends; nothing
    // when there is no such client.
    virtual std::optional<bool> lockWithheld(std::int64_t client_id) = 0;
    // Withholds the client's messages (since `now` unless withheld already) for `reason`.
    virtual void withhold(std::int64_t client_id, const std::string& now,
                          const std::string& reason) = 0;
    // Releases the client's messages (since and reason cleared).
    virtual void release(std::int64_t client_id) = 0;
    // The providers with a current allocation of the client, once per paying municipality, by
    // provider and municipality.
    virtual std::vector<ProviderToInform> providersWithAllocations(std::int64_t client_id) = 0;
};

class MariaDbMessageSafety final : public MessageSafetyStore {
  public:
    explicit MariaDbMessageSafety(db::Connection& db) : db_(db) {}

    std::optional<bool> lockWithheld(std::int64_t client_id) override;
    void withhold(std::int64_t client_id, const std::string& now,
                  const std::string& reason) override;
    void release(std::int64_t client_id) override;
    std::vector<ProviderToInform> providersWithAllocations(std::int64_t client_id) override;

  private:
    db::Connection& db_;
};

}  // namespace zc::contracting
