#include "allocation_requests.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

RequestView viewOf(const RequestRow& r, Date today) { return {r, isOverdue(r, today)}; }

RequestView answer(app::RequestContext& ctx, std::int64_t id) {
    return viewOf(*requestById(ctx.db, id), ctx.today());
}

[[noreturn]] void unknownRequest(std::int64_t id) {
    throw ValidationError("NOT_FOUND", "Request " + std::to_string(id) + " does not exist.", "id");
}

// A staff user handles the requests addressed to a municipality it works for or serves
// regionally (OUT_OF_SCOPE).
void requireRequestInScope(const app::Actor& a, const RequestRow& r) {
    if (app::worksFor(a, r.municipality_code)) return;
    for (const auto& code : a.regional) {
        if (code == r.municipality_code) return;
    }
    throw app::OutOfScope("request", std::to_string(r.id), "Request " + std::to_string(r.id));
}

RequestRow lockRequest(app::RequestContext& ctx, std::int64_t id) {
    auto r = requestById(ctx.db, id, true);
    if (!r) unknownRequest(id);
    requireRequestInScope(ctx.actor, *r);
    checkUndecided(*r);
    return *r;
}

std::int64_t requireClient(app::RequestContext& ctx, RequestRow& q) {
    if (q.client_id) return *q.client_id;
    const auto client = clientByBsnHash(ctx.db, q.bsn_hash);
    if (!client) {
        throw ValidationError("CLIENT_UNKNOWN",
                              "Record the client (POST /api/v1/clients) and a decision first.", "");
    }
    q.client_id = *client;
    linkRequestClient(ctx.db, q.id, *q.client_id);
    return *q.client_id;
}

// A WMO317 is honoured as a whole (IV093): the grant decides every TeWijzigenProduct (one change
// per ToewijzingNummer asked for, no other) and every NieuwProduct.
void checkWholeRequest(app::RequestContext& ctx, const RequestRow& q, RequestGrantReader& in) {
    if (q.kind != "317") return;
    const RequestedItems items = in.requested(q.summary_json);
    std::set<std::string> asked;
    for (const auto& c : items.changes) asked.insert(numberText(c.number));
    std::set<std::string> decided;
    for (std::size_t i = 0; i < in.changeCount(); ++i) {
        decided.insert(std::to_string(in.changeNumber(i)));
    }
    checkChangesWhole(asked, decided, in.changeCount());
    std::vector<RequestedProduct> granted;
    for (std::size_t i = 0; i < in.allocationCount(); ++i) {
        const auto id = in.allocationGrant(i);
        const auto kind = grantedProductKind(ctx.db, id);
        if (!kind) {
            throw ValidationError(
                "UNKNOWN_GRANTED_PRODUCT",
                "Granted product " + std::to_string(id) + " is not part of any access decision.",
                "granted_product_id");
        }
        granted.push_back({kind->first, kind->second});
    }
    checkProductsWhole(items.products, granted);
}

// The changes a grant decides. A change of a weekly (daily, monthly) volume takes effect from
// the GewensteIngangsdatum the provider asked for unless the grant says otherwise (OP033x1: a new
// allocation from then on), and the provider's request is its consent to the change (OP033x1:
// asked for by the provider, no further consultation).
void grantChanges(app::RequestContext& ctx, AllocationChanges& changes, const RequestRow& q,
                  RequestGrantReader& in) {
    ChangeDefaults defaults;
    defaults.referentie_aanbieder = q.referentie_aanbieder;
    if (q.kind == "317") {
        for (const auto& c : in.requested(q.summary_json).changes) {
            defaults.wished[numberText(c.number)] = c.wished_start;
        }
    }
    defaults.consent = {"verzoek om wijziging " + q.referentie_aanbieder, ctx.today()};
    for (std::size_t i = 0; i < in.changeCount(); ++i) {
        changeAllocation(ctx, in.change(i, defaults), changes);
    }
}

void decide(app::RequestContext& ctx, const RequestRow& q, const std::string& status,
            const std::string& reason_code, const std::string& reason) {
    decideRequest(ctx.db, q.id, status, app::timestamp(ctx.clock), ctx.actor.name,
                  reason_code.empty() ? std::nullopt : std::optional<std::string>(reason_code),
                  reason);
    security::appendAudit(ctx,
                          {"request." + status, "request", std::to_string(q.id), "ok",
                           "{\"status\":\"" + q.status + "\"}", "{\"status\":\"" + status + "\"}"});
}

}  // namespace

bool isOverdue(const RequestRow& r, Date today) {
    const bool open = r.status == "open";
    const bool investigating = r.status == "in_onderzoek";
    return (open && parseDate(r.answer_due) < today) ||
           (investigating && r.decision_due && parseDate(*r.decision_due) < today);
}

void checkUndecided(const RequestRow& r) {
    if (r.status != "open" && r.status != "in_onderzoek") {
        throw ValidationError("REQUEST_DECIDED", "This request has been answered already.", "");
    }
}

std::string numberText(const std::string& digits) {
    const auto first = digits.find_first_not_of('0');
    return first == std::string::npos ? "0" : digits.substr(first);
}

void checkChangesWhole(const std::set<std::string>& asked, const std::set<std::string>& decided,
                       std::size_t count) {
    std::vector<std::string> missing, extra;
    for (const auto& n : asked) {
        if (!decided.count(n)) missing.push_back(n);
    }
    for (const auto& n : decided) {
        if (!asked.count(n)) extra.push_back(n);
    }
    if (missing.empty() && extra.empty() && decided.size() == count) return;
    throw ValidationError(
        "REQUEST_NOT_WHOLE",
        "A request for a change is honoured as a whole (IV093): give exactly one change for "
        "every allocation it asks to change (" +
            (asked.empty() ? std::string("none") : joined({asked.begin(), asked.end()})) + ")" +
            (missing.empty() ? "" : "; missing: " + joined(missing)) +
            (extra.empty() ? "" : "; not asked for: " + joined(extra)) + ".",
        "changes");
}

void checkProductsWhole(const std::vector<RequestedProduct>& asked,
                        const std::vector<RequestedProduct>& granted) {
    std::vector<bool> used(granted.size(), false);
    std::vector<std::string> unmatched;
    for (const auto& p : asked) {
        bool found = false;
        for (std::size_t i = 0; i < granted.size() && !found; ++i) {
            const auto& g = granted[i];
            if (used[i]) continue;
            if ((!p.code.empty() && g.code == p.code) ||
                (p.code.empty() && (p.category.empty() || g.category == p.category))) {
                used[i] = found = true;
            }
        }
        if (!found) unmatched.push_back(p.code.empty() ? "category " + p.category : p.code);
    }
    std::vector<std::string> unasked;
    for (std::size_t i = 0; i < granted.size(); ++i) {
        if (!used[i]) unasked.push_back(granted[i].code);
    }
    if (unmatched.empty() && unasked.empty()) return;
    throw ValidationError(
        "REQUEST_NOT_WHOLE",
        "A request for a change is honoured as a whole (IV093): give one allocation for every "
        "new product it asks for" +
            (unmatched.empty() ? "" : "; missing: " + joined(unmatched)) +
            (unasked.empty() ? "" : "; not asked for: " + joined(unasked)) + ".",
        "allocations");
}

app::ListPage<RequestView> listRequests(app::RequestContext& ctx, RequestFilter filter) {
    filter.scope.reset();
    if (ctx.actor.scoped()) {
        filter.scope = StaffFilter{ctx.actor.municipalities, ctx.actor.regional};
    }
    auto rows = requestsPage(ctx.db, filter);
    app::ListPage<RequestView> out;
    out.total = rows.total;
    for (const auto& r : rows.items) out.items.push_back(viewOf(r, ctx.today()));
    return out;
}

RequestView getRequest(app::RequestContext& ctx, std::int64_t id) {
    const auto r = requestById(ctx.db, id);
    if (!r) unknownRequest(id);
    requireRequestInScope(ctx.actor, *r);
    return viewOf(*r, ctx.today());
}

RequestView grantRequest(app::RequestContext& ctx, std::int64_t id, RequestGrantReader& in,
                         AllocationChanges& changes) {
    db::Transaction tx(ctx.db);
    RequestRow q = lockRequest(ctx, id);
    requireClient(ctx, q);
    checkWholeRequest(ctx, q, in);
    // One WMO301 per provider carries every change of the grant (IV093).
    CollectedAllocationChanges granted;
    grantChanges(ctx, granted, q, in);
    for (std::size_t i = 0; i < in.allocationCount(); ++i) {
        createAllocation(ctx, in.allocation(i, q.provider_id, q.referentie_aanbieder), granted);
    }
    granted.flushTo(changes);
    decide(ctx, q, "granted", "", in.reason());
    tx.commit();
    return answer(ctx, id);
}

RequestView rejectRequest(app::RequestContext& ctx, std::int64_t id, const std::string& code,
                          const std::string& reason, RequestAnswers& answers) {
    db::Transaction tx(ctx.db);
    const RequestRow q = lockRequest(ctx, id);
    answers.answer(q, "1", code);
    decide(ctx, q, "rejected", code, reason);
    tx.commit();
    return answer(ctx, id);
}

RequestView investigateRequest(app::RequestContext& ctx, std::int64_t id, RequestAnswers& answers) {
    db::Transaction tx(ctx.db);
    const RequestRow q = lockRequest(ctx, id);
    if (q.status != "open") {
        throw ValidationError("ALREADY_INVESTIGATING",
                              "\"In onderzoek\" is answered once; decide the request now.", "");
    }
    answers.answer(q, "2", "");
    markInvestigating(ctx.db, id, formatDate(addDays(ctx.today(), 56)));
    security::appendAudit(ctx, {"request.in_onderzoek", "request", std::to_string(id), "ok",
                                "{\"status\":\"open\"}", "{\"status\":\"in_onderzoek\"}"});
    tx.commit();
    return answer(ctx, id);
}

OverdueWork listOverdue(app::RequestContext& ctx, std::int64_t limit, std::int64_t offset) {
    const std::string today = formatDate(ctx.today());
    std::optional<StaffFilter> scope;
    if (ctx.actor.scoped()) scope = StaffFilter{ctx.actor.municipalities, ctx.actor.regional};
    OverdueWork out;
    const auto requests = overdueRequests(ctx.db, today, limit, offset, scope);
    for (const auto& r : requests.items) out.requests.push_back(viewOf(r, ctx.today()));
    out.requests_total = requests.total;
    auto retours = missingRetours(ctx.db, today, limit, offset, scope);
    out.missing_retours = std::move(retours.items);
    out.missing_retours_total = retours.total;
    return out;
}

}  // namespace zc::contracting
