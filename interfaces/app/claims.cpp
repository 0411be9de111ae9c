// Adjudication of declarations against allocations, contracts, tariffs and caps.
#include "claims.hpp"

#include "audit.hpp"
#include "billing/domain/cap_windows.hpp"
#include "clients.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/working_days.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "json_output.hpp"
#include "ledger_store.hpp"
#include "tariff_store.hpp"

namespace zc::app {

namespace {

constexpr std::size_t kInsertBatch = 500;
// Allocations (with their usage and client hash) kept between batches; beyond this the caches
// are emptied at the next prefetch and refilled from the database, so memory stays flat.
constexpr std::size_t kMaxCachedAllocations = 4096;
constexpr int kAnswerWorkingDays = 10;  // the WMO325 is due within 10 working days (OP090x4)

std::string periodKey(const Period& p) {
    return formatDate(p.begin) + "/" + (p.end ? formatDate(*p.end) : std::string("-"));
}

std::string endText(const Period& p) { return p.end ? formatDate(*p.end) : "9999-12-31"; }

}  // namespace

// Accepted, uncredited volume of one allocation (in cap counting units), by ProductPeriode,
// and the periods claimed by an accepted uncredited debit.
struct ClaimProcessor::Usage {
    std::map<std::string, std::int64_t> by_period;
    std::int64_t total = 0;
    std::set<std::string> claimed;  // product/period keys
};

ClaimProcessor::ClaimProcessor(RequestContext& ctx, std::int64_t provider_id,
                               billing::DeclarationHeader head, std::string source,
                               std::optional<std::int64_t> inbox_id)
    : ctx_(ctx),
      provider_id_(provider_id),
      head_(std::move(head)),
      source_(std::move(source)),
      inbox_id_(inbox_id) {
    result_.submitted = head_.total_submitted;
    result_.answer_due = addWorkingDays(head_.received_on, kAnswerWorkingDays);
}

ClaimProcessor::~ClaimProcessor() = default;

void ClaimProcessor::open() {
    if (ctx_.db.queryOne("SELECT id FROM declarations WHERE provider_id = ? AND declaratie_nummer "
                         "= ? FOR UPDATE",
                         {provider_id_, head_.number})) {
        throw ValidationError("DUPLICATE_DECLARATION",
                              "DeclaratieNummer " + head_.number +
                                  " was used before by this provider (iWmo 9333); use a new one.",
                              "number", ErrorKind::Conflict);
    }
    ctx_.db.execute(
        "INSERT INTO declarations (provider_id, source, inbox_message_id, declaratie_nummer,"
        " period_begin, period_end, received_at, total_submitted_cents, status, answer_due)"
        " VALUES (?,?,?,?,?,?,?,?,'answered',?)",
        {provider_id_, source_, inbox_id_ ? db::Param(*inbox_id_) : db::Param(nullptr),
         head_.number, formatDate(head_.declaration_period.begin),
         endText(head_.declaration_period), timestamp(ctx_.clock), head_.total_submitted.cents(),
         formatDate(result_.answer_due)});
    result_.declaration_id = ctx_.db.lastInsertId();
}

void ClaimProcessor::restart() {
    const auto id = result_.declaration_id;
    const auto due = result_.answer_due;
    result_ = DeclarationResult{};
    result_.declaration_id = id;
    result_.answer_due = due;
    result_.submitted = head_.total_submitted;
    rejected_whole_ = false;
    saw_debit_ = false;
    reviews_ = 0;
    awarded_by_category_.clear();
    forgetAllocations();
    contracts_.clear();
    unflushed_.clear();
    since_prefetch_.clear();
    prefetched_.clear();
    used_before_.clear();
    pending_.clear();
}

// The declaration's journal: per product category the awarded amount as cost on its budget
// (credits reduce it), and the total on the provider's payable account.
invoicing::JournalEntry ClaimProcessor::journal() {
    invoicing::JournalEntry e;
    e.kind = result_.awarded > Money() ? invoicing::EventKind::AcceptedClaim
                                       : invoicing::EventKind::Credit;
    e.source = "declaration:" + std::to_string(result_.declaration_id);
    e.date = ctx_.today();
    const int year = static_cast<int>(head_.declaration_period.begin.year());
    for (const auto& [category, amount] : awarded_by_category_) {
        if (amount == Money()) continue;
        e.lines.push_back({invoicing::AccountKey::budgetExpense(
                               budgetFor(ctx_, provider_id_, category, "ZIN", year)),
                           amount});
    }
    e.lines.push_back({invoicing::AccountKey::providerPayable(provider_id_), -result_.awarded});
    return e;
}

void ClaimProcessor::forgetAllocations() {
    allocations_.clear();
    client_hashes_.clear();
    usage_.clear();
    bsn_hashes_.clear();
}

void ClaimProcessor::rejectWhole(const std::string& code, const std::string& message) {
    rejected_whole_ = true;
    result_.header_code = code;
    result_.header_message = message;
}

const LineResult& ClaimProcessor::add(const billing::ClaimLine& line) {
    ++result_.lines;
    if (line.credit) {
        ZC_ASSERT(!saw_debit_ && "credits are processed before debits");
        last_ = credit(line);
    } else {
        saw_debit_ = true;
        last_ = debit(line);
    }
    if (last_.status == "accepted") {
        ++result_.accepted;
        result_.awarded += line.credit ? -line.amount : line.amount;
        awarded_by_category_[line.category] += line.credit ? -line.amount : line.amount;
    } else if (keep_line_results_) {
        result_.not_accepted.push_back(last_);
    }
    if (last_.status == "review") ++reviews_;
    if (!prefetched_.empty()) since_prefetch_.insert(line.reference);
    record(last_);
    return last_;
}

namespace {

constexpr const char* kAllocationColumns =
    "SELECT STRAIGHT_JOIN a.number, a.provider_id, c.bsn_hash, p.category, a.product_code,"
    " a.start_date, a.end_date, a.unit, a.volume, a.frequency, COALESCE(a.reason_change, '')"
    " FROM allocations a FORCE INDEX (uq_allocation_version) JOIN clients c ON c.id = a.client_id "
    "JOIN products p ON p.code = a.product_code"
    " WHERE a.is_current = 1 AND a.number ";

constexpr const char* kUsageColumns =
    "SELECT allocation_number, product_code, period_begin, period_end, unit, SUM(volume)"
    " FROM claim_lines WHERE status = 'accepted' AND credit = 0 AND credited = 0"
    " AND allocation_number ";

constexpr const char* kUsageGroup =
    " GROUP BY allocation_number, product_code, period_begin, period_end, unit";

billing::AllocationFacts factsFrom(const db::Row& r) {
    billing::AllocationFacts f;
    f.number = r.i64(0);
    f.provider_id = r.i64(1);
    f.category = r.str(3);
    f.product_code = r.str(4);
    f.period.begin = parseDate(r.str(5));
    if (!r.isNull(6)) f.period.end = parseDate(r.str(6));
    f.unit = parseUnit(r.str(7));
    f.cap = contracting::Cap{r.i64(8), f.unit, contracting::parseFrequency(r.str(9))};
    f.removed = r.str(10) == "13";
    return f;
}

// "IN (?,?,…)" for n values.
std::string inList(std::size_t n) {
    std::string sql = "IN (";
    for (std::size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ",?";
    return sql + ")";
}

}  // namespace

std::optional<billing::AllocationFacts> ClaimProcessor::allocation(std::int64_t number) {
    auto it = allocations_.find(number);
    if (it != allocations_.end()) return it->second;
    std::optional<billing::AllocationFacts> facts;
    if (auto r = ctx_.db.queryOne(std::string(kAllocationColumns) + "= ?", {number})) {
        facts = factsFrom(*r);
        client_hashes_[number] = r->str(2);
    }
    allocations_[number] = facts;
    return facts;
}

void ClaimProcessor::addUsageRow(Usage& u, const billing::AllocationFacts& a, const db::Row& r) {
    const std::int64_t v = billing::toCapCountingUnit(r.i64(5), parseUnit(r.str(4)), a.cap.unit);
    u.by_period[r.str(2)] += v;
    u.total += v;
    u.claimed.insert(r.str(1) + "/" + r.str(2) + "/" + r.str(3));
}

void ClaimProcessor::prefetch(const std::vector<billing::ClaimLine>& lines) {
    // The queries below must see every line added so far.
    flush();
    if (allocations_.size() > kMaxCachedAllocations) forgetAllocations();
    std::vector<std::string> refs;
    std::set<std::int64_t> wanted;
    for (const auto& l : lines) {
        refs.push_back(l.reference);
        if (!allocations_.count(l.allocation_number)) wanted.insert(l.allocation_number);
    }
    prefetchReferences(refs);
    if (wanted.empty()) return;
    // IN lists are padded to a power of two (repeating a value) so that only a handful of
    // distinct statements is prepared and cached per connection.
    db::Params params(wanted.begin(), wanted.end());
    std::size_t padded = 1;
    while (padded < params.size()) padded *= 2;
    params.resize(padded, params.back());
    for (auto n : wanted) allocations_[n] = std::nullopt;
    for (const auto& r : ctx_.db.query(kAllocationColumns + inList(params.size()), params)) {
        allocations_[r.i64(0)] = factsFrom(r);
        client_hashes_[r.i64(0)] = r.str(2);
    }
    for (auto n : wanted) {
        if (allocations_[n] && !usage_.count(n)) usage_[n] = std::make_unique<Usage>();
    }
    for (const auto& r :
         ctx_.db.query(kUsageColumns + inList(params.size()) + kUsageGroup, params)) {
        const auto& a = allocations_[r.i64(0)];
        if (a) addUsageRow(*usage_[r.i64(0)], *a, r);
    }
}

billing::ContractFacts ClaimProcessor::contract(const billing::ClaimLine& line) {
    const std::string key = line.product_code + "/" + periodKey(line.period);
    auto it = contracts_.find(key);
    if (it != contracts_.end()) return it->second;
    billing::ContractFacts facts;
    const Date last_day = addDays(*line.period.end, -1);
    auto c = ctx_.db.queryOne(
        "SELECT c.id FROM contracts c JOIN contract_products cp ON cp.contract_id = c.id"
        " WHERE c.provider_id = ? AND cp.product_code = ? AND c.status = 'active'"
        " AND c.term_start <= ? AND c.term_end > ? ORDER BY c.id LIMIT 1",
        {provider_id_, line.product_code, formatDate(line.period.begin), formatDate(last_day)});
    if (c) {
        facts.active_throughout = true;
        const auto schedule =
            loadTariffSchedule(ctx_.db, TariffOwner::Contract, c->i64(0), line.product_code);
        const auto first = schedule.at(line.period.begin);
        const auto last = schedule.at(last_day);
        if (first && last && first->tariff == last->tariff) facts.tariff = first->tariff;
    }
    contracts_[key] = facts;
    return facts;
}

ClaimProcessor::Usage& ClaimProcessor::usage(const billing::AllocationFacts& a) {
    auto it = usage_.find(a.number);
    if (it != usage_.end()) return *it->second;
    auto u = std::make_unique<Usage>();
    for (const auto& r :
         ctx_.db.query(std::string(kUsageColumns) + "= ?" + kUsageGroup, {a.number})) {
        addUsageRow(*u, a, r);
    }
    return *usage_.emplace(a.number, std::move(u)).first->second;
}

void ClaimProcessor::prefetchReferences(const std::vector<std::string>& references) {
    flush();
    prefetched_.clear();
    used_before_.clear();
    since_prefetch_.clear();
    if (references.empty()) return;
    std::size_t padded = 1;
    while (padded < references.size()) padded *= 2;
    std::string sql =
        "SELECT first_use_reference FROM claim_lines WHERE provider_id = ?"
        " AND first_use_reference " +
        inList(padded);
    db::Params params{provider_id_};
    for (std::size_t i = 0; i < padded; ++i) {
        params.emplace_back(references[std::min(i, references.size() - 1)]);
    }
    for (const auto& r : ctx_.db.query(sql, params)) used_before_.insert(r.str(0));
    prefetched_.insert(references.begin(), references.end());
}

bool ClaimProcessor::referenceUsed(const std::string& reference) {
    if (unflushed_.count(reference)) return true;
    if (prefetched_.count(reference)) {
        return used_before_.count(reference) > 0 || since_prefetch_.count(reference) > 0;
    }
    return ctx_.db
        .queryOne("SELECT id FROM claim_lines WHERE provider_id = ? AND first_use_reference = ?",
                  {provider_id_, reference})
        .has_value();
}

LineResult ClaimProcessor::debit(const billing::ClaimLine& line) {
    LineResult r{line, "accepted", "0200", ""};
    if (rejected_whole_) {
        r.status = "rejected";
        r.code = "0233";
        r.message = "Not assessed: the declaration was rejected as a whole.";
        return r;
    }
    auto facts = allocation(line.allocation_number);
    if (facts) {
        // The allocation's client is compared by the keyed hash of the BSN.
        auto& h = bsn_hashes_[line.bsn];
        if (h.empty()) h = bsnLookupHash(ctx_.config, line.bsn);
        facts->client_bsn = h == client_hashes_[line.allocation_number] ? line.bsn : "";
    }
    billing::PriorUse prior;
    billing::ContractFacts contract_facts;
    if (facts && line.period.end && line.period.begin < *line.period.end) {
        contract_facts = contract(line);
        const Usage& u = usage(*facts);
        const auto in_period = u.by_period.find(formatDate(line.period.begin));
        prior.accepted_in_period = in_period == u.by_period.end() ? 0 : in_period->second;
        prior.accepted_total = u.total;
        prior.period_already_claimed =
            u.claimed.count(line.product_code + "/" + formatDate(line.period.begin) + "/" +
                            formatDate(*line.period.end)) > 0;
    }
    prior.reference_used = referenceUsed(line.reference);
    auto verdict =
        billing::adjudicateDebit(line, head_, provider_id_, facts, contract_facts, prior, policy_);
    if (verdict) {
        r.status = verdict->review ? "review" : "rejected";
        r.code = verdict->code;
        r.message = verdict->message;
        return r;
    }
    Usage& u = usage(*facts);
    const auto v = billing::toCapCountingUnit(line.volume, line.unit, facts->cap.unit);
    u.by_period[formatDate(line.period.begin)] += v;
    u.total += v;
    u.claimed.insert(line.product_code + "/" + formatDate(line.period.begin) + "/" +
                     formatDate(*line.period.end));
    return r;
}

LineResult ClaimProcessor::credit(const billing::ClaimLine& line) {
    LineResult r{line, "accepted", "0200", ""};
    billing::CreditFacts facts;
    std::optional<db::Row> debit;
    if (line.previous_reference) {
        debit = ctx_.db.queryOne(
            "SELECT id, allocation_number, product_code, period_begin, period_end, volume,"
            " amount_cents, credited FROM claim_lines WHERE provider_id = ? AND "
            "first_use_reference = ?"
            " AND credit = 0 AND status = 'accepted' FOR UPDATE",
            {provider_id_, *line.previous_reference});
    }
    if (debit) {
        facts.debit_found = true;
        facts.debit_already_credited = debit->i64(7) != 0;
        facts.matches_debit = debit->i64(1) == line.allocation_number &&
                              debit->str(2) == line.product_code &&
                              debit->str(3) == formatDate(line.period.begin) && line.period.end &&
                              debit->str(4) == formatDate(*line.period.end) &&
                              debit->i64(5) == line.volume && debit->i64(6) == line.amount.cents();
    }
    auto verdict = rejected_whole_ ? std::optional<billing::Verdict>(billing::Verdict{
                                         billing::Reason::DeclarationTotalMismatch, "0233", false,
                                         "Not assessed: the declaration was rejected."})
                                   : billing::adjudicateCredit(line, facts);
    if (!verdict && referenceUsed(line.reference)) {
        verdict = billing::Verdict{billing::Reason::ReferenceUsed, "8021", false,
                                   "This ReferentieNummer was used before; use a new one."};
    }
    if (verdict) {
        r.status = "rejected";
        r.code = verdict->code;
        r.message = verdict->message;
        return r;
    }
    ctx_.db.execute("UPDATE claim_lines SET credited = 1 WHERE id = ?", {debit->i64(0)});
    // The credited volume frees cap and period again.
    usage_.erase(line.allocation_number);
    return r;
}

void ClaimProcessor::record(const LineResult& r) {
    if (r.status == "review") {
        flush();
        pending_.push_back(r);
        flush();
        const auto line_id = ctx_.db.lastInsertId();
        ctx_.db.execute(
            "INSERT INTO review_items (claim_line_id, declaration_id, code, message, status,"
            " due_date) VALUES (?,?,?,?,'open',?)",
            {line_id, result_.declaration_id, r.code, r.message.substr(0, 1000),
             formatDate(result_.answer_due)});
        return;
    }
    // A reused ReferentieNummer (8021) is stored too, outside the uniqueness of first uses
    // (migration 0011), so that the WMO325 built from the database lists it.
    unflushed_.insert(r.line.reference);
    pending_.push_back(r);
    if (pending_.size() >= kInsertBatch) flush();
}

void ClaimProcessor::flush() {
    if (pending_.empty()) return;
    std::string sql =
        "INSERT INTO claim_lines (declaration_id, provider_id, reference, previous_reference,"
        " credit, allocation_number, bsn_hash, category, product_code, period_begin, period_end,"
        " volume, unit, tariff_cents, amount_cents, status, code, bsn_enc) VALUES ";
    db::Params params;
    params.reserve(pending_.size() * 18);
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        const auto& r = pending_[i];
        const auto& l = r.line;
        sql += i == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                      : ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        auto& h = bsn_hashes_[l.bsn];
        if (h.empty()) h = bsnLookupHash(ctx_.config, l.bsn);
        params.insert(
            params.end(),
            {result_.declaration_id, provider_id_, l.reference,
             l.previous_reference ? db::Param(*l.previous_reference) : db::Param(nullptr),
             std::int64_t{l.credit ? 1 : 0}, l.allocation_number, h, l.category, l.product_code,
             formatDate(l.period.begin), endText(l.period), l.volume, unitName(l.unit),
             l.tariff ? db::Param(l.tariff->cents()) : db::Param(nullptr), l.amount.cents(),
             r.status, r.code,
             r.status == "accepted"
                 ? db::Param(nullptr)
                 : db::Param(security::encryptAesGcm(ctx_.config.bsn_key, l.bsn))});
    }
    ctx_.db.execute(sql, params);
    pending_.clear();
    unflushed_.clear();
}

DeclarationResult ClaimProcessor::close() {
    flush();
    const bool waiting = reviews_ > 0;
    result_.status = rejected_whole_ ? "rejected" : (waiting ? "awaiting_review" : "answered");
    if (rejected_whole_) result_.awarded = Money();
    ctx_.db.execute(
        "UPDATE declarations SET total_awarded_cents = ?, status = ?, header_code = ?,"
        " answered_at = IF(? = 'awaiting_review', NULL, ?) WHERE id = ?",
        {result_.awarded.cents(), result_.status, result_.header_code, result_.status,
         timestamp(ctx_.clock), result_.declaration_id});
    if (!rejected_whole_ && result_.awarded.cents() != 0) {
        createPayable(ctx_, provider_id_, "declaration", result_.declaration_id, result_.awarded,
                      addDays(head_.received_on, ctx_.config.payment_term_days), journal());
    }
    appendAudit(ctx_, {"declaration.receive", "declaration", std::to_string(result_.declaration_id),
                       result_.status, std::nullopt,
                       "{\"lines\":" + std::to_string(result_.lines) +
                           ",\"accepted\":" + std::to_string(result_.accepted) +
                           ",\"awarded_cents\":" + std::to_string(result_.awarded.cents()) + "}"});
    return std::move(result_);
}

Poco::JSON::Object::Ptr capUse(RequestContext& ctx, std::int64_t allocation_number,
                               const Period& line_period) {
    auto row = ctx.db.queryOne(std::string(kAllocationColumns) + "= ?", {allocation_number});
    if (!row || !line_period.end) return nullptr;
    const auto a = factsFrom(*row);
    std::int64_t in_period = 0;
    std::int64_t total = 0;
    const std::string begin = formatDate(line_period.begin);
    for (const auto& r :
         ctx.db.query(std::string(kUsageColumns) + "= ?" + kUsageGroup, {allocation_number})) {
        const auto v = billing::toCapCountingUnit(r.i64(5), parseUnit(r.str(4)), a.cap.unit);
        total += v;
        if (r.str(2) == begin) in_period += v;
    }
    auto o = newObject();
    o->set("volume", a.cap.volume);
    o->set("unit", unitName(a.cap.unit));
    o->set("frequency", contracting::frequencyName(a.cap.frequency));
    o->set("counting_unit", unitName(billing::capCountingUnit(a.cap.unit)));
    const bool overlaps =
        (!a.period.end || line_period.begin < *a.period.end) && a.period.begin < *line_period.end;
    const auto max_period =
        overlaps ? billing::maxVolumeInPeriod(a.cap, a.category, line_period, a.period)
                 : std::int64_t{0};
    // In the counting unit, like the use (an hours cap counts minutes).
    const auto counted = [&](std::int64_t v) {
        return billing::toCapCountingUnit(v, a.cap.unit, a.cap.unit);
    };
    if (max_period == billing::kNoPeriodLimit) {
        o->set("max_in_period", Poco::Dynamic::Var());
    } else {
        o->set("max_in_period", counted(max_period));
    }
    o->set("used_in_period", in_period);
    const auto max_total = billing::maxVolumeOverAllocation(a.cap, a.period);
    o->set("max_total", max_total ? Poco::Dynamic::Var(counted(*max_total)) : Poco::Dynamic::Var());
    o->set("used_total", total);
    return o;
}

}  // namespace zc::app
