// Outgoing messages (WMO301, WMO319).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "allocations.hpp"
#include "context.hpp"
#include "contracting/app/clients.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "contracting/app/provider_queries.hpp"
#include "contracting/domain/wmo301_content.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
#include "contracting/kernel/working_days.hpp"
#include "contracting/store/message_safety_store.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/security/crypto.hpp"
#include "messages_internal.hpp"

namespace zc::app {
namespace {

std::string providerAgb(RequestContext& ctx, std::int64_t provider_id) {
    return contracting::providerAgb(ctx.db, provider_id);
}

iwmo::Client301 client301(const contracting::ClientView& c) {
    iwmo::Client301 out;
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

// The current versions of the client's allocations with the provider that an earlier WMO301
// carried already (by their row id).
std::set<std::int64_t> sentVersions(RequestContext& ctx, std::int64_t client_id,
                                    std::int64_t provider_id) {
    std::set<std::int64_t> out;
    for (const auto& r :
         ctx.db.query("SELECT DISTINCT w.allocation_id FROM wmo301_allocations w"
                      " JOIN allocations a ON a.id = w.allocation_id"
                      " WHERE a.client_id = ? AND a.provider_id = ? AND a.is_current = 1",
                      {client_id, provider_id})) {
        out.insert(r.i64(0));
    }
    return out;
}

// OP087: the allocations of the client with the provider that are valid on or after the message
// date (today), plus those changed since the previous WMO301 — a current version no WMO301 has
// carried yet (an allocation ended or withdrawn since, which the provider does not know). An
// allocation that ended before today and was sent in that state stays out. `versions` gets the
// row ids of what is carried.
std::vector<iwmo::Allocation301> allocations301(RequestContext& ctx, std::int64_t client_id,
                                                std::int64_t provider_id,
                                                std::vector<std::int64_t>& versions) {
    std::vector<iwmo::Allocation301> out;
    const auto sent = sentVersions(ctx, client_id, provider_id);
    for (const AllocationView& v : currentAllocations(ctx.db, client_id, provider_id)) {
        const contracting::AllocationForMessage m{v.start_date, v.end_date, v.reason_change,
                                                  sent.count(v.id) > 0};
        if (!contracting::belongsInWmo301(m, ctx.today())) continue;
        versions.push_back(v.id);
        iwmo::Allocation301 a;
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
        out.push_back(a);
    }
    return out;
}

}  // namespace

std::string nextIdentificatie(RequestContext& ctx) {
    auto r = ctx.db.queryOne("SELECT last_value FROM message_sequence WHERE id = 1 FOR UPDATE");
    const std::int64_t next = r->i64(0) + 1;
    ctx.db.execute("UPDATE message_sequence SET last_value = ? WHERE id = 1", {next});
    return std::to_string(next);
}

namespace {

// Nothing non-conforming reaches the outbox: the message must be valid against our XSDs (the
// writers also follow the in-message rules of the official stylesheet, tested) and carry no
// byte-order mark (OP192). A failure is a defect of ours: the transaction is not committed.
void checkOutgoing(const std::string& code, const std::string& identificatie,
                   const std::string& xml) {
    const std::string what = "outgoing message " + code + "/" + identificatie;
    try {
        refuseByteOrderMark(xml);
    } catch (const ValidationError&) {
        throw std::logic_error(what + " starts with a byte-order mark");
    }
    xml::CallbackSink ignore([](const xml::Element&, const std::vector<std::string>&) {});
    xml::Limits limits;
    limits.max_bytes = std::max<std::size_t>(limits.max_bytes, xml.size());
    limits.max_elements = std::max<std::size_t>(limits.max_elements, xml.size() / 8);
    const auto check = xml::streamValidate(outgoingSchemas(), xml, limits, {}, ignore);
    if (!check.problems.empty()) {
        const auto& p = check.problems.front();
        throw std::logic_error(what + " is not valid against our iWmo XSD: " + p.code + " " +
                               p.message + " (line " + std::to_string(p.line) + ")");
    }
}

}  // namespace

std::int64_t queueOutgoing(RequestContext& ctx, std::int64_t provider_id, const std::string& code,
                           const std::string& identificatie, const std::string& xml,
                           std::optional<std::int64_t> client_id,
                           std::optional<std::int64_t> request_id) {
    checkOutgoing(code, identificatie, xml);
    ctx.db.execute(
        "INSERT INTO outbox_messages (provider_id, message_code, identificatie, client_id,"
        " request_id, xml, created_at, retour_due) VALUES (?,?,?,?,?,?,?,?)",
        {provider_id, code, identificatie, client_id ? db::Param(*client_id) : db::Param(nullptr),
         request_id ? db::Param(*request_id) : db::Param(nullptr), db::LongText{&xml},
         timestamp(ctx.clock), formatDate(addWorkingDays(ctx.today(), 3))});
    const std::int64_t id = ctx.db.lastInsertId();
    appendAudit(ctx, {"message.queue", "message",
                      providerAgb(ctx, provider_id) + "/" + code + "/" + identificatie, "ok",
                      std::nullopt, std::nullopt});
    return id;
}

void queueWmo301(RequestContext& ctx, std::int64_t client_id, std::int64_t provider_id) {
    if (contracting::messagesWithheld(ctx.db, client_id)) {
        // OP003: nothing about this client goes out; released, the current state follows.
        appendAudit(ctx, {"message.withheld", "client", std::to_string(client_id), "ok",
                          std::nullopt, std::nullopt});
        return;
    }
    const auto client = contracting::loadClient(ctx.db, ctx.config, client_id);
    ZC_ASSERT(client.has_value());
    std::vector<std::int64_t> versions;
    const auto allocations = allocations301(ctx, client_id, provider_id, versions);
    if (allocations.empty()) return;
    // A client recorded before the address check at entry may lack what the WMO301 needs.
    if (const auto problem = iwmo::addressProblem(client->street, client->house_number,
                                                  client->postcode, client->city)) {
        throw ValidationError(
            "CLIENT_ADDRESS_INCOMPLETE",
            "Client " + std::to_string(client_id) +
                " has an address that cannot be sent in a WMO301: " + problem->message,
            problem->field);
    }
    const std::string id = nextIdentificatie(ctx);
    const iwmo::OutgoingHeader h{client->municipality_code, providerAgb(ctx, provider_id), id,
                                 ctx.today()};
    const std::string xml = iwmo::buildWmo301(h, client301(*client), allocations);
    const auto outbox_id = queueOutgoing(ctx, provider_id, "414", id, xml, client_id, std::nullopt);
    for (const auto version : versions) {
        ctx.db.execute(
            "INSERT INTO wmo301_allocations (outbox_message_id, allocation_id) VALUES (?, ?)",
            {outbox_id, version});
    }
}

}  // namespace zc::app
