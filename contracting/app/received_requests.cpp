#include "received_requests.hpp"

#include "contracting/app/clients.hpp"
#include "contracting/kernel/working_days.hpp"
#include "interfaces/security/bsn_protection.hpp"

namespace zc::contracting {
namespace {

// A product a request for change asks for (TR361): its place in the message, category, code
// (empty: the category as a whole) and care period [begin, end) (no end: open).
struct AskedProduct {
    CodePlace place;
    std::size_t index;
    std::string category;
    std::string code;
    Date begin;
    std::optional<Date> end;
};

bool overlapAllowed(const std::string& category) {
    return category == "11" || category == "12" || category == "13" || category == "14";
}

// TR361: the same product (on the level of the category when a code is missing; an empty
// category is the same as any) with overlapping care periods.
bool sameProductOverlapping(const AskedProduct& a, const AskedProduct& b) {
    if (overlapAllowed(a.category) || overlapAllowed(b.category)) return false;
    if (!a.category.empty() && !b.category.empty()) {
        if (a.category != b.category) return false;
        if (!a.code.empty() && !b.code.empty() && a.code != b.code) return false;
    }
    return (!b.end || a.begin < *b.end) && (!a.end || b.begin < *a.end);
}

// An inclusive Einddatum as an exclusive end; `otherwise` when there is none.
std::optional<Date> endAfter(std::optional<Date> end, std::optional<Date> otherwise) {
    return end ? std::optional<Date>(addDays(*end, 1)) : otherwise;
}

// TR350 (OngewijzigdProduct, 9350) and TR351 (TeWijzigenProduct, 9351): each names a current
// allocation; TR349 (9349): together they name all of them.
void checkListed(const ChangeRequest& r, const std::set<std::int64_t>& current, PlacedCodes& out) {
    std::set<std::int64_t> listed;
    for (std::size_t i = 0; i < r.unchanged.size(); ++i) {
        if (!current.count(r.unchanged[i])) out.push_back({CodePlace::Unchanged, i, "9350"});
        listed.insert(r.unchanged[i]);
    }
    for (std::size_t i = 0; i < r.changes.size(); ++i) {
        if (!current.count(r.changes[i].number)) out.push_back({CodePlace::Change, i, "9351"});
        listed.insert(r.changes[i].number);
    }
    if (listed != current) out.push_back({CodePlace::Request, 0, "9349"});
}

// The rules of a TeWijzigenProduct that need its current allocation: TR411 (the allocation has
// a product Code, so Omvang is required: 9411), TR357 (a change that does not lie in the future
// takes effect from the allocation's start: 9357) and TR373 (a change of a total over the
// allocation period does too: 9373).
void checkChanges(ReceivedRequestStore& store, const ChangeRequest& r,
                  const std::set<std::int64_t>& current, PlacedCodes& out) {
    for (std::size_t i = 0; i < r.changes.size(); ++i) {
        const auto& c = r.changes[i];
        if (!current.count(c.number)) continue;  // 9351
        const auto a = store.allocationTerms(c.number);
        if (!a) continue;
        if (!c.has_volume) out.push_back({CodePlace::Change, i, "9411"});
        if (c.wanted_start <= r.dagtekening && c.wanted_start != a->start_date) {
            out.push_back({CodePlace::Change, i, "9357"});
        }
        if (a->frequency == "total" && c.has_volume && c.wanted_start != a->start_date) {
            out.push_back({CodePlace::Change, i, "9373"});
        }
    }
}

// The products of a Verzoek: an unchanged one with its allocation's period, one to change from
// its wished start to its (new) end, a new one as asked. Allocations that are not the client's
// current ones are 9350/9351 and left out here.
std::vector<AskedProduct> askedProducts(ReceivedRequestStore& store, const ChangeRequest& r,
                                        const std::set<std::int64_t>& current) {
    std::vector<AskedProduct> out;
    const auto allocation = [&](std::int64_t n) {
        return current.count(n) ? store.allocation(n) : std::nullopt;
    };
    for (std::size_t i = 0; i < r.unchanged.size(); ++i) {
        if (const auto a = allocation(r.unchanged[i])) {
            out.push_back({CodePlace::Unchanged, i, a->category, a->product_code, a->start_date,
                           a->end_date});
        }
    }
    for (std::size_t i = 0; i < r.changes.size(); ++i) {
        const auto& c = r.changes[i];
        if (const auto a = allocation(c.number)) {
            out.push_back({CodePlace::Change, i, a->category, a->product_code, c.wanted_start,
                           endAfter(c.end, a->end_date)});
        }
    }
    for (std::size_t i = 0; i < r.new_products.size(); ++i) {
        const auto& p = r.new_products[i];
        out.push_back(
            {CodePlace::New, i, p.category, p.code, p.wanted_start, endAfter(p.end, std::nullopt)});
    }
    return out;
}

// TR361 (9361): a product appears more than once in a request only with care periods that do
// not overlap; the later of two overlapping ones gets the code.
void checkOverlaps(ReceivedRequestStore& store, const ChangeRequest& r,
                   const std::set<std::int64_t>& current, PlacedCodes& out) {
    const auto items = askedProducts(store, r, current);
    for (std::size_t i = 1; i < items.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (sameProductOverlapping(items[j], items[i])) {
                out.push_back({items[i].place, items[i].index, "9361"});
                break;
            }
        }
    }
}

NewRequest queued(app::RequestContext& ctx, const RegisteredMessage& m, std::string kind,
                  std::string reference, const std::string& municipality,
                  std::optional<std::int64_t> client_id, const std::string& hash,
                  std::string summary_json) {
    return {std::move(kind),
            m.provider_id,
            std::move(reference),
            municipality,
            client_id,
            hash,
            std::move(summary_json),
            m.inbox_id,
            app::timestamp(ctx.clock),
            addWorkingDays(ctx.today(), 5)};
}

}  // namespace

PlacedCodes checkAllocationRequest(ReceivedRequestStore& store, const AllocationRequest& request,
                                   std::int64_t provider_id, const std::string& bsn_hash) {
    PlacedCodes out;
    if (store.lockOpenRequest(provider_id, bsn_hash)) out.push_back({CodePlace::Client, 0, "9374"});
    for (std::size_t i = 0; i < request.items.size(); ++i) {
        if (store.referenceUsed(provider_id, request.items[i].reference)) {
            out.push_back({CodePlace::Item, i, "9347"});
        }
    }
    return out;
}

PlacedCodes checkChangeRequest(ReceivedRequestStore& store, const ChangeRequest& request,
                               std::int64_t provider_id, std::optional<std::int64_t> client_id,
                               const std::string& bsn_hash, Date today) {
    PlacedCodes out;
    // TR304: a request for change is about a client we know.
    if (!client_id) out.push_back({CodePlace::Client, 0, "8187"});
    if (store.lockOpenRequest(provider_id, bsn_hash)) out.push_back({CodePlace::Client, 0, "9374"});
    if (store.referenceUsed(provider_id, request.reference)) {
        out.push_back({CodePlace::Request, 0, "9347"});
    }
    // TR349-351: the client's current allocations are those the receiving municipality issued;
    // one another municipality pays for is not this municipality's to change.
    const auto current =
        client_id ? store.currentNumbers(*client_id, provider_id, request.municipality_code, today)
                  : std::set<std::int64_t>{};
    checkListed(request, current, out);
    checkChanges(store, request, current, out);
    checkOverlaps(store, request, current, out);
    return out;
}

PlacedCodes receiveAllocationRequest(app::RequestContext& ctx, const RegisteredMessage& m,
                                     const AllocationRequest& request) {
    const std::string hash = security::bsnLookupHash(ctx.config, request.bsn);
    MariaDbReceivedRequests store(ctx.db);
    auto codes = checkAllocationRequest(store, request, m.provider_id, hash);
    if (!codes.empty()) return codes;
    const auto client_id = findClientIdByBsn(ctx.db, ctx.config, request.bsn);
    for (const auto& item : request.items) {
        store.insertRequest(queued(ctx, m, "315", item.reference, request.municipality_code,
                                   client_id, hash, item.summary_json));
    }
    return codes;
}

PlacedCodes receiveChangeRequest(app::RequestContext& ctx, const RegisteredMessage& m,
                                 const ChangeRequest& request) {
    const std::string hash = security::bsnLookupHash(ctx.config, request.bsn);
    const auto client_id = findClientIdByBsn(ctx.db, ctx.config, request.bsn);
    MariaDbReceivedRequests store(ctx.db);
    auto codes = checkChangeRequest(store, request, m.provider_id, client_id, hash, ctx.today());
    if (!codes.empty()) return codes;
    store.insertRequest(queued(ctx, m, "317", request.reference, request.municipality_code,
                               client_id, hash, request.summary_json));
    return codes;
}

}  // namespace zc::contracting
