#pragma once
// The work queue of requests for (changes of) allocations that providers send (WMO315/WMO317):
// staff grant them (allocations created or changed: one WMO301 per provider, through the
// AllocationChanges port), reject them or answer "in onderzoek" (a WMO319, through the
// RequestAnswers port), within the standard's deadlines. A request is decided once.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "contracting/app/allocation_changes.hpp"
#include "contracting/app/allocations.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/store/request_store.hpp"

namespace zc::contracting {

// A request as answered, with whether its deadline passed.
struct RequestView {
    RequestRow row;
    bool overdue = false;
};

// What a WMO317 asks: the allocations to change (ToewijzingNummer and GewensteIngangsdatum as
// received) and the new products (code, or only a category).
struct RequestedChange {
    std::string number;  // ToewijzingNummer as received (leading zeros possible)
    std::string wished_start;
};
struct RequestedProduct {
    std::string code, category;
};
struct RequestedItems {
    std::vector<RequestedChange> changes;
    std::vector<RequestedProduct> products;
};

// What a grant fills in on each change where the grant gives none.
struct ChangeDefaults {
    std::string referentie_aanbieder;           // always the request's
    std::map<std::string, std::string> wished;  // number → GewensteIngangsdatum
    ConsentGiven consent;                       // the provider's request is its consent
};

// The staff's grant, read part by part when the use case needs it, so that its errors come in
// the order of the checks (the HTTP adapter implements it over the JSON body).
class RequestGrantReader {
  public:
    virtual ~RequestGrantReader() = default;
    virtual std::size_t changeCount() = 0;
    virtual std::size_t allocationCount() = 0;
    // The ToewijzingNummer that change i changes.
    virtual std::int64_t changeNumber(std::size_t i) = 0;
    // The granted product that new allocation i draws on.
    virtual std::int64_t allocationGrant(std::size_t i) = 0;
    virtual AllocationChange change(std::size_t i, const ChangeDefaults& defaults) = 0;
    virtual NewAllocation allocation(std::size_t i, std::int64_t provider_id,
                                     const std::string& referentie_aanbieder) = 0;
    // The staff's reason ("" when none).
    virtual std::string reason() = 0;
    // What the stored WMO317 asks (its summary, as the intake stored it).
    virtual RequestedItems requested(const std::string& summary_json) = 0;
};

// The port through which the queue answers the provider (WMO319 VerzoekAntwoord "1" afgewezen
// with its reden, "2" in onderzoek), in the caller's transaction.
class RequestAnswers {
  public:
    virtual ~RequestAnswers() = default;
    virtual void answer(const RequestRow& request, const std::string& antwoord,
                        const std::string& reden) = 0;
};

// Open past its answer date, or in onderzoek past its decision date.
bool isOverdue(const RequestRow& r, Date today);
// REQUEST_DECIDED unless the request is open or in onderzoek.
void checkUndecided(const RequestRow& r);
// A ToewijzingNummer as the API writes it (no leading zeros).
std::string numberText(const std::string& digits);
// IV093: exactly one change for every allocation asked to change (`decided` holds the numbers
// of the grant's changes, `count` how many changes it has). REQUEST_NOT_WHOLE (field changes).
void checkChangesWhole(const std::set<std::string>& asked, const std::set<std::string>& decided,
                       std::size_t count);
// IV093: one allocation for every new product asked for — of that code, or of that category
// when the request names no code — and none other (`granted`: code and category of each
// allocation's granted product). REQUEST_NOT_WHOLE (field allocations).
void checkProductsWhole(const std::vector<RequestedProduct>& asked,
                        const std::vector<RequestedProduct>& granted);

// GET /requests: a page by answer due date unless sorted otherwise (RequestFilter); a scoped
// staff user sees only the requests addressed to the municipalities of the scope.
app::ListPage<RequestView> listRequests(app::RequestContext& ctx, RequestFilter filter);
// GET /requests/{id}: NOT_FOUND when unknown.
RequestView getRequest(app::RequestContext& ctx, std::int64_t id);
// POST /requests/{id}/grant: in one transaction NOT_FOUND / REQUEST_DECIDED, CLIENT_UNKNOWN,
// the request honoured as a whole (WMO317), the changes then the new allocations (one WMO301
// per provider to `changes`), audited "request.granted".
RequestView grantRequest(app::RequestContext& ctx, std::int64_t id, RequestGrantReader& in,
                         AllocationChanges& changes);
// POST /requests/{id}/reject: the WMO319 "afgewezen" with `code` (1..9), audited
// "request.rejected".
RequestView rejectRequest(app::RequestContext& ctx, std::int64_t id, const std::string& code,
                          const std::string& reason, RequestAnswers& answers);
// POST /requests/{id}/investigate: once (ALREADY_INVESTIGATING); the WMO319 "in onderzoek";
// the decision is due in 8 weeks; audited "request.in_onderzoek".
RequestView investigateRequest(app::RequestContext& ctx, std::int64_t id, RequestAnswers& answers);

// GET /deadlines/overdue: the overdue requests and our messages without a retour, each list
// paged with `limit` and `offset`, and how many there are of each.
struct OverdueWork {
    std::vector<RequestView> requests;
    std::vector<MissingRetourRow> missing_retours;
    std::int64_t requests_total = 0, missing_retours_total = 0;
};
OverdueWork listOverdue(app::RequestContext& ctx, std::int64_t limit, std::int64_t offset);

}  // namespace zc::contracting
