#pragma once
// A provider's requests as use cases: WMO315 (verzoek om toewijzing: one request per
// AangevraagdProduct) and WMO317 (verzoek om wijziging) enter the work queue
// (allocation_requests, answer due in 5 working days) unless a rule that needs the database
// rejects the message (iwmo-3.2.md §10: TR374 an open request for the client, TR347 a reference
// used before, TR304 a known client, TR349-TR351 the client's current allocations, TR411,
// TR357, TR373 the changes, TR361 overlapping products). They run in the message intake's
// transaction (contracting/app/message_intake.hpp), after the in-message rules.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/app/message_intake.hpp"
#include "contracting/app/retour_codes.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/store/received_request_store.hpp"

namespace zc::contracting {

// An AangevraagdProduct of a WMO315, with what the work queue shows of it (JSON text).
struct RequestedItem {
    std::string reference;  // ReferentieAanbieder
    std::string summary_json;
};

// A WMO315: the client's BSN, the municipality (Ontvanger) and the requested products.
struct AllocationRequest {
    std::string bsn;
    std::string municipality_code;
    std::vector<RequestedItem> items;
};

// A TeWijzigenProduct: the allocation to change, from when and to when.
struct ProductChange {
    std::int64_t number = 0;  // ToewijzingNummer
    bool has_volume = false;  // Omvang given
    Date wanted_start;        // GewensteIngangsdatum
    std::optional<Date> end;  // Einddatum (inclusive), when given
};

// A NieuwProduct: its category and code ("" when absent) and wished period.
struct NewProduct {
    std::string category;
    std::string code;
    Date wanted_start;
    std::optional<Date> end;  // Einddatum (inclusive), when given
};

// A WMO317 (its Verzoek): the unchanged allocations, the changes and the new products.
struct ChangeRequest {
    std::string bsn;
    std::string municipality_code;
    Date dagtekening;
    std::string reference;                // ReferentieAanbieder of the Verzoek
    std::vector<std::int64_t> unchanged;  // OngewijzigdProduct ToewijzingNummers
    std::vector<ProductChange> changes;
    std::vector<NewProduct> new_products;
    std::string summary_json;  // the Verzoek as the work queue shows it
};

// The codes of a WMO315 (9374 on the Client, 9347 on an item), in the rules' order.
PlacedCodes checkAllocationRequest(ReceivedRequestStore& store, const AllocationRequest& request,
                                   std::int64_t provider_id, const std::string& bsn_hash);
// The codes of a WMO317 (8187, 9374 on the Client; 9347, 9349 on the Verzoek; 9350, 9351, 9411,
// 9357, 9373, 9361 on its products), in the rules' order.
PlacedCodes checkChangeRequest(ReceivedRequestStore& store, const ChangeRequest& request,
                               std::int64_t provider_id, std::optional<std::int64_t> client_id,
                               const std::string& bsn_hash, Date today);

// The use cases, in the intake's transaction: the codes, or none and the request(s) queued.
PlacedCodes receiveAllocationRequest(app::RequestContext& ctx, const RegisteredMessage& m,
                                     const AllocationRequest& request);
PlacedCodes receiveChangeRequest(app::RequestContext& ctx, const RegisteredMessage& m,
                                 const ChangeRequest& request);

}  // namespace zc::contracting
