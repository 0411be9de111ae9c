// Adjudication of declarations against allocations, contracts, tariffs and caps.
#include "claim_processor.hpp"

#include "billing/domain/cap_windows.hpp"
#include "billing/store/allocation_facts_store.hpp"
#include "billing/store/claim_line_store.hpp"
#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/working_days.hpp"
#include "interfaces/mysql/background_job.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/bsn_protection.hpp"

namespace zc::billing {

namespace {

constexpr std::size_t kInsertBatch = 500;
// Allocations (with their usage and client hash) kept between batches; beyond this the caches
// are emptied at the next prefetch and refilled from the database, so memory stays flat.
constexpr std::size_t kMaxCachedAllocations = 4096;
constexpr int kAnswerWorkingDays = 10;  // the WMO325 is due within 10 working days (OP090x4)

std::string periodKey(const Period& p) {
    return formatDate(p.begin) + "/" + (p.end ? formatDate(*p.end) : std::string("-"));
}

// A power of two at least n: IN lists are padded to one so that few statements are prepared.
std::size_t paddedSize(std::size_t n) {
    std::size_t padded = 1;
    while (padded < n) padded *= 2;
    return padded;
}

}  // namespace

// Accepted, uncredited debits of one allocation (in cap counting units), and how the allocation
// links to its contract and its access decision's granted product.
struct ClaimProcessor::Usage {
    AllocationUse use;
};

ClaimProcessor::ClaimProcessor(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                               std::int64_t provider_id, DeclarationHeader head, std::string source,
                               std::optional<std::int64_t> inbox_id)
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

const LineResult& ClaimProcessor::add(const ClaimLine& line) {
    ++result_.lines;
    if (line.credit) {
        ZC_ASSERT(!saw_debit_ && "credits are processed before debits");
        last_ = credit(line);
    } else {
        saw_debit_ = true;
        last_ = debit(line);
    }
    if (last_.status == LineStatus::Accepted) {
        ++result_.accepted;
        result_.awarded += line.credit ? -line.amount : line.amount;
        awarded_by_category_[line.category] += line.credit ? -line.amount : line.amount;
    } else if (keep_line_results_) {
        result_.not_accepted.push_back(last_);
    }
    if (last_.status == LineStatus::Review) ++reviews_;
    if (!prefetched_.empty()) since_prefetch_.insert(line.reference);
    record(last_);
    return last_;
}

namespace {

// `volume` of `unit` in the counting unit of `cap_unit`, or nullopt when they do not fit.
std::optional<std::int64_t> counted(std::int64_t volume, Unit unit, Unit cap_unit) {
    if (unit != cap_unit && unit != capCountingUnit(cap_unit)) return std::nullopt;
    return toCapCountingUnit(volume, unit, cap_unit);
}

// The granted product's finite total in its counting unit, or nullopt.
std::optional<std::int64_t> grantedLimit(const Cap& cap, const Period& decision) {
    const auto max = maxVolumeOverAllocation(cap, decision);
    if (!max) return std::nullopt;
    return toCapCountingUnit(*max, cap.unit, cap.unit);
}

}  // namespace

void ClaimProcessor::remember(const AllocationRow& r) {
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

std::optional<AllocationFacts> ClaimProcessor::allocation(std::int64_t number) {
    auto it = allocations_.find(number);
    if (it != allocations_.end()) return it->second;
    allocations_[number] = std::nullopt;
    if (auto r = currentAllocation(db(), number)) remember(*r);
    return allocations_[number];
}

void ClaimProcessor::loadGranted(const std::vector<std::int64_t>& granted_ids) {
    if (granted_ids.empty()) return;
    std::vector<std::int64_t> padded(granted_ids);
    padded.resize(paddedSize(padded.size()), padded.back());
    for (auto id : granted_ids) granted_[id] = 0;
    for (const auto& r : grantedUsage(db(), padded)) {
        const auto v = counted(r.volume, r.unit, granted_unit_.at(r.granted_id));
        // A line in a unit that does not fit the granted product cannot be compared with it.
        if (v) granted_[r.granted_id] += *v;
    }
}

std::optional<DecisionCap> ClaimProcessor::decision(const AllocationFacts& a) {
    const auto link = links_.find(a.number);
    if (link == links_.end()) return std::nullopt;
    const Links& l = link->second;
    if (capCountingUnit(l.granted_cap.unit) != capCountingUnit(a.cap.unit)) {
        return std::nullopt;
    }
    if (!l.granted_limit) return std::nullopt;
    if (!granted_.count(l.granted_id)) {
        flush();
        loadGranted({l.granted_id});
    }
    return DecisionCap{*l.granted_limit, granted_[l.granted_id]};
}

void ClaimProcessor::prefetch(const std::vector<ClaimLine>& lines) {
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
    numbers.resize(paddedSize(numbers.size()), numbers.back());
    for (auto n : wanted) allocations_[n] = std::nullopt;
    for (const auto& r : currentAllocations(db(), numbers)) remember(r);
    std::set<std::int64_t> granted_ids;
    for (auto n : wanted) {
        const auto& a = allocations_[n];
        if (!a) continue;
        if (!usage_.count(n)) {
            usage_[n] =
                std::make_unique<Usage>(Usage{AllocationUse(a->cap, a->category, a->period)});
        }
        const Links& l = links_[n];
        if (!granted_.count(l.granted_id) && l.granted_limit) {
            granted_ids.insert(l.granted_id);
        }
    }
    for (const auto& u : acceptedUsage(db(), numbers)) {
        const auto& a = allocations_[u.allocation_number];
        if (a) usage_[u.allocation_number]->use.addInUnit(u.period, u.volume, u.unit);
    }
    loadGranted({granted_ids.begin(), granted_ids.end()});
    if (writer_) flush();  // written while the caller adjudicates this batch
}

ContractFacts ClaimProcessor::contract(const ClaimLine& line, std::int64_t contract_id) {
    const std::string key =
        std::to_string(contract_id) + "/" + line.product_code + "/" + periodKey(line.period);
    auto it = contracts_.find(key);
    if (it != contracts_.end()) return it->second;
    ContractFacts facts;
    const Date last_day = addDays(*line.period.end, -1);
    // The day the contract stopped running when it is terminated or suspended now: the day of
    // its latest change to that status.
    if (const auto c = contractTerm(db(), contract_id)) {
        const std::string& status = c->status;
        const bool stopped = status == "terminated" || status == "suspended";
        facts.active_throughout =
            status != "draft" && parseDate(c->term_start) <= line.period.begin &&
            last_day < parseDate(c->term_end) &&
            (!stopped || !c->status_since || last_day < parseDate(*c->status_since));
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

ClaimProcessor::Usage& ClaimProcessor::usage(const AllocationFacts& a) {
    auto it = usage_.find(a.number);
    if (it != usage_.end()) return *it->second;
    // The query must see the lines of this declaration accepted so far.
    flush();
    auto u = std::make_unique<Usage>(Usage{AllocationUse(a.cap, a.category, a.period)});
    for (const auto& r : acceptedUsage(db(), a.number)) {
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
    for (auto& r : usedReferences(db(), provider_id_, references)) {
        used_before_.insert(std::move(r));
    }
    prefetched_.insert(references.begin(), references.end());
}

bool ClaimProcessor::referenceUsed(const std::string& reference) {
    if (unflushed_.count(reference)) return true;
    if (prefetched_.count(reference)) {
        return used_before_.count(reference) > 0 || since_prefetch_.count(reference) > 0;
    }
    return billing::referenceUsed(db(), provider_id_, reference);
}

LineResult ClaimProcessor::debit(const ClaimLine& line) {
    LineResult r{line, LineStatus::Accepted, "0200", "", {"0200"}, std::nullopt};
    if (rejected_whole_) {
        r.status = LineStatus::Rejected;
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
    PriorUse prior;
    ContractFacts contract_facts;
    if (facts && line.period.end && line.period.begin < *line.period.end) {
        contract_facts = contract(line, links_[facts->number].contract_id);
        prior.use = &usage(*facts).use;
        prior.decision = decision(*facts);
    }
    prior.reference_used = referenceUsed(line.reference);
    const auto verdicts =
        adjudicateDebitAll(line, head_, provider_id_, facts, contract_facts, prior, policy_);
    if (const auto verdict = decisive(verdicts)) {
        r.status = verdict->review ? LineStatus::Review : LineStatus::Rejected;
        r.code = verdict->code;
        r.message = verdict->message;
        for (const auto& v : verdicts) {
            if (v.reason != verdict->reason) r.message += " " + v.message;
        }
        r.codes = retourCodes(verdicts);
        r.cap = capFigures(verdicts);
        return r;
    }
    const auto v = toCapCountingUnit(line.volume, line.unit, facts->cap.unit);
    usage(*facts).use.add(line.period, v);
    if (prior.decision) granted_[links_[facts->number].granted_id] += v;
    return r;
}

LineResult ClaimProcessor::credit(const ClaimLine& line) {
    LineResult r{line, LineStatus::Accepted, "0200", "", {"0200"}, std::nullopt};
    CreditFacts facts;
    std::optional<DebitRow> debit;
    if (line.previous_reference) {
        debit = lockAcceptedDebit(db(), provider_id_, *line.previous_reference);
    }
    if (debit) {
        facts.debit_found = true;
        facts.debit_already_credited = debit->credited;
        facts.matches_debit =
            debit->allocation_number == line.allocation_number &&
            debit->product_code == line.product_code &&
            debit->period_begin == formatDate(line.period.begin) && line.period.end &&
            debit->period_end == formatDate(*line.period.end) && debit->volume == line.volume &&
            debit->amount_cents == line.amount.cents();
    }
    auto verdict = rejected_whole_
                       ? std::optional<Verdict>(
                             Verdict{Reason::DeclarationTotalMismatch, "0233", false,
                                     "Not assessed: the declaration was rejected.", std::nullopt})
                       : adjudicateCredit(line, facts);
    if (!verdict && referenceUsed(line.reference)) {
        verdict = Verdict{Reason::ReferenceUsed, "8021", false,
                          "This ReferentieNummer was used before; use a new one.", std::nullopt};
    }
    if (verdict) {
        r.status = LineStatus::Rejected;
        r.code = verdict->code;
        r.codes = {r.code};
        r.message = verdict->message;
        return r;
    }
    markCredited(db(), debit->id);
    // The credited volume frees cap and period again: reloaded when next needed.
    usage_.erase(line.allocation_number);
    if (auto l = links_.find(line.allocation_number); l != links_.end()) {
        granted_.erase(l->second.granted_id);
    }
    return r;
}

void ClaimProcessor::record(const LineResult& r) {
    if (r.status == LineStatus::Review) {
        flush();
        pending_.push_back(r);
        flushNow();
        const auto line_id = db().lastInsertId();
        insertReviewItem(db(), line_id, result_.declaration_id, r.code, r.message.substr(0, 1000),
                         formatDate(result_.answer_due));
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
    auto insert = startClaimLinesInsert(pending_.size(), received_day_);
    for (const auto& r : pending_) {
        const auto& l = r.line;
        auto& h = bsn_hashes_[l.bsn];
        if (h.empty()) h = security::bsnLookupHash(ctx_.config, l.bsn);
        addClaimLine(
            insert, result_.declaration_id, provider_id_, head_.recipient, l, r.status, r.code,
            r.codes, r.cap, h,
            r.status == LineStatus::Accepted
                ? std::nullopt
                : std::optional<std::string>(security::encryptAesGcm(ctx_.config.bsn_key, l.bsn)));
    }
    pending_.clear();
    unflushed_.clear();
    if (writer_) {
        writer_->start([this, insert = std::move(insert)] { writeClaimLines(ctx_.db, insert); });
    } else {
        writeClaimLines(ctx_.db, insert);
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

}  // namespace zc::billing
