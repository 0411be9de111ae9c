#include "pain001_file.hpp"

#include <algorithm>
#include <stdexcept>

#include "interfaces/iso20022/bank_schemas.hpp"
#include "interfaces/iso20022/pain001.hpp"
#include "interfaces/security/crypto.hpp"
#include "interfaces/xml/stream_reader.hpp"

namespace zc::http {
namespace {

void requireValid(const std::string& xml, const std::string& message_id) {
    xml::CallbackSink ignore([](const xml::Element&, const std::vector<std::string>&) {});
    xml::Limits limits;
    limits.max_bytes = std::max<std::size_t>(limits.max_bytes, xml.size());
    limits.max_elements = std::max<std::size_t>(limits.max_elements, xml.size() / 8);
    const auto check = xml::streamValidate(iso20022::bankSchemas(), xml, limits, {}, ignore);
    if (!check.problems.empty()) {
        throw std::runtime_error("the pain.001 " + message_id +
                                 " does not satisfy the XSD: " + check.problems.front().message);
    }
}

}  // namespace

// One PmtInf ("<msgid>-<k>") per debtor account of the run, each with only its own transfers;
// the initiating party is the first account's name.
invoicing::PaymentFile Pain001File::write(const invoicing::PaymentOrder& order) {
    iso20022::PaymentInitiation init;
    init.message_id = order.message_id;
    init.creation_date_time = order.created_at;
    init.initiating_party = order.debtor.name;
    for (const auto& b : order.blocks) {
        const auto& debtor = b.debtor;
        iso20022::PaymentBlock block{
            order.message_id + "-" + std::to_string(init.blocks.size() + 1),
            debtor.name,
            debtor.iban,
            debtor.bic,
            order.execution_date,
            false,
            {}};
        for (const auto& t : b.transfers) {
            block.transfers.push_back(
                {t.end_to_end_id, t.amount, t.creditor_name, t.creditor_iban, "", t.remittance});
        }
        init.blocks.push_back(std::move(block));
    }
    std::string xml = iso20022::writePain001(init);
    requireValid(xml, order.message_id);
    const std::string sha = security::sha256Hex(xml);
    return {std::move(xml), sha};
}

}  // namespace zc::http
