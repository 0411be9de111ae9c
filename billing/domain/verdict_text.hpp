#pragma once
// Building blocks of adjudication's verdicts, shared by the rule files of billing/domain
// (adjudication.cpp, cap_checks.cpp, credit_adjudication.cpp): a verdict of a reason, and the
// English words its message is made of. Not part of adjudication's public interface.
#include <string>

#include "billing/domain/adjudication.hpp"

namespace zc::billing::verdict_text {

// A rejection, or a hold for review, of `r` with its retourcode.
Verdict reject(Reason r, std::string message);
Verdict review(Reason r, std::string message);
// "2026-06-01 to 2026-06-30": providers write inclusive end dates, so the last day is shown.
std::string describe(const Period& p);
// Any 128-bit count in decimal digits.
std::string decimal(__int128 value);
// "days 24h" for Unit::Days24h: the unit's name with spaces.
std::string spokenUnit(Unit u);

}  // namespace zc::billing::verdict_text
