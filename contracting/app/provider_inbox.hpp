#pragma once
// A provider's message inbox (berichtenbox) as use cases, for its users in the web application:
// every message the municipalities sent it (WMO301 allocations, WMO319 answers to requests,
// WMO325 answers to declarations), acknowledged or not, to look up and download. Unlike the
// outbox of the provider's software (provider_outbox.hpp), reading here neither fetches nor
// acknowledges a message: it stays waiting for the software.
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/app/provider_outbox.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::contracting {

struct InboxFilter {
    std::string message_code;   // BerichtCode ("414", "482", "485"); "" for all
    std::string identificatie;  // part of a message identification; "" for any
    std::int64_t limit = 100;
    std::int64_t offset = 0;
};

struct InboxPage {
    std::vector<OutboxEntry> messages;  // newest first
    std::int64_t total = 0;             // how many match the filter
};

// The acting provider's messages (FORBIDDEN for anyone else).
InboxPage listInbox(app::RequestContext& ctx, const InboxFilter& filter);
// readInboxMessage (one message as XML, audited, not recorded as a fetch): provider_outbox.hpp.

}  // namespace zc::contracting
