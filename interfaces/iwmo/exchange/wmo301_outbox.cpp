#include "wmo301_outbox.hpp"

#include "contracting/app/provider_outbox.hpp"
#include "contracting/app/provider_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "outgoing.hpp"

namespace zc::iwmo {
namespace {

Client301 client301(const contracting::ClientView& c) {
    Client301 out;
    out.bsn = c.bsn;
    out.birth_date = c.birth_date;
    out.gender = c.gender;
    out.surname = c.surname;
    out.prefix = c.prefix;
    out.given_names = c.given_names;
    out.initials = c.initials;
    out.street = c.street;
    out.house_number = c.house_number;
    out.postcode = c.postcode;
    out.city = c.city;
    return out;
}

Allocation301 allocation301(const contracting::AllocationView& v) {
    Allocation301 a;
    a.number = v.number;
    a.referentie_aanbieder = v.referentie_aanbieder.value_or("");
    a.category = v.category;
    a.product_code = v.product_code;
    a.allocated_on = parseDate(v.allocated_at.substr(0, 10));
    a.allocated_time = v.allocated_at.substr(11, 8);
    a.start = v.start_date;
    // Our end dates are exclusive; iWmo's Einddatum is the last day.
    if (v.end_date) a.end_inclusive = addDays(*v.end_date, -1);
    a.reason_change = v.reason_change.value_or("");
    a.volume = v.volume;
    a.unit_code = iwmoUnitCode(v.unit);
    a.frequency_code = iwmoFrequencyCode(v.frequency);
    return a;
}

}  // namespace

void queueWmo301(app::RequestContext& ctx, std::int64_t client_id, std::int64_t provider_id,
                 const std::string& municipality) {
    const auto content = contracting::wmo301Content(ctx, client_id, provider_id, municipality);
    if (!content) return;
    const auto& client = content->client;
    // A client recorded before the address check at entry may lack what the WMO301 needs.
    if (const auto problem =
            addressProblem(client.street, client.house_number, client.postcode, client.city)) {
        throw ValidationError(
            "CLIENT_ADDRESS_INCOMPLETE",
            "Client " + std::to_string(client_id) +
                " has an address that cannot be sent in a WMO301: " + problem->message,
            problem->field);
    }
    std::vector<Allocation301> allocations;
    for (const auto& v : content->allocations) allocations.push_back(allocation301(v));
    const std::string id = contracting::nextIdentificatie(ctx);
    // The Afzender is the municipality that pays the allocations carried, not necessarily the
    // client's own (Beschermd Wonen placed with the central municipality).
    const OutgoingHeader h{content->municipality, contracting::providerAgb(ctx.db, provider_id), id,
                           ctx.today()};
    const std::string xml = buildWmo301(h, client301(client), allocations);
    const auto outbox_id = queueOutgoing(ctx, provider_id, content->municipality, "414", id, xml,
                                         client_id, std::nullopt);
    contracting::recordWmo301(ctx, outbox_id, content->allocations);
}

}  // namespace zc::iwmo
