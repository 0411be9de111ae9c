#pragma once
// Contracting's published query for invoicing's kept budget commitments: a version of what
// allocations commit (allocations, clients' places, tariffs) for a paying municipality and
// product category. It grows with every change of those, in the change's transaction.
#include <cstdint>
#include <string>

namespace zc::db {
class Connection;
}

namespace zc::contracting {

std::int64_t commitmentBasisVersion(db::Connection& db, const std::string& municipality,
                                    const std::string& category);

}  // namespace zc::contracting
