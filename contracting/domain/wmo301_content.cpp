#include "wmo301_content.hpp"

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

}  // namespace zc::contracting
