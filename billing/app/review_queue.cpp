#include "review_queue.hpp"

#include <map>

#include "billing/domain/cap_use.hpp"
#include "billing/domain/cap_windows.hpp"
#include "billing/store/allocation_facts_store.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"

namespace zc::billing {
namespace {

std::optional<CapUse> capUse(db::Connection& db, std::int64_t allocation_number,
                             const Period& line_period) {
    const auto row = currentAllocation(db, allocation_number);
    if (!row || !line_period.end) return std::nullopt;
    const auto& a = row->facts;
    AllocationUse use(a.cap, a.category, a.period);
    for (const auto& u : acceptedUsage(db, allocation_number))
        use.addInUnit(u.period, u.volume, u.unit);
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

// The cap use per allocation and period, so that a queue with many lines of one allocation
// asks the database once for it.
using CapUses = std::map<std::string, std::optional<CapUse>>;

ReviewView viewOf(app::RequestContext& ctx, ReviewRow r, CapUses& seen) {
    ReviewView v;
    v.overdue = r.status == ReviewStatus::Open && parseDate(r.due_date) < ctx.today();
    const std::string key =
        std::to_string(r.allocation_number) + "/" + r.period_start + "/" + r.period_end;
    auto it = seen.find(key);
    if (it == seen.end()) {
        it = seen.emplace(key, capUse(ctx.db, r.allocation_number,
                                      Period{parseDate(r.period_start), parseDate(r.period_end)}))
                 .first;
    }
    v.cap = it->second;
    v.review = std::move(r);
    return v;
}

}  // namespace

app::ListPage<ReviewView> listReviews(app::RequestContext& ctx, ReviewFilter filter) {
    filter.scope = app::ownMunicipalities(ctx.actor);
    auto rows = findReviews(ctx.db, filter);
    app::ListPage<ReviewView> out;
    out.total = rows.total;
    CapUses cap_uses;
    for (auto& r : rows.items) out.items.push_back(viewOf(ctx, std::move(r), cap_uses));
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
    CapUses cap_uses;
    return viewOf(ctx, std::move(*r), cap_uses);
}

}  // namespace zc::billing
