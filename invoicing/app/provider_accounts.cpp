#include "provider_accounts.hpp"

#include <algorithm>

#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::invoicing {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

[[noreturn]] void notFound(const std::string& what) {
    throw ValidationError("NOT_FOUND", what + " does not exist.", "id");
}

void requireStartNotPast(Date valid_from, Date today) {
    if (valid_from < today) {
        throw ValidationError("VALID_FROM_PAST",
                              "The account's start (" + formatDate(valid_from) +
                                  ") lies in the past; a change takes effect from today at the "
                                  "earliest.",
                              "valid_from");
    }
}

// The audit row's after: what the API answers.
std::string record(const ProviderAccountRow& r) {
    return security::AuditRecord()
        .set("id", r.id)
        .set("provider_id", r.provider_id)
        .set("iban", r.iban)
        .set("holder_name", r.holder_name)
        .set("valid_from", formatDate(r.valid_from))
        .set("status", r.status)
        .set("proposed_by", r.proposed_by)
        .set("decided_by", r.decided_by)
        .set("decision_reason", r.decision_reason)
        .json();
}

void requireVisibleProvider(const app::RequestContext& ctx, std::int64_t provider_id) {
    if (ctx.actor.role == app::Role::Provider && ctx.actor.provider_id != provider_id) {
        notFound("Provider " + std::to_string(provider_id));
    }
}

}  // namespace

ProviderAccountRow proposeProviderAccountIn(ProviderAccountStore& store,
                                            const ProviderAccountProposal& p) {
    const Iban iban = Iban::parse(p.iban, "iban");
    if (blank(p.holder_name)) {
        throw ValidationError("MISSING_FIELD", "Give the account holder's name.", "holder_name");
    }
    requireStartNotPast(p.valid_from, p.today);
    const auto provider = store.lockProvider(p.provider_id);
    if (!provider) notFound("Provider " + std::to_string(p.provider_id));
    if (const auto pending = store.pendingProposal(p.provider_id)) {
        throw ValidationError(
            "BANK_ACCOUNT_PENDING",
            "Account change " + std::to_string(*pending) +
                " of this provider awaits a decision; approve or reject it first.",
            "provider_id");
    }
    store.ensureRegistrationEntry(p.provider_id, *provider);
    const auto id = store.insertProposal(
        {p.provider_id, iban.str(), p.holder_name.substr(0, 70), p.valid_from, p.proposed_by});
    return *store.find(id, false);
}

ProviderAccountRow decideProviderAccountIn(ProviderAccountStore& store,
                                           const ProviderAccountDecision& d) {
    if (!d.approve && blank(d.reason)) {
        throw ValidationError("REASON_REQUIRED", "Give the reason for the rejection.", "reason");
    }
    const auto seen = store.find(d.id, false);
    if (!seen) notFound("Account change " + std::to_string(d.id));
    store.lockProvider(seen->provider_id);  // decisions of one provider follow each other
    const auto row = store.find(d.id, true);
    if (row->status != "proposed") {
        throw ValidationError(
            "BANK_ACCOUNT_DECIDED",
            "Account change " + std::to_string(d.id) + " was " + row->status + " already.", "id");
    }
    if (row->proposed_by == d.decided_by) {
        throw ValidationError("FOUR_EYES",
                              "A bank account change is decided by a finance user other than the "
                              "one who proposed it.",
                              "decided_by");
    }
    if (d.approve) requireStartNotPast(row->valid_from, d.today);
    store.recordDecision(d.id, d.approve, d.decided_by, d.reason);
    return *store.find(d.id, false);
}

ProviderAccountRow proposeProviderAccount(app::RequestContext& ctx, ProviderAccountProposal p) {
    p.proposed_by = ctx.actor.name;
    p.today = ctx.today();
    db::Transaction tx(ctx.db);
    MariaDbProviderAccounts store(ctx);
    const auto row = proposeProviderAccountIn(store, p);
    security::appendAudit(ctx, {"provider_bank_account.propose", "provider_bank_account",
                                std::to_string(row.id), "ok", std::nullopt, record(row)});
    tx.commit();
    return row;
}

ProviderAccountRow decideProviderAccount(app::RequestContext& ctx, ProviderAccountDecision d) {
    d.decided_by = ctx.actor.name;
    d.today = ctx.today();
    db::Transaction tx(ctx.db);
    MariaDbProviderAccounts store(ctx);
    const auto before = store.find(d.id, false);
    const auto row = decideProviderAccountIn(store, d);
    security::appendAudit(
        ctx, {std::string("provider_bank_account.") + (d.approve ? "approve" : "reject"),
              "provider_bank_account", std::to_string(row.id), "ok",
              before ? std::optional(record(*before)) : std::nullopt, record(row)});
    tx.commit();
    return row;
}

ProviderAccountHistory providerAccountHistory(app::RequestContext& ctx, std::int64_t provider_id) {
    requireVisibleProvider(ctx, provider_id);
    MariaDbProviderAccounts store(ctx);
    const auto provider = store.lockProvider(provider_id);
    if (!provider) notFound("Provider " + std::to_string(provider_id));
    ProviderAccountHistory out;
    out.entries = store.history(provider_id);
    const bool any_approved = std::any_of(out.entries.begin(), out.entries.end(),
                                          [](const auto& e) { return e.status == "approved"; });
    if (!any_approved) {
        out.entries.push_back({0, provider_id, provider->registered_iban, provider->name,
                               provider->recorded_on, "approved", "registration", "", std::nullopt,
                               std::nullopt, std::nullopt});
    }
    const Date today = ctx.today();
    for (std::size_t i = 0; i < out.entries.size(); ++i) {
        const auto& e = out.entries[i];
        if (e.status == "approved" && e.valid_from <= today) {
            out.current_index = static_cast<std::int64_t>(i);
            break;
        }
    }
    return out;
}

}  // namespace zc::invoicing
