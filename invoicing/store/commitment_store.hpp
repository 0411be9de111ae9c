#pragma once
// The kept budget commitments (migration 0045): what the current allocations of a paying
// municipality and category still commit on a report date until the end of the budget year,
// summed per district and team of their clients, with the versions of what it was computed from.
// A kept commitment counts only while both versions are still current, so it always equals a
// computation from scratch: the basis version (contracting's allocations, clients' places and
// tariffs: contracting/app/commitment_basis.hpp) and the lines version (the accepted claim lines
// received by the report date, raised below in the transaction that changes them).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::invoicing {

// What the current allocations of the clients of one district and team (0: none) commit.
struct CommitmentPart {
    std::int64_t district = 0, team = 0;
    Money committed;
    std::int64_t counted = 0;         // allocations counted
    std::int64_t without_tariff = 0;  // of those, without a contract tariff on the date
};

// The key of a kept commitment.
struct CommitmentKey {
    std::string municipality, category;
    int year = 0;
    Date report_date;
};

// The versions a commitment depends on, and its parts when they are kept for those versions.
struct KeptCommitments {
    std::int64_t basis_version = 0, lines_version = 0;
    std::optional<std::vector<CommitmentPart>> parts;  // nothing: not kept, or out of date
};

// The lines version of the municipality and category: the sum of the generations of the days of
// receipt up to and including `report_date`.
std::int64_t commitmentLinesVersion(db::Connection& db, const std::string& municipality,
                                    const std::string& category, Date report_date);

// The parts kept for `key` when they were computed at `versions` (its parts are ignored).
std::optional<std::vector<CommitmentPart>> keptParts(db::Connection& db, const CommitmentKey& key,
                                                     const KeptCommitments& versions);

// Keeps `kept.parts` for `key` at `kept`'s versions, in one statement (rows of an earlier
// computation that it does not replace stay, with their own versions, and are ignored).
void keepParts(db::Connection& db, const CommitmentKey& key, const KeptCommitments& kept,
               const std::string& computed_at);

// A kept commitment's key and the versions it was computed at.
struct KeptMarker {
    CommitmentKey key;
    KeptCommitments versions;  // without parts
    std::string computed_at;   // as stored
};
// Every kept commitment, in key order.
std::vector<KeptMarker> keptMarkers(db::Connection& db);
// Forgets every kept commitment (they are computed again when read).
void discardKeptCommitments(db::Connection& db);
// Forgets the kept commitment of `key` (every row of it).
void discardKeptCommitment(db::Connection& db, const CommitmentKey& key);

// Accepted claim lines of the declaration were written: raises the generation of each
// municipality, category and day of receipt they have.
void noteDeclarationLines(db::Connection& db, std::int64_t declaration_id);
// The claim line left or entered 'accepted'.
void noteLineStatusChanged(db::Connection& db, std::int64_t claim_line_id);

}  // namespace zc::invoicing
