#include "care_starts.hpp"

#include "contracting/app/clients.hpp"

namespace zc::contracting {
namespace {

// The current allocation a start or stop names, if any (ToewijzingNummer as written).
std::optional<NamedAllocation> allocationFor(CareStartStore& store, const std::string& number) {
    if (number.empty() || number.size() > 9) return std::nullopt;
    return store.allocation(std::stoll(number));
}

// TR019: the start/stop relates to this provider's allocation of this client, issued by the
// municipality the message is sent to (the allocation's paying municipality, the Afzender of its
// WMO301), with the same product and allocation start date when those are given.
bool linksToAllocation(const std::optional<NamedAllocation>& a, const CareReporter& who,
                       const CareItem& item) {
    if (!a || a->provider_id != who.provider_id || !who.client_id ||
        a->client_id != *who.client_id || a->paying_municipality != who.recipient) {
        return false;
    }
    if (item.product) {
        if (item.product->category != a->category) return false;
        if (!item.product->code.empty() && item.product->code != a->product_code) return false;
    }
    return item.allocation_start.empty() || item.allocation_start == formatDate(a->start_date);
}

}  // namespace

std::vector<std::string> startCodes(CareStartStore& store, const CareItem& item,
                                    const CareReporter& who, Date today) {
    const auto a = allocationFor(store, item.allocation_number);
    if (!linksToAllocation(a, who, item)) return {"9019"};
    if (today < item.begin) return {"8848"};
    const auto existing = store.lockStart(a->number, item.begin);
    if (item.status == "3") {
        if (!existing) return {"9063"};
        return existing->state == "current" ? std::vector<std::string>{}
                                            : std::vector<std::string>{"9071"};
    }
    if (existing) return {"9074"};
    if (store.hasCurrentStart(a->number)) return {"9326"};
    return {};
}

// TR074 (9074): a stop with StatusAanlevering 1 whose key (ToewijzingNummer, Begindatum,
// Einddatum) equals the stop on record was received before; TR413/TR415 say what may follow a
// stop.
std::vector<std::string> stopCodes(CareStartStore& store, const CareItem& item,
                                   const CareReporter& who, Date today) {
    const auto a = allocationFor(store, item.allocation_number);
    if (!linksToAllocation(a, who, item)) return {"9019"};
    const auto existing = store.lockStart(a->number, item.begin);
    if (!existing) return {"9069"};
    const std::string& state = existing->state;
    if (item.status == "3") {
        return state == "current" ? std::vector<std::string>{"9063"} : std::vector<std::string>{};
    }
    if (today < item.end) return {"8848"};
    std::vector<std::string> codes;
    if (state != "current" && existing->stop_date && *existing->stop_date == item.end) {
        codes.push_back("9074");
    }
    if (state == "stopped") codes.push_back("9415");
    if (state == "stopped_temporary") {
        if (item.reason == "20") {
            codes.push_back("9413");
        } else if (item.end < existing->stop_date.value()) {
            codes.push_back("9414");
        }
    }
    return codes;
}

PlacedCodes checkCareReport(CareStartStore& store, const CareReport& report,
                            std::int64_t provider_id, std::optional<std::int64_t> client_id,
                            Date today) {
    PlacedCodes out;
    const CareReporter who{provider_id, client_id, report.recipient};
    for (std::size_t i = 0; i < report.items.size(); ++i) {
        const auto& item = report.items[i];
        const auto codes =
            report.stop ? stopCodes(store, item, who, today) : startCodes(store, item, who, today);
        for (const auto& code : codes) out.push_back({CodePlace::Item, i, code});
    }
    return out;
}

void applyCareReport(CareStartStore& store, const CareReport& report, std::int64_t provider_id,
                     std::int64_t inbox_id) {
    for (const auto& item : report.items) {
        const auto number = std::stoll(item.allocation_number);
        const bool withdrawn = item.status == "3";
        if (!report.stop) {
            withdrawn ? store.deleteStart(number, item.begin)
                      : store.insertStart(number, provider_id, item.begin, inbox_id);
        } else if (withdrawn) {
            store.undoStop(number, item.begin);
        } else {
            store.stopStart(number, item.begin,
                            item.reason == "20" ? "stopped_temporary" : "stopped", item.end,
                            item.reason, inbox_id);
        }
    }
}

PlacedCodes receiveCareReport(app::RequestContext& ctx, const RegisteredMessage& m,
                              const CareReport& report) {
    const auto client_id = findClientIdByBsn(ctx.db, ctx.config, report.bsn);
    MariaDbCareStarts store(ctx.db);
    auto codes = checkCareReport(store, report, m.provider_id, client_id, ctx.today());
    if (codes.empty()) applyCareReport(store, report, m.provider_id, m.inbox_id);
    return codes;
}

}  // namespace zc::contracting
