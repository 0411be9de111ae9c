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

// A WMO323 declaration from XML text or a file (streamed, never loaded whole). With `dry_run`
// nothing is stored and the answer is the WMO325 the declaration would get.
IntakeAnswer receiveDeclaration(RequestContext& ctx, const std::string& sender_agb,
                                const iwmo::DeclarationSource& source, bool dry_run);
// What keeps a WMO323 from control level 3, streamed (any size up to
// limits.max_declaration_bytes): its schema problems ("CODE at line L, column C: message") or,
// when it is schema-valid, the in-message rules it breaks (billing::InMessageRules, "RULE at
// line N: message"). Empty when it passes both.
std::vector<std::string> declarationProblems(const iwmo::DeclarationSource& source);
// When the last review of a WMO323 declaration is decided: its WMO325 to the outbox.
void completeReviewedDeclaration(RequestContext& ctx, std::int64_t declaration_id);

// HTTP use cases.
ApiResponse postMessage(RequestContext& ctx, const ApiRequest& req);        // provider (mTLS)
ApiResponse postMessageDryRun(RequestContext& ctx, const ApiRequest& req);  // WMO323 check only
// POST /declarations/wmo323[/dry-run]: a WMO323 file uploaded in the web application by a
// provider's logged-in user (no client certificate); answered with the WMO325 like /messages.
ApiResponse uploadWmo323(RequestContext& ctx, const ApiRequest& req);
ApiResponse uploadWmo323DryRun(RequestContext& ctx, const ApiRequest& req);

// CLI `validate FILE`: schema and the rules that need no database; one line per problem with
// its code and location. Returns true when valid. A WMO323 is streamed from the file, so it may
// be as large as the service accepts; other messages are read whole (limits.max_xml_bytes).
bool validateMessageFile(const std::string& path, std::vector<std::string>& problems);

}  // namespace zc::app
