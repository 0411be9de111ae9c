#include "wmo319_answers.hpp"

#include "contracting/app/provider_outbox.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "outgoing.hpp"

namespace zc::iwmo {

void Wmo319Answers::answer(const contracting::RequestRow& q, const std::string& antwoord,
                           const std::string& reden) {
    const std::string id = contracting::nextIdentificatie(ctx_);
    const OutgoingHeader h{q.municipality_code, q.provider_agb, id, ctx_.today()};
    queueOutgoing(ctx_, q.provider_id, q.municipality_code, "482", id,
                  buildWmo319(h, q.referentie_aanbieder, antwoord, reden), q.client_id, q.id);
}

}  // namespace zc::iwmo
