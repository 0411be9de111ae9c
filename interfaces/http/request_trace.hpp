#pragma once
// Every request's trace (docs/operations.md): its request id (X-Request-Id on every answer and
// "request_id" in every JSON error body), the route pattern it matched, who asked and the
// reason code of an error. The server wraps every handler in observed(): it sets the id, times
// the request, counts it in the request metrics and writes its JSON log lines (one per request,
// one more per error). The trace lives in the worker thread for the duration of the request.
#include <Poco/Net/HTTPRequestHandler.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "contracting/kernel/request_context.hpp"
#include "interfaces/observability/request_metrics.hpp"

namespace zc::http {

struct Route;

// The metrics and log label of requests that match no route of the table.
// Ggk: the GGk's SOAP endpoint (ggk_endpoint.hpp), outside the route table.
enum class ServerSlot { Health, Metrics, Unmatched, Static, Ggk };

struct RequestTrace {
    std::string id;
    std::size_t slot = 0;  // index into requestMetrics()'s route labels
    std::string user;      // staff user name ("" when anonymous or a provider)
    std::int64_t user_id = 0;
    std::string provider;  // AGB of a provider (certificate or API key)
    std::int64_t provider_id = 0;
    std::string reason;  // the error's reason code
    std::string detail;  // an internal error's description (log only, never in an answer)
};

// The current request's trace (an empty one outside a request).
RequestTrace& currentTrace();
void traceRoute(const Route& route);
void traceActor(const app::Actor& actor);

// The id for a request: the incoming X-Request-Id when it is 1-64 characters of
// [A-Za-z0-9._-], else 32 random hexadecimal characters.
std::string requestIdFor(std::string_view incoming);
bool acceptableRequestId(std::string_view id);

// The request counters and histograms, one slot per route of the table and per ServerSlot.
obs::RequestMetrics& requestMetrics();
std::size_t slotOf(ServerSlot s);

// Wraps `inner` (owned) for a request served under `slot`.
Poco::Net::HTTPRequestHandler* observed(Poco::Net::HTTPRequestHandler* inner, ServerSlot slot);

}  // namespace zc::http
