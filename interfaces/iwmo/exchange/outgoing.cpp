#include "outgoing.hpp"

#include <algorithm>
#include <fstream>
#include <future>
#include <stdexcept>

#include "contracting/app/chain_exchange.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"
#include "interfaces/iwmo/exchange/message_schemas.hpp"
#include "interfaces/iwmo/ggk_payload.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/xml/stream_reader.hpp"

namespace zc::iwmo {
namespace {

// Nothing non-conforming reaches the outbox: the message must be valid against our XSDs (the
// writers also follow the in-message rules of the official stylesheet, tested) and carry no
// byte-order mark (OP192). A failure is a defect of ours: the transaction is not committed.
// The check's limits: at least what the message needs.
xml::Limits limitsFor(std::size_t bytes) {
    xml::Limits limits;
    limits.max_bytes = std::max<std::size_t>(limits.max_bytes, bytes);
    limits.max_elements = std::max<std::size_t>(limits.max_elements, bytes / 8);
    return limits;
}

template <typename Source>
void checkOutgoing(const std::string& code, const std::string& identificatie, std::string_view head,
                   Source& xml, std::size_t bytes) {
    const std::string what = "outgoing message " + code + "/" + identificatie;
    try {
        refuseByteOrderMark(head);
    } catch (const ValidationError&) {
        throw std::logic_error(what + " starts with a byte-order mark");
    }
    xml::CallbackSink ignore([](const xml::Element&, const std::vector<std::string>&) {});
    const auto check = xml::streamValidate(outgoingSchemas(), xml, limitsFor(bytes), {}, ignore);
    if (!check.problems.empty()) {
        const auto& p = check.problems.front();
        throw std::logic_error(what + " is not valid against our iWmo XSD: " + p.code + " " +
                               p.message + " (line " + std::to_string(p.line) + ")");
    }
}

// The envelope's functie: the message type (StUF-GGk §2.6), e.g. "WMO301".
std::string outgoingFunctie(const std::string& code) {
    for (const char* name : {"wmo301", "wmo319", "wmo325"}) {
        const auto& kind = kindByName(name);
        if (kind.code == code) return functieOf(kind);
    }
    throw std::logic_error("no outgoing message kind has BerichtCode " + code);
}

}  // namespace

std::int64_t queueOutgoing(app::RequestContext& ctx, std::int64_t provider_id,
                           const std::string& municipality, const std::string& code,
                           const std::string& identificatie, const std::string& xml,
                           std::optional<std::int64_t> client_id,
                           std::optional<std::int64_t> request_id,
                           std::optional<std::int64_t> answers_inbox) {
    std::string_view text(xml);
    checkOutgoing(code, identificatie, text, text, xml.size());
    const auto id = contracting::queueOutgoingMessage(ctx, provider_id, municipality, code,
                                                      identificatie, xml, client_id, request_id);
    contracting::queueChainForOutbox(ctx, id, provider_id, municipality, outgoingFunctie(code),
                                     client_id, answers_inbox);
    return id;
}

std::int64_t queueOutgoing(app::RequestContext& ctx, std::int64_t provider_id,
                           const std::string& municipality, const std::string& code,
                           const std::string& identificatie, const security::ScratchFile& xml,
                           std::optional<std::int64_t> client_id,
                           std::optional<std::int64_t> request_id,
                           std::optional<std::int64_t> answers_inbox) {
    // A file is a large message (a declaration's WMO325): it is checked on a second thread while
    // it is sealed and stored. The check's failure is thrown here all the same, before the caller
    // commits; the future waits for the check when storing throws first.
    auto checked = std::async(std::launch::async, [&] {
        std::ifstream in(xml.path(), std::ios::binary);
        checkOutgoing(code, identificatie, xml.head(3), in, xml.size());
    });
    std::ifstream in(xml.path(), std::ios::binary);
    if (!in) throw std::runtime_error("cannot read outgoing message " + code + "/" + identificatie);
    const auto id = contracting::queueOutgoingMessage(ctx, provider_id, municipality, code,
                                                      identificatie, in, client_id, request_id);
    checked.get();
    contracting::queueChainForOutbox(ctx, id, provider_id, municipality, outgoingFunctie(code),
                                     client_id, answers_inbox);
    return id;
}

}  // namespace zc::iwmo
