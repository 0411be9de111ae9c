#include "commitment_basis.hpp"

#include "contracting/store/commitment_basis_store.hpp"

namespace zc::contracting {

std::int64_t commitmentBasisVersion(db::Connection& db, const std::string& municipality,
                                    const std::string& category) {
    return basisGenerationSum(db, municipality, category);
}

}  // namespace zc::contracting
