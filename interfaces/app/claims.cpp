// Adjudication of declarations against allocations, contracts, tariffs and caps.
#include "claims.hpp"

#include "billing/domain/cap_windows.hpp"
#include "billing/store/allocation_facts_store.hpp"
#include "context.hpp"
#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/working_days.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/bsn_protection.hpp"

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

std::string joinCodes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : " ") + c;
    return out;
}

std::vector<std::string> splitCodes(const std::string& text) {
    std::vector<std::string> out;
    std::string code;
    for (char c : text + " ") {
        if (c != ' ') {
            code += c;
        } else if (!code.empty()) {
            out.push_back(std::move(code));
            code.clear();
        }
    }
    return out;
}

// Accepted, uncredited debits of one allocation (in cap counting units), and how the allocation
// links to its contract and its access decision's granted product.
struct ClaimProcessor::Usage {
    billing::AllocationUse use;
};

ClaimProcessor::ClaimProcessor(RequestContext& ctx, billing::AwardedClaimsPort& awarded,
                               std::int64_t provider_id, billing::DeclarationHeader head,
                               std::string source, std::optional<std::int64_t> inbox_id)
    : ctx_(ctx),
      awarded_(awarded),
      provider_id_(provider_id),
      head_(std::move(head)),
      source_(std::move(source)),
      inbox_id_(inbox_id) {
    result_.submitted = head_.total_submitted;
    result_.answer_due = addWorkingDays(head_.received_on, kAnswerWorkingDays);
}

ClaimProcessor::~ClaimProcessor() = default;

void ClaimProcessor::open() {
    if (db().queryOne("SELECT id FROM declarations WHERE provider_id = ? AND declaratie_nummer "
                      "= ? FOR UPDATE",
                      {provider_id_, head_.number})) {
        throw ValidationError("DUPLICATE_DECLARATION",
                              "DeclaratieNummer " + head_.number +
                                  " was used before by this provider (iWmo 9333); use a new one.",
                              "number");
    }
    db().execute(
        "INSERT INTO declarations (provider_id, source, inbox_message_id, declaratie_nummer,"
        " period_begin, period_end, received_at, total_submitted_cents, status, answer_due)"
        " VALUES (?,?,?,?,?,?,?,?,'answered',?)",
        {provider_id_, source_, inbox_id_ ? db::Param(*inbox_id_) : db::Param(nullptr),
         head_.number, formatDate(head_.declaration_period.begin),
         endText(head_.declaration_period), timestamp(ctx_.clock), head_.total_submitted.cents(),
         formatDate(result_.answer_due)});
    result_.declaration_id = db().lastInsertId();
}

void ClaimProcessor::restart() {
    settle();
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

// What the declaration awards, per product category (credits negative), for invoicing.
billing::AwardedClaims ClaimProcessor::awardedClaims() const {
    billing::AwardedClaims a;
    a.provider_id = provider_id_;
    a.source_type = "declaration";
    a.source_id = result_.declaration_id;
    a.journal_source = "declaration:" + std::to_string(result_.declaration_id);
    a.booked_on = ctx_.today();
    a.due = addDays(head_.received_on, ctx_.config.payment_term_days);
    a.cost_year = static_cast<int>(head_.declaration_period.begin.year());
    a.by_category.assign(awarded_by_category_.begin(), awarded_by_category_.end());
    ZC_ASSERT(a.total() == result_.awarded);
    return a;
}

void ClaimProcessor::forgetAllocations() {
    allocations_.clear();
    client_hashes_.clear();
    usage_.clear();
    bsn_hashes_.clear();
    links_.clear();
    granted_.clear();
    granted_unit_.clear();
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
    if (last_.status == billing::LineStatus::Accepted) {
        ++result_.accepted;
        result_.awarded += line.credit ? -line.amount : line.amount;
        awarded_by_category_[line.category] += line.credit ? -line.amount : line.amount;
    } else if (keep_line_results_) {
        result_.not_accepted.push_back(last_);
    }
    if (last_.status == billing::LineStatus::Review) ++reviews_;
    if (!prefetched_.empty()) since_prefetch_.insert(line.reference);
    record(last_);
    return last_;
}

namespace {

// Accepted, uncredited debit volume per granted product, over all its allocations. The join
// order and indexes are forced: with stale statistics the optimiser scans every claim line.
constexpr const char* kGrantedUsage =
    "SELECT STRAIGHT_JOIN a.granted_product_id, cl.unit, SUM(cl.volume)"
    " FROM allocations a FORCE INDEX (fk_allocation_granted)"
    " JOIN claim_lines cl FORCE INDEX (ix_claim_allocation) ON cl.allocation_number = a.number"
    " WHERE a.is_current = 1 AND cl.status = 'accepted' AND cl.credit = 0 AND cl.credited = 0"
    " AND a.granted_product_id ";

// "IN (?,?,…)" for n values.
std::string inList(std::size_t n) {
    std::string sql = "IN (";
    for (std::size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ",?";
    return sql + ")";
}

}  // namespace

namespace {

// `volume` of `unit` in the counting unit of `cap_unit`, or nullopt when they do not fit.
std::optional<std::int64_t> counted(std::int64_t volume, Unit unit, Unit cap_unit) {
    if (unit != cap_unit && unit != billing::capCountingUnit(cap_unit)) return std::nullopt;
    return billing::toCapCountingUnit(volume, unit, cap_unit);
}

// The granted product's finite total in its counting unit, or nullopt.
std::optional<std::int64_t> grantedLimit(const Cap& cap, const Period& decision) {
    const auto max = billing::maxVolumeOverAllocation(cap, decision);
    if (!max) return std::nullopt;
    return billing::toCapCountingUnit(*max, cap.unit, cap.unit);
}

}  // namespace

void ClaimProcessor::remember(const billing::AllocationRow& r) {
    const auto number = r.facts.number;
    allocations_[number] = r.facts;
    client_hashes_[number] = r.client_hash;
    Links l;
    l.contract_id = r.contract_id;
    l.granted_id = r.granted_id;
    l.granted_cap = r.granted_cap;
    l.decision_period = r.decision_period;
    l.granted_limit = grantedLimit(l.granted_cap, l.decision_period);
    granted_unit_[l.granted_id] = l.granted_cap.unit;
    links_[number] = l;
}

std::optional<billing::AllocationFacts> ClaimProcessor::allocation(std::int64_t number) {
    auto it = allocations_.find(number);
    if (it != allocations_.end()) return it->second;
    allocations_[number] = std::nullopt;
    if (auto r = billing::currentAllocation(db(), number)) remember(*r);
    return allocations_[number];
}

void ClaimProcessor::loadGranted(const std::vector<std::int64_t>& granted_ids) {
    if (granted_ids.empty()) return;
    db::Params params(granted_ids.begin(), granted_ids.end());
    std::size_t padded = 1;
    while (padded < params.size()) padded *= 2;
    params.resize(padded, params.back());
    for (auto id : granted_ids) granted_[id] = 0;
    for (const auto& r : db().query(
             kGrantedUsage + inList(params.size()) + " GROUP BY a.granted_product_id, cl.unit",
             params)) {
        const auto v = counted(r.i64(2), parseUnit(r.str(1)), granted_unit_.at(r.i64(0)));
        // A line in a unit that does not fit the granted product cannot be compared with it.
        if (v) granted_[r.i64(0)] += *v;
    }
}

std::optional<billing::DecisionCap> ClaimProcessor::decision(const billing::AllocationFacts& a) {
    const auto link = links_.find(a.number);
    if (link == links_.end()) return std::nullopt;
    const Links& l = link->second;
    if (billing::capCountingUnit(l.granted_cap.unit) != billing::capCountingUnit(a.cap.unit)) {
        return std::nullopt;
    }
    if (!l.granted_limit) return std::nullopt;
    if (!granted_.count(l.granted_id)) {
        flush();
        loadGranted({l.granted_id});
    }
    return billing::DecisionCap{*l.granted_limit, granted_[l.granted_id]};
}

void ClaimProcessor::prefetch(const std::vector<billing::ClaimLine>& lines) {
    // The queries below need not see the lines not yet written: their references are in
    // since_prefetch_, and their allocations and granted products are in the caches with what
    // those lines use — unless the caches are emptied, which needs every line written first.
    if (allocations_.size() > kMaxCachedAllocations) {
        flushNow();
        forgetAllocations();
    } else if (!writer_) {
        flush();
    }
    std::vector<std::string> refs;
    std::set<std::int64_t> wanted;
    for (const auto& l : lines) {
        refs.push_back(l.reference);
        if (!allocations_.count(l.allocation_number)) wanted.insert(l.allocation_number);
    }
    prefetchReferences(refs);
    if (wanted.empty()) {
        if (writer_) flush();
        return;
    }
    // IN lists are padded to a power of two (repeating a value) so that only a handful of
    // distinct statements is prepared and cached per connection.
    std::vector<std::int64_t> numbers(wanted.begin(), wanted.end());
    std::size_t padded = 1;
    while (padded < numbers.size()) padded *= 2;
    numbers.resize(padded, numbers.back());
    for (auto n : wanted) allocations_[n] = std::nullopt;
    for (const auto& r : billing::currentAllocations(db(), numbers)) remember(r);
    std::set<std::int64_t> granted_ids;
    for (auto n : wanted) {
        const auto& a = allocations_[n];
        if (!a) continue;
        if (!usage_.count(n)) {
            usage_[n] = std::make_unique<Usage>(
                Usage{billing::AllocationUse(a->cap, a->category, a->period)});
        }
        const Links& l = links_[n];
        if (!granted_.count(l.granted_id) && l.granted_limit) {
            granted_ids.insert(l.granted_id);
        }
    }
    for (const auto& u : billing::acceptedUsage(db(), numbers)) {
        const auto& a = allocations_[u.allocation_number];
        if (a) usage_[u.allocation_number]->use.addInUnit(u.period, u.volume, u.unit);
    }
    loadGranted({granted_ids.begin(), granted_ids.end()});
    if (writer_) flush();  // written while the caller adjudicates this batch
}

billing::ContractFacts ClaimProcessor::contract(const billing::ClaimLine& line,
                                                std::int64_t contract_id) {
    const std::string key =
        std::to_string(contract_id) + "/" + line.product_code + "/" + periodKey(line.period);
    auto it = contracts_.find(key);
    if (it != contracts_.end()) return it->second;
    billing::ContractFacts facts;
    const Date last_day = addDays(*line.period.end, -1);
    // The day the contract stopped running when it is terminated or suspended now: the day of
    // its latest change to that status.
    auto c = db().queryOne(
        "SELECT c.status, c.term_start, c.term_end, (SELECT DATE(MAX(s.changed_at)) FROM"
        " contract_status_changes s WHERE s.contract_id = c.id AND s.to_status = c.status)"
        " FROM contracts c WHERE c.id = ?",
        {contract_id});
    if (c) {
        const std::string status = c->str(0);
        const bool stopped = status == "terminated" || status == "suspended";
        facts.active_throughout = status != "draft" && parseDate(c->str(1)) <= line.period.begin &&
                                  last_day < parseDate(c->str(2)) &&
                                  (!stopped || c->isNull(3) || last_day < parseDate(c->str(3)));
        const auto schedule =
            contracting::contractTariffSchedule(db(), contract_id, line.product_code);
        const auto first = schedule.at(line.period.begin);
        const auto last = schedule.at(last_day);
        if (first && last && first->tariff == last->tariff) facts.tariff = first->tariff;
        const Date month{line.period.begin.year(), line.period.begin.month(), std::chrono::day{1}};
        for (const auto& v : schedule.versions()) {
            if (month < v.valid_from && v.valid_from < addMonths(month, 1)) {
                facts.tariff_changes.push_back(v.valid_from);
            }
        }
    }
    contracts_[key] = facts;
    return facts;
}

ClaimProcessor::Usage& ClaimProcessor::usage(const billing::AllocationFacts& a) {
    auto it = usage_.find(a.number);
    if (it != usage_.end()) return *it->second;
    // The query must see the lines of this declaration accepted so far.
    flush();
    auto u = std::make_unique<Usage>(Usage{billing::AllocationUse(a.cap, a.category, a.period)});
    for (const auto& r : billing::acceptedUsage(db(), a.number)) {
        u->use.addInUnit(r.period, r.volume, r.unit);
    }
    return *usage_.emplace(a.number, std::move(u)).first->second;
}

void ClaimProcessor::prefetchReferences(const std::vector<std::string>& references) {
    prefetched_.clear();
    used_before_.clear();
    since_prefetch_ = unflushed_;  // not written yet: the query below cannot see them
    if (references.empty()) return;
    if (trust_reference_index_) {
        prefetched_.insert(references.begin(), references.end());
        return;
    }
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
    for (const auto& r : db().query(sql, params)) used_before_.insert(r.str(0));
    prefetched_.insert(references.begin(), references.end());
}

bool ClaimProcessor::referenceUsed(const std::string& reference) {
    if (unflushed_.count(reference)) return true;
    if (prefetched_.count(reference)) {
        return used_before_.count(reference) > 0 || since_prefetch_.count(reference) > 0;
    }
    return db()
        .queryOne("SELECT id FROM claim_lines WHERE provider_id = ? AND first_use_reference = ?",
                  {provider_id_, reference})
        .has_value();
}

LineResult ClaimProcessor::debit(const billing::ClaimLine& line) {
    LineResult r{line, billing::LineStatus::Accepted, "0200", "", {"0200"}};
    if (rejected_whole_) {
        r.status = billing::LineStatus::Rejected;
        r.code = "0233";
        r.codes = {r.code};
        r.message = "Not assessed: the declaration was rejected as a whole.";
        return r;
    }
    auto facts = allocation(line.allocation_number);
    if (facts) {
        // The allocation's client is compared by the keyed hash of the BSN.
        auto& h = bsn_hashes_[line.bsn];
        if (h.empty()) h = security::bsnLookupHash(ctx_.config, line.bsn);
        facts->client_bsn = h == client_hashes_[line.allocation_number] ? line.bsn : "";
    }
    billing::PriorUse prior;
    billing::ContractFacts contract_facts;
    if (facts && line.period.end && line.period.begin < *line.period.end) {
        contract_facts = contract(line, links_[facts->number].contract_id);
        prior.use = &usage(*facts).use;
        prior.decision = decision(*facts);
    }
    prior.reference_used = referenceUsed(line.reference);
    const auto verdicts = billing::adjudicateDebitAll(line, head_, provider_id_, facts,
                                                      contract_facts, prior, policy_);
    if (const auto verdict = billing::decisive(verdicts)) {
        r.status = verdict->review ? billing::LineStatus::Review : billing::LineStatus::Rejected;
        r.code = verdict->code;
        r.message = verdict->message;
        for (const auto& v : verdicts) {
            if (v.reason != verdict->reason) r.message += " " + v.message;
        }
        r.codes = billing::retourCodes(verdicts);
        return r;
    }
    const auto v = billing::toCapCountingUnit(line.volume, line.unit, facts->cap.unit);
    usage(*facts).use.add(line.period, v);
    if (prior.decision) granted_[links_[facts->number].granted_id] += v;
    return r;
}

LineResult ClaimProcessor::credit(const billing::ClaimLine& line) {
    LineResult r{line, billing::LineStatus::Accepted, "0200", "", {"0200"}};
    billing::CreditFacts facts;
    std::optional<db::Row> debit;
    if (line.previous_reference) {
        debit = db().queryOne(
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
        r.status = billing::LineStatus::Rejected;
        r.code = verdict->code;
        r.codes = {r.code};
        r.message = verdict->message;
        return r;
    }
    db().execute("UPDATE claim_lines SET credited = 1 WHERE id = ?", {debit->i64(0)});
    // The credited volume frees cap and period again: reloaded when next needed.
    usage_.erase(line.allocation_number);
    if (auto l = links_.find(line.allocation_number); l != links_.end()) {
        granted_.erase(l->second.granted_id);
    }
    return r;
}

void ClaimProcessor::record(const LineResult& r) {
    if (r.status == billing::LineStatus::Review) {
        flush();
        pending_.push_back(r);
        flushNow();
        const auto line_id = db().lastInsertId();
        db().execute(
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
    // Pipelined, prefetch() writes a batch once the next batch's queries are done.
    if (pending_.size() >= (writer_ ? 4 * kInsertBatch : kInsertBatch)) flush();
}

void ClaimProcessor::flush() {
    if (pending_.empty()) return;
    std::string sql =
        "INSERT INTO claim_lines (declaration_id, provider_id, reference, previous_reference,"
        " credit, allocation_number, bsn_hash, category, product_code, period_begin, period_end,"
        " volume, unit, tariff_cents, amount_cents, status, code, codes, bsn_enc) VALUES ";
    db::Params params;
    params.reserve(pending_.size() * 19);
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        const auto& r = pending_[i];
        const auto& l = r.line;
        sql += i == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                      : ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        auto& h = bsn_hashes_[l.bsn];
        if (h.empty()) h = security::bsnLookupHash(ctx_.config, l.bsn);
        params.insert(
            params.end(),
            {result_.declaration_id, provider_id_, l.reference,
             l.previous_reference ? db::Param(*l.previous_reference) : db::Param(nullptr),
             std::int64_t{l.credit ? 1 : 0}, l.allocation_number, h, l.category, l.product_code,
             formatDate(l.period.begin), endText(l.period), l.volume, unitName(l.unit),
             l.tariff ? db::Param(l.tariff->cents()) : db::Param(nullptr), l.amount.cents(),
             std::string(billing::lineStatusName(r.status)), r.code, joinCodes(r.codes),
             r.status == billing::LineStatus::Accepted
                 ? db::Param(nullptr)
                 : db::Param(security::encryptAesGcm(ctx_.config.bsn_key, l.bsn))});
    }
    pending_.clear();
    unflushed_.clear();
    if (writer_) {
        writer_->start([this, sql = std::move(sql), params = std::move(params)] {
            ctx_.db.execute(sql, params);
        });
    } else {
        ctx_.db.execute(sql, params);
    }
}

void ClaimProcessor::flushNow() {
    flush();
    settle();
}

void ClaimProcessor::pipelineInserts() {
    if (!writer_) writer_ = std::make_unique<db::BackgroundJob>();
}

void ClaimProcessor::settle() {
    if (writer_) writer_->wait();
}

db::Connection& ClaimProcessor::db() {
    settle();
    return ctx_.db;
}

DeclarationResult ClaimProcessor::close() {
    flushNow();
    const bool waiting = reviews_ > 0;
    result_.status = rejected_whole_ ? billing::DeclarationStatus::Rejected
                     : waiting       ? billing::DeclarationStatus::AwaitingReview
                                     : billing::DeclarationStatus::Answered;
    const std::string status(billing::declarationStatusName(result_.status));
    if (rejected_whole_) result_.awarded = Money();
    db().execute(
        "UPDATE declarations SET total_awarded_cents = ?, status = ?, header_code = ?,"
        " answered_at = IF(? = 'awaiting_review', NULL, ?) WHERE id = ?",
        {result_.awarded.cents(), status, result_.header_code, status, timestamp(ctx_.clock),
         result_.declaration_id});
    if (!rejected_whole_) awarded_.announce(awardedClaims());
    appendAudit(ctx_, {"declaration.receive", "declaration", std::to_string(result_.declaration_id),
                       status, std::nullopt,
                       "{\"lines\":" + std::to_string(result_.lines) +
                           ",\"accepted\":" + std::to_string(result_.accepted) +
                           ",\"awarded_cents\":" + std::to_string(result_.awarded.cents()) + "}"});
    return std::move(result_);
}

}  // namespace zc::app
