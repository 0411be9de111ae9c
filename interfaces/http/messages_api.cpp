#include "messages_api.hpp"

#include <filesystem>

#include "contracting/app/provider_outbox.hpp"
#include "contracting/app/provider_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"
#include "interfaces/iwmo/exchange/message_intake.hpp"
#include "interfaces/iwmo/exchange/message_schemas.hpp"
#include "interfaces/iwmo/exchange/wmo323_intake.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/observability/request_metrics.hpp"

namespace zc::http {
namespace {

// A WMO323 is recognised by its namespace near the start; it takes the streaming path.
bool isDeclaration(const ApiRequest& req) {
    return iwmo::looksLikeDeclaration(req.rawHead(iwmo::kSniffBytes));
}

// The metrics of the exchange (GET /metrics): the message taken in, and the retour answered.
void countExchange(const ApiRequest& req, const iwmo::IntakeAnswer& answer) {
    obs::countMessageIn(obs::iwmoMessageName(req.rawHead(iwmo::kSniffBytes)));
    if (answer.content_type.find("xml") != std::string::npos) {
        obs::countMessageOut(obs::iwmoMessageName(iwmo::answerHead(answer, iwmo::kSniffBytes)));
    }
}

ApiResponse rawResponse(iwmo::IntakeAnswer answer) {
    ApiResponse res;
    res.status = answer.status;
    res.content_type = std::move(answer.content_type);
    res.raw = std::move(answer.body);
    res.raw_file = std::move(answer.body_file);
    return res;
}

iwmo::DeclarationSource declarationSource(const ApiRequest& req) {
    return req.body_file.empty() ? iwmo::DeclarationSource::text(req.raw_body)
                                 : iwmo::DeclarationSource::file(req.body_file);
}

// The web application's upload: the provider is the logged-in user's, not a certificate's.
ApiResponse uploadDeclaration(RequestContext& ctx, const ApiRequest& req, bool dry_run) {
    iwmo::refuseByteOrderMark(req.rawHead(3));
    if (!isDeclaration(req)) {
        throw ValidationError("NOT_A_DECLARATION",
                              "The file is not a WMO323 declaration (iWmo 3.2): its namespace "
                              "was not found at the start of the file.",
                              "file");
    }
    const std::string agb = contracting::providerAgb(ctx.db, contracting::outboxOwner(ctx));
    auto answer = iwmo::receiveDeclaration(ctx, agb, declarationSource(req), dry_run);
    if (!dry_run) countExchange(req, answer);
    return rawResponse(std::move(answer));
}

}  // namespace

ApiResponse postMessage(RequestContext& ctx, const ApiRequest& req) {
    if (req.client_agb.empty()) {
        throw ValidationError("CLIENT_CERTIFICATE_REQUIRED",
                              "Messages are accepted only over mutual TLS with a client "
                              "certificate issued to your AGB code.",
                              "");
    }
    iwmo::refuseByteOrderMark(req.rawHead(3));
    if (isDeclaration(req)) {
        auto answer = iwmo::receiveDeclaration(ctx, req.client_agb, declarationSource(req), false);
        countExchange(req, answer);
        return rawResponse(std::move(answer));
    }
    // Other messages are small; one spooled beyond their limit is refused before it is read.
    const auto limit = iwmo::messageLimits().max_bytes;
    if (!req.body_file.empty() && std::filesystem::file_size(req.body_file) > limit) {
        throw ValidationError(
            "XML_TOO_LARGE", "The message is larger than " + std::to_string(limit) + " bytes.", "");
    }
    auto answer = iwmo::receiveMessage(ctx, req.client_agb, req.rawText());
    countExchange(req, answer);
    return rawResponse(std::move(answer));
}

ApiResponse postMessageDryRun(RequestContext& ctx, const ApiRequest& req) {
    iwmo::refuseByteOrderMark(req.rawHead(3));
    if (!isDeclaration(req)) {
        throw ValidationError("DRY_RUN_DECLARATIONS_ONLY",
                              "A dry run checks a WMO323 declaration; other messages are checked "
                              "by sending them.",
                              "");
    }
    return rawResponse(iwmo::receiveDeclaration(ctx, req.client_agb, declarationSource(req), true));
}

ApiResponse uploadWmo323(RequestContext& ctx, const ApiRequest& req) {
    return uploadDeclaration(ctx, req, false);
}

ApiResponse uploadWmo323DryRun(RequestContext& ctx, const ApiRequest& req) {
    return uploadDeclaration(ctx, req, true);
}

}  // namespace zc::http
