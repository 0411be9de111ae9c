#include "review_queue.hpp"

#include <algorithm>
#include <map>

#include "billing/domain/cap_use.hpp"
#include "billing/domain/cap_windows.hpp"
#include "billing/store/allocation_facts_store.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"

namespace zc::billing {
namespace {

// What the line's allocation has used of its cap, from the allocation and its accepted usage.
std::optional<CapUse> capUse(const std::optional<AllocationRow>& row,
                             const std::vector<UsageRow>& usage, const Period& line_period) {
    if (!row || !line_period.end) return std::nullopt;
    const auto& a = row->facts;
    AllocationUse use(a.cap, a.category, a.period);
    for (const auto& u : usage) use.addInUnit(u.period, u.volume, u.unit);
    CapUse c;
    c.cap = a.cap;
    c.counting_unit = capCountingUnit(a.cap.unit);
    c.used_in_period = use.usedInMonth(line_period.begin);
    c.used_total = use.total();
    const bool overlaps =
        (!a.period.end || line_period.begin < *a.period.end) && a.period.begin < *line_period.end;
    const auto max_period =
        overlaps ? maxVolumeInPeriod(a.cap, a.category, line_period, a.period) : std::int64_t{0};
    // In the counting unit, like the use (an hours cap counts minutes).
    const auto counted = [&](std::int64_t v) {
        return toCapCountingUnit(v, a.cap.unit, a.cap.unit);
    };
    if (max_period != kNoPeriodLimit) c.max_in_period = counted(max_period);
    if (const auto max_total = maxVolumeOverAllocation(a.cap, a.period))
        c.max_total = counted(*max_total);
    return c;
}

// The allocations of a page of review items and their accepted usage, read in two statements.
struct PageAllocations {
    std::map<std::int64_t, AllocationRow> allocations;
    std::map<std::int64_t, std::vector<UsageRow>> usage;

    PageAllocations(db::Connection& db, const std::vector<ReviewRow>& rows) {
        std::vector<std::int64_t> numbers;
        for (const auto& r : rows) numbers.push_back(r.allocation_number);
        std::sort(numbers.begin(), numbers.end());
        numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
        if (numbers.empty()) return;
        for (auto& a : currentAllocations(db, numbers)) {
            allocations.emplace(a.facts.number, std::move(a));
        }
        for (auto& u : acceptedUsage(db, numbers)) usage[u.allocation_number].push_back(u);
    }

    ReviewView viewOf(const app::RequestContext& ctx, ReviewRow r) const {
        ReviewView v;
        v.overdue = r.status == ReviewStatus::Open && parseDate(r.due_date) < ctx.today();
        const auto a = allocations.find(r.allocation_number);
        const auto u = usage.find(r.allocation_number);
        v.cap = capUse(a == allocations.end() ? std::nullopt : std::optional(a->second),
                       u == usage.end() ? std::vector<UsageRow>{} : u->second,
                       Period{parseDate(r.period_start), parseDate(r.period_end)});
        v.review = std::move(r);
        return v;
    }
};

}  // namespace

app::ListPage<ReviewView> listReviews(app::RequestContext& ctx, ReviewFilter filter) {
    filter.scope = app::ownMunicipalities(ctx.actor);
    auto rows = findReviews(ctx.db, filter);
    app::ListPage<ReviewView> out;
    out.total = rows.total;
    const PageAllocations page(ctx.db, rows.items);
    for (auto& r : rows.items) out.items.push_back(page.viewOf(ctx, std::move(r)));
    return out;
}

ReviewView getReview(app::RequestContext& ctx, std::int64_t id) {
    auto r = findReview(ctx.db, id);
    if (!r) {
        throw ValidationError("NOT_FOUND", "Review item " + std::to_string(id) + " does not exist.",
                              "id");
    }
    app::requireWorksFor(ctx.actor, r->municipality_code, "review_item", std::to_string(id),
                         "Review item " + std::to_string(id));
    const PageAllocations page(ctx.db, {*r});
    return page.viewOf(ctx, std::move(*r));
}

}  // namespace zc::billing
