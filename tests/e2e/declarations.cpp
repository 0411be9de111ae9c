#include "declarations.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "session.hpp"

namespace zc::e2e {

std::int64_t ibTariffOn(const std::string& date) {
    const auto r = client().get(
        "/api/v1/queries/tariff?agb=" + std::string(kAgb) + "&product=02A01&date=" + date,
        as("cm.jansen"));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.num("tariff_cents");
}

iwmo::Prestatie prestatie(const std::string& ref, std::int64_t hours, std::int64_t tariff) {
    iwmo::Prestatie p{};
    p.bsn = "999900006";
    p.reference = ref;
    p.allocation_number = "1";
    p.category = "02";
    p.product_code = "02A01";
    p.begin = parseDate("2026-02-01");
    p.end_inclusive = parseDate("2026-02-28");
    p.volume = hours;
    p.unit_code = "04";
    p.tariff_cents = tariff;
    p.amount_cents = hours * tariff;
    p.credit = false;
    return p;
}

// The head of a declaration for one month of 2026 ("2026-03"), sent on `dagtekening`, with the
// signed total `net`.
iwmo::DeclarationHead headFor(const std::string& suffix, std::int64_t net, const std::string& month,
                              const std::string& dagtekening) {
    iwmo::DeclarationHead h{};
    h.afzender = kAgb;
    h.ontvanger = "0193";
    h.identificatie = "DC" + suffix;
    h.dagtekening = parseDate(dagtekening);
    h.declaratie_nummer = "D" + suffix;
    h.period_begin = parseDate(month + "-01");
    h.period_end_inclusive = addDays(addMonths(h.period_begin, 1), -1);
    h.declaratie_dagtekening = h.dagtekening;
    h.total_cents = net < 0 ? -net : net;
    h.total_credit = net < 0;
    h.xsd_basis = "1.0.0";
    h.xsd_bericht = "1.0.0";
    return h;
}

std::string write323(const iwmo::DeclarationHead& h, const std::vector<iwmo::Prestatie>& lines) {
    std::ostringstream out;
    iwmo::writeWmo323(out, h, lines);
    return out.str();
}

}  // namespace zc::e2e
