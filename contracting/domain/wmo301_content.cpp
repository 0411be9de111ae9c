#include "wmo301_content.hpp"

#include <algorithm>

namespace zc::contracting {

bool isWithdrawn(const AllocationForMessage& a) {
    return a.end && *a.end == a.start && a.reason_change &&
           (*a.reason_change == "13" || *a.reason_change == "01");
}

Wmo301Inclusion wmo301Inclusion(const AllocationForMessage& a, Date message_date) {
    // Valid on or after the message date: its last day (end - 1) is not before that date.
    const bool valid = !isWithdrawn(a) && (!a.end || message_date < *a.end);
    if (valid) return Wmo301Inclusion::ValidOnOrAfter;
    return a.sent_before ? Wmo301Inclusion::LeftOut : Wmo301Inclusion::Changed;
}

std::string inclusionName(Wmo301Inclusion i) {
    switch (i) {
        case Wmo301Inclusion::ValidOnOrAfter:
            return "valid";
        case Wmo301Inclusion::Changed:
            return "changed";
        case Wmo301Inclusion::LeftOut:
            return "left_out";
    }
    return "left_out";
}

std::vector<Wmo301Selection> wmo301Selections(
    const std::vector<PaidAllocationForMessage>& allocations, Date message_date) {
    std::vector<Wmo301Selection> out;
    for (std::size_t i = 0; i < allocations.size(); ++i) {
        const auto& a = allocations[i];
        auto it = std::find_if(out.begin(), out.end(), [&](const Wmo301Selection& s) {
            return s.municipality == a.paying_municipality;
        });
        if (it == out.end()) it = out.insert(out.end(), Wmo301Selection{a.paying_municipality, {}});
        if (belongsInWmo301(a.allocation, message_date)) it->carried.push_back(i);
    }
    std::erase_if(out, [](const Wmo301Selection& s) { return s.carried.empty(); });
    return out;
}

}  // namespace zc::contracting
