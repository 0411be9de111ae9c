#pragma once
// The SQL of receiving a WMO323 (billing/app/declaration_intake.hpp) and of answering it with
// its WMO325 (billing/app/declaration_answers.hpp): savepoints of the optimistic pass, the
// provider's previous DeclaratiePeriode (TR318), the message head kept with the declaration,
// the outcome on the inbox message, and the lines not accepted, read in pages.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zc::db {
class Connection;
}

namespace zc::billing {

void savepoint(db::Connection& db, const std::string& name);
void rollbackToSavepoint(db::Connection& db, const std::string& name);

// Locks the provider: one declaration of a provider at a time decides against the previous one.
void lockProvider(db::Connection& db, std::int64_t provider_id);
// The latest period_begin (YYYY-MM-DD) of the provider's WMO323 declarations not rejected as a
// whole; nothing when there is none.
std::optional<std::string> latestWmo323Period(db::Connection& db, std::int64_t provider_id);

// The received message's head (JSON text) kept with the declaration for a later WMO325.
void storeMessageHead(db::Connection& db, std::int64_t declaration_id, const std::string& head);

// A WMO323 declaration as its later WMO325 needs it.
struct Wmo323DeclarationRow {
    std::optional<std::string> message_head;
    std::optional<std::int64_t> inbox_id;
    std::int64_t provider_id = 0;
};
// Nothing when the declaration did not come as a WMO323.
std::optional<Wmo323DeclarationRow> wmo323Declaration(db::Connection& db,
                                                      std::int64_t declaration_id);

// What a declaration's answer starts from.
struct DeclarationOutcomeRow {
    std::int64_t submitted_cents = 0;
    std::optional<std::string> header_code;
    std::string status;
};
DeclarationOutcomeRow declarationOutcome(db::Connection& db, std::int64_t declaration_id);

// A line not accepted (rejected or held for review), as stored.
struct NotAcceptedRow {
    std::int64_t id = 0;
    std::string bsn_enc;
    std::string reference;
    std::optional<std::string> previous_reference;
    bool credit = false;
    std::string allocation_number;
    std::string category;
    std::string product_code;
    std::string period_begin;
    std::string period_end;  // exclusive
    std::int64_t volume = 0;
    std::string unit;
    std::optional<std::int64_t> tariff_cents;
    std::int64_t amount_cents = 0;
    std::string codes;  // every retourcode, space separated (the deciding one when not kept)
};
// The next page of them (at most `limit`) with an id after `after`, in id order.
std::vector<NotAcceptedRow> notAcceptedLines(db::Connection& db, std::int64_t declaration_id,
                                             std::int64_t after, std::int64_t limit);

}  // namespace zc::billing
