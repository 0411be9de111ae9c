#pragma once
// Clients and their access decisions (toegangsbesluit / beschikking). A client's BSN is stored
// only encrypted (AES-256-GCM with AppConfig::bsn_key) and as an HMAC-SHA256 look-up hash (with
// AppConfig::bsn_hmac_key); answers show it in full only to access officers. Every read of a
// client through the API appends a "client.read" audit row.
#include <cstdint>
#include <optional>
#include <string>

#include "context.hpp"

namespace zc::app {

// A client as the message layer needs it (WMO301 Client class). `bsn` is decrypted.
struct ClientView {
    std::int64_t id = 0;
    std::string bsn;
    std::string surname;
    std::string prefix;  // voorvoegsel, e.g. "van der"
    std::string given_names;
    std::string initials;
    Date birth_date;
    std::string gender;  // Geslacht: "0" unknown, "1" male, "2" female
    std::string street;
    std::string house_number;
    std::string postcode;
    std::string city;
    std::string municipality_code;
};

// The client with its decrypted BSN, or nothing. Writes no audit row: a caller that shows the
// data to a person records the read itself. Throws std::runtime_error when the stored BSN does
// not decrypt with the configured key.
std::optional<ClientView> loadClient(db::Connection& db, const AppConfig& config, std::int64_t id);
// The client with this BSN (looked up by its HMAC), or nothing (also for an invalid BSN).
std::optional<std::int64_t> findClientIdByBsn(db::Connection& db, const AppConfig& config,
                                              const std::string& bsn);

// POST /clients
ApiResponse createClient(RequestContext& ctx, const ApiRequest& req);
// GET /clients (?bsn= looks one up; otherwise a page of clients)
ApiResponse listClients(RequestContext& ctx, const ApiRequest& req);
// GET /clients/{id}
ApiResponse getClient(RequestContext& ctx, const ApiRequest& req);
// POST /clients/{id}/decisions
ApiResponse createDecision(RequestContext& ctx, const ApiRequest& req);
// GET /clients/{id}/decisions
ApiResponse listDecisions(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
