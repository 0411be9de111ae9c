#pragma once
// The SQL behind a declaration's recipient (the municipality it is sent to) when the JSON API
// or a CSV upload does not name one: the municipality that pays for a line's allocation, or
// else the municipality of the provider's contract.
#include <cstdint>
#include <optional>
#include <string>

namespace zc::db {
class Connection;
}

namespace zc::billing {

// Whether a municipality with this code exists.
bool municipalityKnown(db::Connection& db, const std::string& code);
// The paying municipality of the current allocation with this number; nothing when there is
// none.
std::optional<std::string> allocationPayer(db::Connection& db, std::int64_t number);
// The municipality of the provider's contract (an active one first, then the oldest); nothing
// when the provider has no contract.
std::optional<std::string> contractMunicipality(db::Connection& db, std::int64_t provider_id);

}  // namespace zc::billing
