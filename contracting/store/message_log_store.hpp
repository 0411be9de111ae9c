#pragma once
// The message log: incoming and outgoing iWmo messages, newest first, as one list.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::contracting {

// One message in the log.
struct MessageLogRow {
    std::string direction;  // "in" or "out"
    std::string message_code, identificatie, provider_agb;
    std::string at;       // received_at / created_at, DATETIME(6) text, UTC
    std::string outcome;  // an incoming message's outcome; "waiting" / "acknowledged" outgoing
    std::optional<std::string> retour;  // retour code(s)
    // Through the GGk chain (issue 16), else none: the envelope's referentienummer (in: the one
    // it arrived in; out: the one it left in), its state (out: queued, delivered, acknowledged,
    // failed; in: the state of the envelope carrying our retour, "received" when there is none)
    // and, when failed, "CODE: text".
    std::optional<std::string> chain_reference, chain_state, chain_fault;
};

// Which messages: of one provider (agb, "" for all) and about one client (0 for all): the
// allocations sent (WMO301) and, from the provider, its requests (WMO315/317) and the starts
// and stops of care (WMO305/307). Newest first, paged.
struct MessageLogFilter {
    std::string agb;
    std::int64_t client_id = 0;
    std::int64_t limit = 100;
    std::int64_t offset = 0;
    // A staff user's own municipalities (nothing: all): outgoing messages sent from them
    // (outbox_messages.municipality_code), incoming ones linked to a request, declaration or care
    // start/stop of theirs (an incoming message refused before it was linked is not shown).
    db::MunicipalityScope municipalities;
};

// The page and the total of both halves with the same filter and scope.
app::ListPage<MessageLogRow> messageLogRows(db::Connection& db, const MessageLogFilter& f);

}  // namespace zc::contracting
