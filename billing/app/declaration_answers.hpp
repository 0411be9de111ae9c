#pragma once
// What a WMO323's answer (the WMO325) is built from, as stored: the declaration's outcome and
// every line not accepted with its retourcodes (BSN decrypted); and the inbox message a WMO325
// sent after the reviews answers. Read inside the caller's transaction; the message exchange
// (interfaces/iwmo/exchange) writes the XML.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/kernel/unit.hpp"

namespace zc::billing {

// A line not accepted (rejected, or held for review when the answer was due), as stored.
struct NotAcceptedLine {
    std::string bsn;
    std::string reference;
    std::optional<std::string> previous_reference;
    bool credit = false;
    std::string allocation_number;  // as stored
    std::string category;
    std::string product_code;
    Date begin;
    Date end;  // exclusive
    std::int64_t volume = 0;
    Unit unit = Unit::Hours;
    std::optional<std::int64_t> tariff_cents;
    std::int64_t amount_cents = 0;
    std::vector<std::string> codes;  // every retourcode, in the order of the rule table
};

// The declaration's answer as a whole.
struct StoredAnswer {
    std::int64_t submitted_cents = 0;
    // A declaration rejected as a whole: its header code ("0001" when none); else empty.
    std::vector<std::string> declaration_codes;
};

// The answer; `each` gets the lines not accepted in the order stored (none when the declaration
// was rejected as a whole). Read in pages, so that thousands of lines are not held twice.
StoredAnswer storedAnswer(app::RequestContext& ctx, std::int64_t declaration_id,
                          const std::function<void(NotAcceptedLine&&)>& each);

// A WMO323 declaration whose WMO325 is still to be sent.
struct Wmo323Answering {
    std::string message_head;  // the JSON the intake kept (DeclarationInbox::messageHead)
    std::optional<std::int64_t> inbox_id;
    std::int64_t provider_id = 0;
};
// Nothing for a declaration that did not come as a WMO323 (or has no head kept).
std::optional<Wmo323Answering> wmo323Answering(app::RequestContext& ctx,
                                               std::int64_t declaration_id);

}  // namespace zc::billing
