#pragma once
// The parties of an iWmo exchange for the end-to-end tests: a demo provider with a contract and
// a client certificate, a fresh client with an address and an access decision, an allocation
// (which queues a WMO301), and the dates around today. Shared by the direct path's tests
// (iwmo_flow_test.cpp) and the GGk chain's (ggk_cycle_test.cpp).
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/iwmo_messages.hpp"

namespace zc::e2e {

inline constexpr const char* kMunicipality = "0193";  // Zwolle, the demo's central municipality
inline constexpr const char* kBirthDate = "1962-04-18";
inline constexpr const char* kSurname = "Berichtentest";

Date today();
// Today plus `offset` days, YYYY-MM-DD.
std::string day(int offset);
// Monday to Friday, counted independently of the server's implementation.
std::string workingDaysAfter(const std::string& from, int n);

struct Provider {
    std::int64_t id;
    std::string agb;
};
bool hasCertificate(const std::string& agb);
// Providers with an active contract for `product` today in our municipality, with a
// certificate from the fixture, in a stable order.
std::vector<Provider> eligible(const std::string& product);
// 9 digits passing the elfproef.
std::string elfproefBsn();

struct Person {
    std::int64_t id = 0;
    std::string bsn;
    std::int64_t granted_ib = 0;  // granted product 02A01
    std::int64_t granted_hh = 0;  // granted product 01A01 (when asked for)

    iwmo::Client block() const { return {bsn, kBirthDate, "1", kSurname, "PB"}; }
};
// A fresh client with an address (a WMO301 needs one) and a decision from 30 days ago to 90
// days ahead: 4 hours a week of IB, and with `with_hh` also 3 hours a week of HH-1.
Person newPerson(bool with_hh = false);

struct Allocation {
    std::int64_t number = 0;
    std::string start;
};
Allocation allocate(std::int64_t granted_id, const Provider& provider, const std::string& start,
                    std::int64_t volume);

}  // namespace zc::e2e
