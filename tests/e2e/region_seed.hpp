#pragma once
// What the region e2e tests (ctest label `region`, issue 13) seed through the API: a client of a
// region municipality with household help (01A01) allocated to a provider, its June 2026
// declaration to a chosen recipient, debtor accounts and runs; and where their files are left.
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "interfaces/iwmo/declaration.hpp"
#include "support/https_client.hpp"

namespace zc::db {
class Connection;
}

namespace zc::e2e {

// A valid BSN (elfproef) starting with `lead` that no other test uses; each test file takes its
// own leading digit.
std::string elfproefBsn(char lead);
// <build>/test-artifacts: where the files a test produced are left for people to look at.
std::filesystem::path testArtifacts();
// The providers.id of the provider with `agb`.
std::int64_t providerId(db::Connection& db, const std::string& agb);
// The demo provider's household-help (01A01) tariff on 2026-06-01, asked of the tariff query.
std::int64_t householdHelpTariff();
// A client of `municipality` with household help (01A01, `hours` a week) from June 2026, granted
// and allocated to `provider` by the access officer; returns the allocation's answer (number,
// paying_municipality_code, ...).
Poco::JSON::Object::Ptr householdHelpAllocation(const std::string& municipality,
                                                const std::string& bsn, std::int64_t provider,
                                                std::int64_t hours = 3);
// A June 2026 prestatie of `hours` of household help on allocation `number`.
::zc::iwmo::Prestatie juneHouseholdHelp(const std::string& ref, const std::string& bsn,
                                        std::int64_t number, std::int64_t hours,
                                        std::int64_t tariff);
// Sends the demo provider's WMO323 of June 2026 with `line` to `recipient` (its Ontvanger); the
// declaration's number is "D" + `suffix`.
test::Response declareJune(const std::string& suffix, const std::string& recipient,
                           const ::zc::iwmo::Prestatie& line);
// The id of the payable made of declaration "D" + `suffix` (0: none).
std::int64_t declarationPayable(db::Connection& db, const std::string& suffix);
// Records `iban` as the municipality's (default) debtor account, as finance (asserts 200).
void setDebtorAccount(const std::string& municipality, const std::string& iban,
                      const std::string& name);
// A Dutch IBAN of `bank` (four letters) and a 10-digit `account`, with its ISO 13616 check digits.
std::string dutchIban(const std::string& bank, const std::string& account);
// The municipalities of the ledger journals with `source`, in id order, comma-separated.
std::string journalBooks(db::Connection& db, const std::string& source);
// Prepares a run of `municipality` for the provider's payables due within 60 days.
test::Response prepareRun(const std::string& municipality, std::int64_t provider);
// Approves run `id` as the second finance user and returns its pain.001 (both asserted 200).
test::Response approveAndDownload(std::int64_t id);

}  // namespace zc::e2e
