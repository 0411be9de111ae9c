#include "outcome_codes.hpp"

#include <algorithm>

#include "errors.hpp"
#include "outcome_table.inc"

namespace zc {

std::span<const OutcomeCode> outcomeCodes() { return outcome_table::kCodes; }

const OutcomeCode* findOutcome(std::string_view code) {
    const auto codes = outcomeCodes();
    const auto it =
        std::lower_bound(codes.begin(), codes.end(), code,
                         [](const OutcomeCode& o, std::string_view c) { return o.code < c; });
    return it != codes.end() && it->code == code ? &*it : nullptr;
}

ErrorKind kindOf(std::string_view code) {
    const OutcomeCode* found = findOutcome(code);
    ZC_ASSERT(found != nullptr);
    return found->kind;
}

}  // namespace zc
