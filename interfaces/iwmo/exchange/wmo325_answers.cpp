#include "wmo325_answers.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "billing/app/declaration_answers.hpp"
#include "billing/app/review_decisions.hpp"
#include "contracting/app/message_intake.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"
#include "interfaces/iwmo/exchange/outgoing.hpp"
#include "interfaces/security/scratch_file.hpp"

namespace zc::iwmo {
namespace {

Prestatie prestatieFrom(billing::NotAcceptedLine&& l) {
    Prestatie p;
    p.bsn = std::move(l.bsn);
    p.reference = std::move(l.reference);
    p.previous_reference = std::move(l.previous_reference);
    p.credit = l.credit;
    p.allocation_number = std::move(l.allocation_number);
    p.category = std::move(l.category);
    p.product_code = std::move(l.product_code);
    p.begin = l.begin;
    p.end_inclusive = addDays(l.end, -1);
    p.volume = l.volume;
    p.unit_code = iwmoUnitCode(l.unit);
    p.tariff_cents = l.tariff_cents;
    p.amount_cents = l.amount_cents;
    p.line = 0;
    return p;
}

}  // namespace

void writeStoredWmo325(app::RequestContext& ctx, std::int64_t declaration_id,
                       const DeclarationHead& head, const std::string& identificatie,
                       std::ostream& out) {
    security::ScratchFile scratch_file;
    std::fstream scratch(scratch_file.path(), std::ios::in | std::ios::out | std::ios::binary);
    if (!scratch) throw std::runtime_error("WMO325: cannot open a temporary file");
    Wmo325Spool spool(scratch);
    DeclarationAnswer a;
    a.declaratie_nummer = head.declaratie_nummer;
    const auto stored =
        billing::storedAnswer(ctx, declaration_id, [&](billing::NotAcceptedLine&& l) {
            auto codes = std::move(l.codes);
            spool.add({prestatieFrom(std::move(l)), std::move(codes)});
        });
    a.submitted_cents = stored.submitted_cents;
    if (!stored.declaration_codes.empty()) a.declaration_codes = stored.declaration_codes;
    spool.finish(out, answerHeader(head, identificatie, ctx.today()), a);
}

std::string buildStoredWmo325(app::RequestContext& ctx, std::int64_t declaration_id,
                              const DeclarationHead& head, const std::string& identificatie) {
    std::ostringstream out;
    writeStoredWmo325(ctx, declaration_id, head, identificatie, out);
    return out.str();
}

std::string messageHeadJson(const DeclarationHead& h) {
    Poco::JSON::Object o;
    o.set("afzender", h.afzender);
    o.set("ontvanger", h.ontvanger);
    o.set("identificatie", h.identificatie);
    o.set("dagtekening", formatDate(h.dagtekening));
    o.set("declaratie_nummer", h.declaratie_nummer);
    o.set("declaratie_dagtekening", formatDate(h.declaratie_dagtekening));
    o.set("xsd_basis", h.xsd_basis);
    o.set("xsd_bericht", h.xsd_bericht);
    return jsonText(o);
}

DeclarationHead messageHeadFromJson(const std::string& json) {
    Poco::JSON::Parser parser;
    const auto o = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    DeclarationHead head{};
    head.afzender = o->getValue<std::string>("afzender");
    head.ontvanger = o->getValue<std::string>("ontvanger");
    head.identificatie = o->getValue<std::string>("identificatie");
    head.dagtekening = parseDate(o->getValue<std::string>("dagtekening"));
    head.declaratie_nummer = o->getValue<std::string>("declaratie_nummer");
    head.declaratie_dagtekening = parseDate(o->getValue<std::string>("declaratie_dagtekening"));
    head.xsd_basis = o->getValue<std::string>("xsd_basis");
    head.xsd_bericht = o->getValue<std::string>("xsd_bericht");
    return head;
}

void completeReviewedDeclaration(app::RequestContext& ctx, std::int64_t declaration_id) {
    const auto d = billing::wmo323Answering(ctx, declaration_id);
    if (!d) return;
    const auto head = messageHeadFromJson(d->message_head);
    const std::string id = contracting::nextIdentificatie(ctx);
    // Through a private temporary file, as the intake's answer: of any size.
    security::ScratchFile xml;
    {
        std::ofstream out(xml.path(), std::ios::binary);
        writeStoredWmo325(ctx, declaration_id, head, id, out);
        out.close();
        if (!out) throw std::runtime_error("cannot write the WMO325 to a temporary file");
    }
    const auto outbox_id = queueOutgoing(ctx, d->provider_id, head.ontvanger, "485", id, xml,
                                         std::nullopt, std::nullopt, d->inbox_id);
    if (d->inbox_id) contracting::answerInboxMessage(ctx, *d->inbox_id, outbox_id);
}

void Wmo325Answers::declarationAnswered(std::int64_t declaration_id) {
    completeReviewedDeclaration(ctx_, declaration_id);
}

int answerOverdueDeclarations(app::RequestContext& ctx) {
    Wmo325Answers answers(ctx);
    return billing::answerOverdueDeclarations(ctx, answers);
}

}  // namespace zc::iwmo
