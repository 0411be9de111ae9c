#pragma once
// Which municipalities' clients and care a staff user may touch (issue 13). A staff user works
// for one or more municipalities (Actor::municipalities, "own") and may serve, for a central
// municipality, the care the region has placed with it (Actor::regional; the Beschermd Wonen
// team of the centrumgemeente). System actors and providers are not scoped (Actor::scoped).
// The predicates are pure; the use cases read the facts and refuse with OutOfScope, which the
// HTTP adapter records as a standalone "access.denied" audit row (it survives the rollback).
#include <optional>
#include <string>
#include <vector>

#include "errors.hpp"
#include "request_context.hpp"

namespace zc::app {

// A granted product or an allocation as the scope sees it.
struct CareScope {
    std::string client_municipality;  // the client's municipality
    std::string paying_municipality;  // who pays (paying_municipality_code)
    bool placed = false;              // its category is placed with the paying municipality
};

// The user works for municipality `code` (always true for an unscoped actor).
bool worksFor(const Actor& a, const std::string& code);
// The client may be read: the client's municipality is the user's own, or one of
// `placed_payers` (the paying municipalities of the client's placed care) is a central
// municipality the user serves regionally.
bool mayServeClient(const Actor& a, const std::string& client_municipality,
                    const std::vector<std::string>& placed_payers);
// The care may be granted, allocated, changed or ended: own client and own money, or placed care
// paid by a central municipality the user serves regionally.
bool mayChangeCare(const Actor& a, const CareScope& care);
// The care may be read: the client is the user's own, or the user may change it.
bool mayReadCare(const Actor& a, const CareScope& care);

// The municipalities whose money, budgets, contracts and messages the actor may see (issue 13,
// S8: finance, budgets, contracts, reviews, declarations, message log): the own municipalities of
// a scoped staff user; nothing (no limit) for system actors and providers.
std::optional<std::vector<std::string>> ownMunicipalities(const Actor& a);

// OUT_OF_SCOPE (403). Carries what was refused, for the audit row.
class OutOfScope : public ValidationError {
  public:
    OutOfScope(std::string object_type, std::string object_id, const std::string& what);
    const std::string& objectType() const { return object_type_; }
    const std::string& objectId() const { return object_id_; }

  private:
    std::string object_type_;
    std::string object_id_;
};

// Refuses with OutOfScope unless the actor works for `code` (worksFor); `object_type` and
// `object_id` name the refused object for the audit row, `what` in the message.
void requireWorksFor(const Actor& a, const std::string& code, const std::string& object_type,
                     const std::string& object_id, const std::string& what);

}  // namespace zc::app
