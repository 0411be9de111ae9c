#pragma once
// A declared line (prestatie) of a WMO323 declaration and the declaration's header, as the
// domain sees them after schema validation. Periods are half-open [begin, end): the iWmo
// boundary converts the message's inclusive Einddatum by adding one day. Plain values; no
// invariants are enforced here — the adjudication rules check them and name what is wrong.
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/unit.hpp"

namespace zc::billing {

// Bounds of the iWmo basisschema: LDT_Volume and LDT_Bedrag are whole numbers 0..99'999'999
// (volume in the line's unit, amount in euro-cents).
inline constexpr std::int64_t kMaxLineVolume = 99'999'999;
inline constexpr std::int64_t kMaxLineAmountCents = 99'999'999;

struct ClaimLine {
    std::string reference;                          // ReferentieNummer
    std::optional<std::string> previous_reference;  // VorigReferentieNummer, credits only
    bool credit = false;                            // DebetCredit C
    std::int64_t allocation_number = 0;             // ToewijzingNummer
    std::string bsn;                                // client's BSN as written in the message
    std::string category;                           // ProductCategorie, "01".."18"
    std::string product_code;                       // ProductCode, 5 characters
    Period period;                                  // ProductPeriode, half-open [begin, end)
    std::int64_t volume = 0;                        // GeleverdVolume in `unit`, 0..kMaxLineVolume
    Unit unit = Unit::Hours;                        // Eenheid
    std::optional<Money> tariff;                    // ProductTarief per unit; absent for euros
    Money amount;  // IngediendBedrag, 0..kMaxLineAmountCents; the sign lives in `credit`
};

struct DeclarationHeader {
    std::string number;         // DeclaratieNummer
    Period declaration_period;  // DeclaratiePeriode, half-open; one calendar month
    Date received_on;           // when the municipality received the declaration
    Money total_submitted;      // TotaalIngediendBedrag, signed: Σ debit − Σ credit
    // The municipality the declaration is sent to (Ontvanger, gemeentecode): every line must
    // claim an allocation that municipality pays for.
    std::string recipient;
};

}  // namespace zc::billing
