#pragma once
// The iWmo 3.2 message exchange with providers.
//
// Intake (POST /api/v1/messages, mutual TLS): one transaction per message — hardened parse and
// XSD validation, header checks, exactly-once registration by sender + BerichtCode +
// BerichtIdentificatie, the standard's control levels (level 2: header-only retour with 0001;
// level 3: codes per class, the whole message rejected), the state change and the stored
// retour. A repeated message gets the stored retour; the same identification with other content
// is refused (409 DUPLICATE_IDENTIFICATION).
//
// Outbox: WMO301 on every change of a client's allocations with a provider, WMO319 answers;
// providers fetch and acknowledge them. Requests (315/317) form a work queue with deadlines.
#include <memory>
#include <string>

#include "context.hpp"
#include "contracting/app/allocation_changes.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::app {

// Set once at start-up (server and CLI); the XSDs used for intake.
void setMessageSchemas(std::shared_ptr<const xml::SchemaSet> schemas, xml::Limits limits);
const xml::SchemaSet& messageSchemas();
// The limits of setMessageSchemas (size, depth, ...) for messages other than declarations.
xml::Limits messageLimits();
// Set once at start-up (server and every CLI command that may queue a message): our own XSDs
// (interfaces/xml/schemas/iwmo-3.2, all 14 message types), against which every outgoing message
// is validated before it is queued, whatever folder xml.schema_dir names for intake.
void setOutgoingSchemas(std::shared_ptr<const xml::SchemaSet> schemas);
const xml::SchemaSet& outgoingSchemas();

// The synchronous answer to a received message: the retour XML, or for 302/320 (which have no
// retour) a short JSON acknowledgement.
struct IntakeAnswer {
    int status = 200;
    std::string content_type;
    std::string body;
};

// OP192: a message starting with a byte-order mark (UTF-8, or UTF-16 of either order) is not
// processable: throws ValidationError XML_BYTE_ORDER_MARK (400, no retour, nothing stored).
void refuseByteOrderMark(std::string_view head);

// Processes `xml` as sent by the provider with AGB `sender_agb`. Technical errors (not
// processable) throw ValidationError and change nothing.
IntakeAnswer receiveMessage(RequestContext& ctx, const std::string& sender_agb,
                            std::string_view xml);

// Queues a WMO301 with all current allocations of the client for the provider.
void queueWmo301(RequestContext& ctx, std::int64_t client_id, std::int64_t provider_id);

// The message layer's side of the allocations' AllocationChanges port: each change queues a
// WMO301 for that client and provider in the caller's transaction (OP087).
class Wmo301Outbox final : public contracting::AllocationChanges {
  public:
    explicit Wmo301Outbox(RequestContext& ctx) : ctx_(ctx) {}
    void allocationsChanged(std::int64_t client_id, std::int64_t provider_id) override {
        queueWmo301(ctx_, client_id, provider_id);
    }

  private:
    RequestContext& ctx_;
};

// An allocation use case whose changes queue their WMO301s at once: what the route table, the
// demo loader and the tests call (`queueingWmo301<createAllocation>`).
template <ApiResponse (*UseCase)(RequestContext&, const ApiRequest&,
                                 contracting::AllocationChanges&)>
ApiResponse queueingWmo301(RequestContext& ctx, const ApiRequest& req) {
    Wmo301Outbox outbox(ctx);
    return UseCase(ctx, req, outbox);
}

// HTTP use cases.
ApiResponse postMessage(RequestContext& ctx, const ApiRequest& req);        // provider (mTLS)
ApiResponse postMessageDryRun(RequestContext& ctx, const ApiRequest& req);  // WMO323 check only
// POST /declarations/wmo323[/dry-run]: a WMO323 file uploaded in the web application by a
// provider's logged-in user (no client certificate); answered with the WMO325 like /messages.
ApiResponse uploadWmo323(RequestContext& ctx, const ApiRequest& req);
ApiResponse uploadWmo323DryRun(RequestContext& ctx, const ApiRequest& req);
ApiResponse listRequests(RequestContext& ctx, const ApiRequest& req);  // staff work queue
ApiResponse getRequest(RequestContext& ctx, const ApiRequest& req);
ApiResponse grantRequest(RequestContext& ctx, const ApiRequest& req);
ApiResponse rejectRequest(RequestContext& ctx, const ApiRequest& req);
ApiResponse investigateRequest(RequestContext& ctx, const ApiRequest& req);
ApiResponse listOverdue(RequestContext& ctx, const ApiRequest& req);

// CLI `validate FILE`: schema and the rules that need no database; one line per problem with
// its code and location. Returns true when valid. A WMO323 is streamed from the file, so it may
// be as large as the service accepts; other messages are read whole (limits.max_xml_bytes).
bool validateMessageFile(const std::string& path, std::vector<std::string>& problems);

}  // namespace zc::app
