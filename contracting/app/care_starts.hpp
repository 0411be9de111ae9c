#pragma once
// The start and stop of care (WMO305 start zorg, WMO307 stop zorg) as use cases: the rules that
// need the database (iwmo-3.2.md §10: TR019 the start or stop names this provider's allocation
// of this client, issued by the municipality it is sent to, 8848 not in the future,
// TR063/TR071/TR074 what a withdrawal or repeat may name, TR326 one current start per allocation,
// TR413-TR415 what may follow a stop) and, when no item is rejected, the change of the care starts
// on record. They run in the message intake's transaction (contracting/app/message_intake.hpp),
// after the in-message rules.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/app/message_intake.hpp"
#include "contracting/app/retour_codes.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/store/care_start_store.hpp"

namespace zc::contracting {

// The Product of a start or stop, when given.
struct CareProduct {
    std::string category;  // Categorie
    std::string code;      // Code, "" when absent (the category as a whole)
};

// A StartProduct or StopProduct as received.
struct CareItem {
    std::string allocation_number;  // ToewijzingNummer as written
    std::string status;             // StatusAanlevering: "1" new, "3" withdrawn
    Date begin;                     // Begindatum
    std::optional<CareProduct> product;
    std::string allocation_start;  // ToewijzingIngangsdatum as written, "" when absent
    Date end;                      // Einddatum (a stop only)
    std::string reason;            // RedenBeeindiging (a stop only; "20": temporarily)
};

// A WMO305 (stop false) or WMO307 (stop true): the client's BSN, its items in order and the
// municipality it is sent to.
struct CareReport {
    bool stop = false;
    std::string bsn;
    std::vector<CareItem> items;
    std::string recipient;  // Ontvanger (gemeentecode)
};

// Who reports: the provider, the client named (by BSN, if known) and the receiving municipality.
struct CareReporter {
    std::int64_t provider_id = 0;
    std::optional<std::int64_t> client_id;
    std::string recipient;  // Ontvanger
};

// The retour codes of one start, in the order of the rule table (empty: accepted).
std::vector<std::string> startCodes(CareStartStore& store, const CareItem& item,
                                    const CareReporter& who, Date today);
// The retour codes of one stop, in the order of the rule table (empty: accepted).
std::vector<std::string> stopCodes(CareStartStore& store, const CareItem& item,
                                   const CareReporter& who, Date today);
// The codes of all items (CodePlace::Item), in the items' order.
PlacedCodes checkCareReport(CareStartStore& store, const CareReport& report,
                            std::int64_t provider_id, std::optional<std::int64_t> client_id,
                            Date today);
// The change of every item on record (a report without codes).
void applyCareReport(CareStartStore& store, const CareReport& report, std::int64_t provider_id,
                     std::int64_t inbox_id);

// The use case, in the intake's transaction: the codes, or none and the change applied.
PlacedCodes receiveCareReport(app::RequestContext& ctx, const RegisteredMessage& m,
                              const CareReport& report);

}  // namespace zc::contracting
