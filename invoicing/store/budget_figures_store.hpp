#pragma once
// The budget figures kept current (migration 0042): claim lines summed per budget scope (paying
// municipality, category, the client's district and team), status, service month and day of
// receipt; and what of the accepted lines is paid, per scope, service month and day of payment.
// Each change is made in the caller's transaction, by the same statement shape as the full
// recomputation that compareFigures checks them against.
#include <cstdint>
#include <string>
#include <vector>

#include "interfaces/mysql/connection.hpp"

namespace zc::invoicing {

// Counts every claim line of the declaration (called once, when all its lines are written).
void addDeclarationFigures(db::Connection& db, std::int64_t declaration_id);

// Moves one claim line's figures from status `from` to status `to` (a review decided).
void moveLineFigures(db::Connection& db, std::int64_t claim_line_id, const std::string& from,
                     const std::string& to);

// Payables that start or stop counting as paid. Called BEFORE their status changes.
enum class PaidChange {
    Booked,    // the bank booked the instruction (id): its payables in the run become paid
    Returned,  // the bank returned the instruction (id): its paid payables are open again
    Offset,    // the payment run (id) settles payables without a transfer: they become paid
};
void changePaidFigures(db::Connection& db, PaidChange change, std::int64_t id,
                       const std::string& paid_at);

// A client's place in the municipality (0: none).
struct ClientPlace {
    std::int64_t district = 0;
    std::int64_t team = 0;
};
// Moves the figures of the client's claim lines from one place to the other.
void moveClientFigures(db::Connection& db, std::int64_t client_id, ClientPlace from,
                       ClientPlace to);

// One figure that differs from the full recomputation.
struct FigureDifference {
    std::string table;  // budget_claim_figures or budget_paid_figures
    std::string key;    // the row's key, "0193 02 accepted 2026-01-01 2026-02-05 3 7"
    std::int64_t kept_cents = 0, recomputed_cents = 0;
    std::int64_t kept_lines = 0, recomputed_lines = 0;  // claim figures only
};

// The municipalities that have figures or claim lines, in code order.
std::vector<std::string> figureMunicipalities(db::Connection& db);

// The figures of `municipality` that differ from a full recomputation from the claim lines,
// payables, allocations and clients (rows whose kept amount and count are zero count as absent).
std::vector<FigureDifference> compareFigures(db::Connection& db, const std::string& municipality);

// Replaces every figure by the full recomputation (in the caller's transaction).
void rebuildFigures(db::Connection& db);

}  // namespace zc::invoicing
