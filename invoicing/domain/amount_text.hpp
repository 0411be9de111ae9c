#pragma once
// Human-readable numbers for calculation lines shown to finance staff and providers: thousands
// separated by commas, a dot before the cents ("3,450,000.00"). Display only; never parsed back.
#include <cstdint>
#include <string>

#include "contracting/kernel/money.hpp"

namespace zc::invoicing {

// "3,450,000.00", "-107,812.50", "0.05".
std::string formatAmount(Money amount);
// "96,000", "-1,200", "7".
std::string formatCount(std::int64_t count);
// Hundredths of a percent as "93.75 %", "-0.05 %", "100.00 %".
std::string formatPercentHundredths(std::int64_t hundredths);

}  // namespace zc::invoicing
