#pragma once
// HashColumns (billing/domain/declaration_checks.hpp) whose memory does not grow with the
// message: values are gathered in runs of kRunValues (512 KiB), each run sorted and written to
// a private temporary file without a name (O_TMPFILE in $TMPDIR or /tmp, gone when closed);
// reading merges the runs, 8 KiB of each at a time. A column that never fills a run stays in
// memory. A million-line WMO323 keeps about 2 MiB for its four columns instead of 32 MiB.
#include <cstddef>
#include <memory>

#include "billing/domain/declaration_checks.hpp"

namespace zc::billing {

inline constexpr std::size_t kRunValues = std::size_t{1} << 16;

// A column that spills to disk from `run_values` values on (a smaller run for the tests).
std::unique_ptr<HashColumn> spilledHashColumn(std::size_t run_values = kRunValues);

}  // namespace zc::billing
