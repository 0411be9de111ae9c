#pragma once
// Delivering the chain's durable outbox to the GGk (issue 16): the envelopes due
// (contracting::leaseDueEnvelopes: oldest first, a client's in order) are each posted to the
// GGk's endpoint (ggk.url) over HTTPS with our client certificate; an outbox message's envelope
// is built at its first attempt and kept, so that every retry sends the same bytes with the same
// referentienummer. The GGk's Bv03 makes it delivered; a time-out, a dropped connection, an HTTP
// error or a Fo03 of the server's side makes it wait (30 s, doubling up to an hour by default)
// and go again; a Fo03 of the client's side, or running out of attempts, makes it failed.
// Everything is in the database: a service killed in the middle sends again after its restart,
// and the receiver drops the second copy by its referentienummer. The thread that calls
// deliverDue is the server's (interfaces/server/ggk_sender.hpp).
#include <chrono>
#include <string>

#include "contracting/app/chain_exchange.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/iwmo/chain/ggk_settings.hpp"

namespace zc::iwmo {

// One post's outcome as the outbox records it (from the HTTP status and body).
contracting::AttemptResult attemptResultOf(int http_status, const std::string& body);
// The wait after attempt number `attempts` (1 = the first): the initial back-off doubled per
// attempt, at most retry_max_ms.
std::chrono::milliseconds backOff(const GgkSettings& s, int attempts);

// One round: every due envelope tried once (at most `limit`); returns how many were tried.
int deliverDue(app::RequestContext& ctx, int limit = 50);

}  // namespace zc::iwmo
