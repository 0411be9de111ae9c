#include "spending_ceiling.hpp"

#include "contracting/kernel/errors.hpp"
#include "exhaustion.hpp"

namespace zc::invoicing {
namespace {

constexpr std::int64_t kMillionthsPerWhole = 100'000'000;  // 100 % in millionths of a percent

}  // namespace

SpendingCeilingUse spendingCeilingUse(Money ceiling, Money accepted, Money paid,
                                      const SpendingCeilingPolicy& policy) {
    const std::int64_t threshold = policy.warning_threshold.millionths();
    ZC_ASSERT(ceiling >= Money() && threshold >= 0 && threshold <= kMillionthsPerWhole);
    SpendingCeilingUse use;
    use.used = accepted + paid;
    use.remaining = ceiling - use.used;
    if (ceiling.cents() > 0) {
        __int128 numerator = static_cast<__int128>(use.used.cents()) * kBasisPointsPerWhole;
        use.used_bp = divideRoundHalfUp(numerator, ceiling.cents());
    }
    // used >= threshold% × ceiling  ⇔  used × 100,000,000 >= threshold_millionths × ceiling.
    const bool warn = static_cast<__int128>(use.used.cents()) * kMillionthsPerWhole >=
                      static_cast<__int128>(threshold) * ceiling.cents();
    if (use.used > ceiling) {
        use.status = CeilingStatus::Exceeded;
    } else if (warn) {
        use.status = CeilingStatus::Warning;
    }
    return use;
}

}  // namespace zc::invoicing
