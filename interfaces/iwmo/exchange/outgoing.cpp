#include "outgoing.hpp"

#include <algorithm>
#include <stdexcept>

#include "contracting/app/provider_outbox.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"
#include "interfaces/iwmo/exchange/message_schemas.hpp"
#include "interfaces/xml/stream_reader.hpp"

namespace zc::iwmo {
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

std::int64_t queueOutgoing(app::RequestContext& ctx, std::int64_t provider_id,
                           const std::string& municipality, const std::string& code,
                           const std::string& identificatie, const std::string& xml,
                           std::optional<std::int64_t> client_id,
                           std::optional<std::int64_t> request_id) {
    checkOutgoing(code, identificatie, xml);
    return contracting::queueOutgoingMessage(ctx, provider_id, municipality, code, identificatie,
                                             xml, client_id, request_id);
}

}  // namespace zc::iwmo
