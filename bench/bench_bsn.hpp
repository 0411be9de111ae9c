#pragma once
// Deterministic valid BSNs (elfproef) for the benchmark generators: the k-th one from 10000000x
// on, distinct per k.
#include <cstdint>
#include <string>

namespace zc::bench {

std::string bsnOf(std::int64_t k);

}  // namespace zc::bench
