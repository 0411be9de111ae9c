#include "declaration_answers.hpp"

#include "billing/store/claim_line_store.hpp"
#include "billing/store/declaration_intake_store.hpp"
#include "interfaces/security/aes_gcm.hpp"

namespace zc::billing {
namespace {

constexpr std::int64_t kPage = 1000;

NotAcceptedLine lineFrom(app::RequestContext& ctx, const NotAcceptedRow& r) {
    NotAcceptedLine l;
    l.bsn = security::decryptAesGcm(ctx.config.bsn_key, r.bsn_enc);
    l.reference = r.reference;
    l.previous_reference = r.previous_reference;
    l.credit = r.credit;
    l.allocation_number = r.allocation_number;
    l.category = r.category;
    l.product_code = r.product_code;
    l.begin = parseDate(r.period_begin);
    l.end = parseDate(r.period_end);
    l.volume = r.volume;
    l.unit = parseUnit(r.unit);
    l.tariff_cents = r.tariff_cents;
    l.amount_cents = r.amount_cents;
    l.codes = splitCodes(r.codes);
    return l;
}

}  // namespace

StoredAnswer storedAnswer(app::RequestContext& ctx, std::int64_t declaration_id,
                          const std::function<void(NotAcceptedLine&&)>& each) {
    const auto d = declarationOutcome(ctx.db, declaration_id);
    StoredAnswer a;
    a.submitted_cents = d.submitted_cents;
    if (d.status == "rejected") {
        a.declaration_codes = {d.header_code.value_or("0001")};
        return a;
    }
    // In pages by id, so that the rows of thousands of rejected lines are not all held at once
    // next to what is built from them.
    std::int64_t after = 0;
    for (bool more = true; more;) {
        const auto rows = notAcceptedLines(ctx.db, declaration_id, after, kPage);
        for (const auto& r : rows) each(lineFrom(ctx, r));
        more = static_cast<std::int64_t>(rows.size()) == kPage;
        if (more) after = rows.back().id;
    }
    return a;
}

std::optional<Wmo323Answering> wmo323Answering(app::RequestContext& ctx,
                                               std::int64_t declaration_id) {
    const auto d = wmo323Declaration(ctx.db, declaration_id);
    if (!d || !d->message_head) return std::nullopt;
    return Wmo323Answering{*d->message_head, d->inbox_id, d->provider_id};
}

}  // namespace zc::billing
