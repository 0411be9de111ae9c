#include "refusal_audit.hpp"

#include <array>
#include <exception>

#include "error_mapping.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::http {
namespace {

// Refusals whose status alone would not say so.
constexpr std::array kProviderRefusals = {"AGB_MISMATCH", "UNKNOWN_AGB", "UNKNOWN_PROVIDER"};

bool atTheDoor(const std::string& code) {
    return code == "UNAUTHENTICATED" || code == "CSRF_HEADER_MISSING" ||
           code == "MFA_SETUP_REQUIRED";
}

bool isRefusal(const app::Actor& actor, const RefusedRequest& request,
               const ValidationError& error) {
    for (const char* code : kProviderRefusals) {
        if (error.code() == code) return true;
    }
    const int status = statusOf(error.kind());
    const bool known = actor.user_id != 0 || actor.provider_id != 0;
    return known && (status == 401 || status == 403 || (status == 404 && !request.path.empty()));
}

// "declarations" and "17" for ".../declarations/{id}" with id 17; else the endpoint itself.
std::pair<std::string, std::string> objectOf(const RefusedRequest& request) {
    const auto open = request.pattern.find("/{");
    if (open == std::string::npos || request.path.empty()) return {"endpoint", request.pattern};
    const auto start = request.pattern.rfind('/', open - 1);
    const auto close = request.pattern.find('}', open);
    const std::string name = request.pattern.substr(open + 2, close - open - 2);
    const auto value = request.path.find(name);
    if (start == std::string::npos || value == request.path.end()) {
        return {"endpoint", request.pattern};
    }
    return {request.pattern.substr(start + 1, open - start - 1), value->second};
}

void writeRow(app::RequestContext& ctx, const RefusedRequest& request,
              const ValidationError& error) {
    security::AuditRecord after;
    after.set("code", error.code()).set("endpoint", request.pattern);
    if (!request.certificate_agb.empty()) after.set("certificate_agb", request.certificate_agb);
    if (!request.path.empty()) {
        security::AuditRecord path;
        for (const auto& [name, value] : request.path) path.set(name, value);
        after.set("path", std::move(path));
    }
    const auto [type, id] = objectOf(request);
    security::appendAuditStandalone(
        ctx, {"access.denied", type, id, "denied", std::nullopt, after.json()});
}

}  // namespace

void auditRefusal(app::RequestContext& ctx, const RefusedRequest& request,
                  const ValidationError& error) {
    if (ctx.refusal_audited) return;
    try {
        if (atTheDoor(error.code())) {
            security::auditAuthRefusal(ctx, request.pattern, error.code(), request.presented);
        } else if (isRefusal(ctx.actor, request, error)) {
            writeRow(ctx, request, error);
        }
    } catch (const std::exception&) {
        // The refusal is answered all the same; the failed write is the database's to report.
    }
}

}  // namespace zc::http
