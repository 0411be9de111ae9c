#include "extension.hpp"

namespace zc::contracting {

ExtensionVerdict extensionVerdict(const ExtendableAllocation& existing,
                                  const RequestedAllocation& requested, Date today) {
    if (existing.provider_id != requested.provider_id) return ExtensionVerdict::OtherProvider;
    if (existing.granted_product_id != requested.granted_product_id) {
        return ExtensionVerdict::OtherGrant;
    }
    if (!(existing.cap == requested.cap)) return ExtensionVerdict::OtherVolume;
    if (existing.reason_change && *existing.reason_change == "13") {
        return ExtensionVerdict::Withdrawn;
    }
    if (!existing.end) return ExtensionVerdict::OpenEnded;
    if (requested.start != *existing.end) return ExtensionVerdict::NotAdjacent;
    // Not yet expired: its last day (end - 1) is today or later.
    if (*existing.end <= today) return ExtensionVerdict::Expired;
    if (requested.end && *requested.end <= *existing.end) return ExtensionVerdict::NoLongerEnd;
    return ExtensionVerdict::Extend;
}

std::string verdictName(ExtensionVerdict v) {
    switch (v) {
        case ExtensionVerdict::Extend:
            return "extend";
        case ExtensionVerdict::OtherProvider:
            return "other_provider";
        case ExtensionVerdict::OtherGrant:
            return "other_grant";
        case ExtensionVerdict::OtherVolume:
            return "other_volume";
        case ExtensionVerdict::Withdrawn:
            return "withdrawn";
        case ExtensionVerdict::OpenEnded:
            return "open_ended";
        case ExtensionVerdict::NotAdjacent:
            return "not_adjacent";
        case ExtensionVerdict::Expired:
            return "expired";
        case ExtensionVerdict::NoLongerEnd:
            return "no_longer_end";
    }
    return "other_grant";
}

}  // namespace zc::contracting
