#pragma once
// The iWmo messages' HTTP entry points: a provider's message over mutual TLS (POST /messages,
// the WMO323 dry run) and the web application's WMO323 upload. Each refuses a byte-order mark,
// tells a WMO323 by its namespace (the one sniff: iwmo::looksLikeDeclaration) and hands the
// message to the exchange; the answer is the retour, WMO325 or acknowledgement as received.
#include "api_request.hpp"

namespace zc::http {

// POST /messages: provider (client certificate required: CLIENT_CERTIFICATE_REQUIRED); another
// message than a WMO323 larger than the intake's limit is XML_TOO_LARGE before it is read.
ApiResponse postMessage(RequestContext& ctx, const ApiRequest& req);
// POST /messages/dry-run: a WMO323 only (DRY_RUN_DECLARATIONS_ONLY); nothing is stored.
ApiResponse postMessageDryRun(RequestContext& ctx, const ApiRequest& req);
// POST /declarations/wmo323[/dry-run]: a WMO323 file uploaded by a provider's logged-in user (no
// client certificate; NOT_A_DECLARATION for another file), answered with the WMO325.
ApiResponse uploadWmo323(RequestContext& ctx, const ApiRequest& req);
ApiResponse uploadWmo323DryRun(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
