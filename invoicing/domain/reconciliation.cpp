#include "reconciliation.hpp"

#include <map>
#include <string_view>
#include <utility>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/working_days.hpp"

namespace zc::invoicing {
namespace {

// What camt.053 carries when the original transfer had no EndToEndId.
constexpr std::string_view kNotProvided = "NOTPROVIDED";

std::string indexed(const char* list, std::size_t i, const char* member) {
    return std::string(list) + "[" + std::to_string(i) + "]." + member;
}

bool hasEndToEndId(std::string_view id) { return !id.empty() && id != kNotProvided; }

std::string normalisedIban(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ') continue;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

// Instructions by EndToEndId, and by (amount, IBAN) for the fallback.
struct Index {
    std::map<std::string, std::size_t, std::less<>> by_id;
    std::map<std::pair<std::int64_t, std::string>, std::vector<std::size_t>> by_amount_iban;
};

void validateInput(const std::vector<SentInstruction>& instructions,
                   const std::vector<StatementEntry>& entries, const MatchPolicy& policy) {
    if (policy.window_days < 0 || policy.window_days > kMaxMatchWindowDays) {
        throw ValidationError("INVALID_WINDOW", "The match window must be 0 to 31 days.",
                              "window_days");
    }
    if (entries.size() > kMaxStatementEntries) {
        throw ValidationError("STATEMENT_TOO_LARGE",
                              "A statement is reconciled in at most 1,000,000 entries.", "entries");
    }
    for (std::size_t i = 0; i < instructions.size(); ++i) {
        if (instructions[i].amount <= Money()) {
            throw ValidationError("INVALID_AMOUNT", "A transfer must be above zero.",
                                  indexed("instructions", i, "amount"));
        }
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].amount <= Money()) {
            throw ValidationError("INVALID_AMOUNT",
                                  "A statement entry amount must be above zero; its direction "
                                  "says debit or credit.",
                                  indexed("entries", i, "amount"));
        }
    }
}

Index indexInstructions(const std::vector<SentInstruction>& instructions) {
    Index index;
    for (std::size_t i = 0; i < instructions.size(); ++i) {
        const SentInstruction& in = instructions[i];
        if (!hasEndToEndId(in.end_to_end_id)) {
            throw ValidationError("INVALID_END_TO_END_ID", "Every transfer needs an EndToEndId.",
                                  indexed("instructions", i, "end_to_end_id"));
        }
        if (!index.by_id.emplace(in.end_to_end_id, i).second) {
            throw ValidationError("DUPLICATE_END_TO_END_ID",
                                  "EndToEndId " + in.end_to_end_id + " is used twice.",
                                  indexed("instructions", i, "end_to_end_id"));
        }
        index.by_amount_iban[{in.amount.cents(), normalisedIban(in.creditor_iban)}].push_back(i);
    }
    return index;
}

EntryMatch unmatched(const StatementEntry& entry, UnmatchedReason reason, std::string detail) {
    EntryMatch m;
    m.kind = MatchKind::Unmatched;
    m.actual = entry.amount;
    m.return_reason = entry.return_reason;
    m.reason = reason;
    m.detail = std::move(detail);
    return m;
}

// Links the entry to instruction i with `effect` and moves the instruction's status on.
EntryMatch matched(const StatementEntry& entry, const SentInstruction& instruction, std::size_t i,
                   MatchEffect effect, MatchMethod method, InstructionStatus& status) {
    EntryMatch m;
    m.kind = entry.amount == instruction.amount ? MatchKind::Matched : MatchKind::AmountDifference;
    m.instruction = i;
    m.end_to_end_id = instruction.end_to_end_id;
    m.effect = effect;
    m.method = method;
    m.expected = instruction.amount;
    m.actual = entry.amount;
    m.return_reason = entry.return_reason;
    status =
        effect == MatchEffect::Booked ? InstructionStatus::Booked : InstructionStatus::Returned;
    return m;
}

bool withinWindow(const SentInstruction& instruction, Date booking, int window_days) {
    const int days = daysBetween(instruction.execution_date, booking);
    return days >= 0 && days <= window_days;
}

// Executed after the entry's booking date, within the window's reach: the bank cannot have
// booked it yet, whatever the amount says.
bool executedAfterBooking(const SentInstruction& instruction, Date booking, int window_days) {
    const int days = daysBetween(instruction.execution_date, booking);
    return days < 0 && days >= -window_days;
}

// A debit without an EndToEndId: the one Sent instruction with its amount, IBAN and date.
EntryMatch matchByAmountIbanDate(const StatementEntry& entry,
                                 const std::vector<SentInstruction>& instructions,
                                 const Index& index, std::vector<InstructionStatus>& statuses,
                                 int window_days) {
    const std::string iban = normalisedIban(entry.counterparty_iban);
    auto it = index.by_amount_iban.find({entry.amount.cents(), iban});
    if (iban.empty() || it == index.by_amount_iban.end()) {
        return unmatched(entry, UnmatchedReason::NoMatch,
                         "No transfer of " + entry.amount.toString() + " to " +
                             (iban.empty() ? "an unknown account" : iban) + ".");
    }
    std::vector<std::size_t> open;
    bool done_in_window = false;
    bool early = false;
    for (std::size_t i : it->second) {
        early = early || executedAfterBooking(instructions[i], entry.booking_date, window_days);
        if (!withinWindow(instructions[i], entry.booking_date, window_days)) continue;
        if (statuses[i] == InstructionStatus::Sent) {
            open.push_back(i);
        } else {
            done_in_window = true;
        }
    }
    if (open.size() == 1) {
        return matched(entry, instructions[open[0]], open[0], MatchEffect::Booked,
                       MatchMethod::AmountIbanDate, statuses[open[0]]);
    }
    if (open.size() > 1) {
        return unmatched(entry, UnmatchedReason::Ambiguous,
                         std::to_string(open.size()) + " transfers of " + entry.amount.toString() +
                             " to " + iban +
                             " fit; the entry has no EndToEndId to tell them apart.");
    }
    if (done_in_window) {
        return unmatched(entry, UnmatchedReason::AlreadyMatched,
                         "The only transfer of " + entry.amount.toString() + " to " + iban +
                             " that fits was booked before.");
    }
    if (early) {
        return unmatched(entry, UnmatchedReason::OutsideWindow,
                         "A transfer of " + entry.amount.toString() + " to " + iban +
                             " exists, but it is executed after " + formatDate(entry.booking_date) +
                             ": an entry booked before its transfer's execution date is not "
                             "matched automatically.");
    }
    return unmatched(entry, UnmatchedReason::OutsideWindow,
                     "A transfer of " + entry.amount.toString() + " to " + iban +
                         " exists, but not executed within " + std::to_string(window_days) +
                         " days before " + formatDate(entry.booking_date) + ".");
}

EntryMatch matchDebit(const StatementEntry& entry, const std::vector<SentInstruction>& instructions,
                      const Index& index, std::vector<InstructionStatus>& statuses,
                      int window_days) {
    if (!hasEndToEndId(entry.end_to_end_id)) {
        return matchByAmountIbanDate(entry, instructions, index, statuses, window_days);
    }
    auto it = index.by_id.find(entry.end_to_end_id);
    if (it == index.by_id.end()) {
        return unmatched(entry, UnmatchedReason::UnknownEndToEndId,
                         "No transfer was sent with EndToEndId " + entry.end_to_end_id + ".");
    }
    const std::size_t i = it->second;
    if (statuses[i] != InstructionStatus::Sent) {
        return unmatched(entry, UnmatchedReason::AlreadyMatched,
                         "Transfer " + entry.end_to_end_id + " was booked before.");
    }
    return matched(entry, instructions[i], i, MatchEffect::Booked, MatchMethod::EndToEndId,
                   statuses[i]);
}

EntryMatch matchCredit(const StatementEntry& entry,
                       const std::vector<SentInstruction>& instructions, const Index& index,
                       std::vector<InstructionStatus>& statuses) {
    if (entry.return_reason.empty()) {
        return unmatched(
            entry, UnmatchedReason::NotAPayment,
            "Money received (" + entry.amount.toString() + ") that is not a returned transfer.");
    }
    auto it = hasEndToEndId(entry.end_to_end_id) ? index.by_id.find(entry.end_to_end_id)
                                                 : index.by_id.end();
    if (it == index.by_id.end()) {
        return unmatched(entry, UnmatchedReason::ReturnUnknownInstruction,
                         "A return (" + entry.return_reason +
                             ") that names no transfer we sent: '" + entry.end_to_end_id + "'.");
    }
    const std::size_t i = it->second;
    if (statuses[i] == InstructionStatus::Sent) {
        return unmatched(entry, UnmatchedReason::ReturnNotBooked,
                         "Transfer " + entry.end_to_end_id +
                             " is returned but was never booked; import the statement with "
                             "its booking first.");
    }
    if (statuses[i] == InstructionStatus::Returned) {
        return unmatched(entry, UnmatchedReason::AlreadyMatched,
                         "Transfer " + entry.end_to_end_id + " was returned before.");
    }
    return matched(entry, instructions[i], i, MatchEffect::Returned, MatchMethod::EndToEndId,
                   statuses[i]);
}

}  // namespace

std::string unmatchedReasonCode(UnmatchedReason reason) {
    switch (reason) {
        case UnmatchedReason::NotAPayment:
            return "NOT_A_PAYMENT";
        case UnmatchedReason::ReturnUnknownInstruction:
            return "RETURN_UNKNOWN_INSTRUCTION";
        case UnmatchedReason::ReturnNotBooked:
            return "RETURN_NOT_BOOKED";
        case UnmatchedReason::UnknownEndToEndId:
            return "UNKNOWN_END_TO_END_ID";
        case UnmatchedReason::AlreadyMatched:
            return "ALREADY_MATCHED";
        case UnmatchedReason::Ambiguous:
            return "AMBIGUOUS";
        case UnmatchedReason::OutsideWindow:
            return "OUTSIDE_WINDOW";
        case UnmatchedReason::NoMatch:
            return "NO_MATCH";
    }
    assertionFailed("unknown unmatched reason", __FILE__, __LINE__);
}

Reconciliation reconcile(const std::vector<SentInstruction>& instructions,
                         const std::vector<StatementEntry>& entries, const MatchPolicy& policy) {
    validateInput(instructions, entries, policy);
    const Index index = indexInstructions(instructions);
    Reconciliation out;
    for (const SentInstruction& in : instructions) out.statuses.push_back(in.status);
    for (const StatementEntry& entry : entries) {
        out.entries.push_back(
            entry.direction == EntryDirection::Debit
                ? matchDebit(entry, instructions, index, out.statuses, policy.window_days)
                : matchCredit(entry, instructions, index, out.statuses));
    }
    return out;
}

std::optional<MatchEffect> manualMatchEffect(const EntryToMatch& entry, InstructionStatus status,
                                             Money instruction_amount, bool same_account) {
    if (!same_account || entry.amount != instruction_amount) return std::nullopt;
    if (entry.direction == EntryDirection::Debit) {
        if (status == InstructionStatus::Sent) return MatchEffect::Booked;
        return std::nullopt;
    }
    if (entry.has_return_reason && status == InstructionStatus::Booked) {
        return MatchEffect::Returned;
    }
    return std::nullopt;
}

namespace {

// The bank business days strictly between `after` and `before`: how many, and the first one.
std::pair<int, std::optional<Date>> missingBankDays(Date after, Date before) {
    int count = 0;
    std::optional<Date> first;
    for (Date d = addDays(after, 1); d < before; d = addDays(d, 1)) {
        if (!isBankBusinessDay(d)) continue;
        ++count;
        if (!first) first = d;
    }
    return {count, first};
}

}  // namespace

std::string chainStatusCode(ChainStatus status) {
    switch (status) {
        case ChainStatus::First:
            return "first";
        case ChainStatus::Ok:
            return "ok";
        case ChainStatus::Gap:
            return "gap";
        case ChainStatus::Mismatch:
            return "mismatch";
    }
    assertionFailed("unknown chain status", __FILE__, __LINE__);
}

ChainVerdict checkStatementChain(const std::optional<StatementBounds>& previous,
                                 const StatementBounds& current) {
    if (!previous) return {ChainStatus::First, ""};
    const auto [missing, first_missing] = missingBankDays(previous->to, current.from);
    const std::string gap =
        missing == 0
            ? ""
            : std::to_string(missing) + " bank business day" + (missing == 1 ? "" : "s") +
                  " from " + formatDate(*first_missing) + " lie between statement " +
                  previous->statement_id + " (to " + formatDate(previous->to) +
                  ") and this one (from " + formatDate(current.from) + "): a statement is missing.";
    if (current.opening != previous->closing) {
        return {ChainStatus::Mismatch, "Opening balance " + current.opening.toString() +
                                           " differs from the closing balance " +
                                           previous->closing.toString() + " of statement " +
                                           previous->statement_id + " by " +
                                           (current.opening - previous->closing).toString() + "." +
                                           (gap.empty() ? "" : " " + gap)};
    }
    if (missing > 0) return {ChainStatus::Gap, gap};
    return {ChainStatus::Ok, ""};
}

}  // namespace zc::invoicing
