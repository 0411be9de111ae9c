#pragma once
// WMO323 declarations for the e2e tests: demo provider 73000101 with IB allocation 1 (BSN
// 999900006), its contracted tariff, prestaties and heads.
#include <cstdint>
#include <string>
#include <vector>

#include "interfaces/iwmo/declaration.hpp"

namespace zc::e2e {

inline constexpr const char* kAgb = "73000101";

// The demo provider's IB (02A01) tariff on `date`, asked of the tariff query.
std::int64_t ibTariffOn(const std::string& date);
// A February 2026 prestatie of allocation 1: `hours` at `tariff`.
iwmo::Prestatie prestatie(const std::string& ref, std::int64_t hours, std::int64_t tariff);
// The head of a declaration for one month of 2026 ("2026-03"), sent on `dagtekening`, with the
// signed total `net`.
iwmo::DeclarationHead headFor(const std::string& suffix, std::int64_t net,
                              const std::string& month = "2026-03",
                              const std::string& dagtekening = "2026-04-02");
std::string write323(const iwmo::DeclarationHead& h, const std::vector<iwmo::Prestatie>& lines);

}  // namespace zc::e2e
