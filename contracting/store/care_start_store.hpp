#pragma once
// What the rules of a start or stop of care (WMO305/307) need of the database: the current
// allocation a start or stop names, the care start on record (care_starts) and its changes.
// CareStartStore is the interface the use case calls (contracting/app/care_starts.hpp);
// MariaDbCareStarts implements it in the caller's transaction, the unit tests in memory.
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/civil_date.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// The current version of an allocation (ToewijzingNummer) as a received message names it.
struct NamedAllocation {
    std::int64_t number = 0;
    std::int64_t client_id = 0;
    std::int64_t provider_id = 0;
    std::string product_code;
    std::string category;  // ProductCategorie
    Date start_date;
    std::optional<Date> end_date;     // exclusive
    std::string paying_municipality;  // who issued it and pays for it (gemeentecode)
};

// The current version of allocation `number`, if any.
std::optional<NamedAllocation> findNamedAllocation(db::Connection& db, std::int64_t number);

// A care start on record (not deleted): "current", "stopped" or "stopped_temporary".
struct CareStartRow {
    std::int64_t id = 0;
    std::string state;
    std::optional<Date> stop_date;
};

class CareStartStore {
  public:
    virtual ~CareStartStore() = default;
    virtual std::optional<NamedAllocation> allocation(std::int64_t number) = 0;
    // The start of the allocation with this Begindatum that is not deleted, locked.
    virtual std::optional<CareStartRow> lockStart(std::int64_t number, Date begin) = 0;
    // Whether the allocation has a current start (with any Begindatum).
    virtual bool hasCurrentStart(std::int64_t number) = 0;
    // Records a current start, received in inbox message `inbox_id`.
    virtual void insertStart(std::int64_t number, std::int64_t provider_id, Date begin,
                             std::int64_t inbox_id) = 0;
    // A start withdrawn (StatusAanlevering 3): the current start becomes deleted.
    virtual void deleteStart(std::int64_t number, Date begin) = 0;
    // A stop withdrawn: a stopped start is current again, without stop.
    virtual void undoStop(std::int64_t number, Date begin) = 0;
    // A stop: a current or temporarily stopped start gets `state`, end, reason and message.
    virtual void stopStart(std::int64_t number, Date begin, const std::string& state, Date end,
                           const std::string& reason, std::int64_t inbox_id) = 0;
};

class MariaDbCareStarts final : public CareStartStore {
  public:
    explicit MariaDbCareStarts(db::Connection& db) : db_(db) {}
    std::optional<NamedAllocation> allocation(std::int64_t number) override;
    std::optional<CareStartRow> lockStart(std::int64_t number, Date begin) override;
    bool hasCurrentStart(std::int64_t number) override;
    void insertStart(std::int64_t number, std::int64_t provider_id, Date begin,
                     std::int64_t inbox_id) override;
    void deleteStart(std::int64_t number, Date begin) override;
    void undoStop(std::int64_t number, Date begin) override;
    void stopStart(std::int64_t number, Date begin, const std::string& state, Date end,
                   const std::string& reason, std::int64_t inbox_id) override;

  private:
    db::Connection& db_;
};

}  // namespace zc::contracting
