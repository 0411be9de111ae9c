#pragma once
// A provider's message inbox in the web application: the messages the municipalities sent it
// (outbox_messages: WMO301, WMO319, WMO325), newest first, a page at a time, with how many match.
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/store/outbox_store.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

struct InboxQuery {
    std::int64_t provider_id = 0;
    std::string message_code;   // BerichtCode ("414"); "" for every message
    std::string identificatie;  // part of the identification; "" for any
    std::int64_t limit = 100;
    std::int64_t offset = 0;
};

// The page of the provider's messages that match, newest first (created_at, then id).
std::vector<OutboxRow> inboxPage(db::Connection& db, const InboxQuery& q);
// How many of the provider's messages match (without limit and offset).
std::int64_t inboxCount(db::Connection& db, const InboxQuery& q);

}  // namespace zc::contracting
