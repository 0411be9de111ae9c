#pragma once
// The demo's recent work, so that every home screen has something on it in a newcomer's first
// minute: providers' monthly declarations of this year (lines accepted, one rejected over its
// cap, one a little over its cap awaiting review), a payment run approved by four eyes and
// booked by the bank (a camt.053 of the debtor accounts), a run prepared for the last month and
// a provider's open WMO315 request. Runs through the same use cases as the API, on the dates
// they would have happened (never after today).
#include "demo_context.hpp"

namespace zc::server::demo {

// Needs the clients' allocations (loadClients). The declarations cover this year's complete
// months before today, at most the last three: in January there are none (and no runs).
void loadActivity(Demo& d);

}  // namespace zc::server::demo
