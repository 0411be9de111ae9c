#include "staff_scope.hpp"

#include <algorithm>
#include <utility>

namespace zc::app {
namespace {

bool contains(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

bool worksFor(const Actor& a, const std::string& code) {
    return !a.scoped() || contains(a.municipalities, code);
}

bool mayServeClient(const Actor& a, const std::string& client_municipality,
                    const std::vector<std::string>& placed_payers) {
    if (worksFor(a, client_municipality)) return true;
    return std::any_of(placed_payers.begin(), placed_payers.end(),
                       [&](const std::string& payer) { return contains(a.regional, payer); });
}

bool mayChangeCare(const Actor& a, const CareScope& care) {
    if (!a.scoped()) return true;
    if (worksFor(a, care.client_municipality) && worksFor(a, care.paying_municipality)) {
        return true;
    }
    return care.placed && contains(a.regional, care.paying_municipality);
}

bool mayReadCare(const Actor& a, const CareScope& care) {
    return worksFor(a, care.client_municipality) || mayChangeCare(a, care);
}

std::optional<std::vector<std::string>> ownMunicipalities(const Actor& a) {
    if (!a.scoped()) return std::nullopt;
    return a.municipalities;
}

void requireWorksFor(const Actor& a, const std::string& code, const std::string& object_type,
                     const std::string& object_id, const std::string& what) {
    if (!worksFor(a, code)) throw OutOfScope(object_type, object_id, what);
}

OutOfScope::OutOfScope(std::string object_type, std::string object_id, const std::string& what)
    : ValidationError("OUT_OF_SCOPE",
                      what + " belongs to a municipality outside your scope; this is recorded.",
                      ""),
      object_type_(std::move(object_type)),
      object_id_(std::move(object_id)) {}

}  // namespace zc::app
