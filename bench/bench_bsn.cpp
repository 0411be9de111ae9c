#include "bench/bench_bsn.hpp"

#include "contracting/kernel/bsn.hpp"

namespace zc::bench {

// Eight leading digits 10000000 + k*11 (spread), check digit so that the weighted sum is 0 mod
// 11; stepping on when the check digit would be 10.
std::string bsnOf(std::int64_t k) {
    for (std::int64_t step = 0;; ++step) {
        const std::string head = std::to_string(10000000 + k * 11 + step);
        int sum = 0;
        for (std::size_t i = 0; i < 8; ++i) sum += static_cast<int>(9 - i) * (head[i] - '0');
        const int check = sum % 11;
        if (check == 10) continue;
        std::string bsn = head + static_cast<char>('0' + check);
        if (Bsn::isValid(bsn)) return bsn;
    }
}

}  // namespace zc::bench
