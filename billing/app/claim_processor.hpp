#pragma once
// Adjudication of one declaration (issue 4): a ClaimProcessor per declaration, fed with its
// credit lines first and then its debit lines, inside the caller's transaction. The same
// processor serves WMO323 messages, the JSON API and CSV uploads; a dry run is the same work in
// a transaction that is rolled back. Its SQL is billing/store/claim_line_store.hpp and
// allocation_facts_store.hpp; what it awards goes out through AwardedClaimsPort.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "billing/app/awarded_claims.hpp"
#include "billing/domain/adjudication.hpp"
#include "billing/domain/claim_status.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::db {
class BackgroundJob;
class Connection;
}  // namespace zc::db

namespace zc::billing {

struct AllocationRow;

struct LineResult {
    ClaimLine line;
    LineStatus status = LineStatus::Accepted;
    std::string code;  // the deciding iWmo retourcode; "0200" when accepted
    std::string message;
    // Every applicable retourcode in the order of the rule table (the WMO325 lists them all);
    // {"0200"} when accepted.
    std::vector<std::string> codes;
    // The cap, the use before and the claimed volume when a cap rule failed (CapFigures).
    std::optional<CapFigures> cap;
};

struct DeclarationResult {
    std::int64_t declaration_id = 0;  // 0 in a dry run
    DeclarationStatus status = DeclarationStatus::Answered;
    std::string header_code = "0200";
    std::string header_message;
    Money submitted;
    Money awarded;
    std::int64_t lines = 0;
    std::int64_t accepted = 0;
    std::vector<LineResult> not_accepted;  // rejected and review lines, in input order
    Date answer_due;
    std::string municipality_code;  // the recipient (Ontvanger) it was sent to
};

class ClaimProcessor {
  public:
    // What the declaration awards is announced through `awarded` when it closes.
    ClaimProcessor(app::RequestContext& ctx, AwardedClaimsPort& awarded, std::int64_t provider_id,
                   DeclarationHeader head, std::string source,
                   std::optional<std::int64_t> inbox_id);
    ~ClaimProcessor();

    // Registers the declaration. 409 DUPLICATE_DECLARATION (iWmo 9333) when this provider used
    // the number before.
    void open();
    // Forgets every line added so far (the caller rolled them back to a savepoint); the
    // registered declaration stays.
    void restart();
    // Rejects the whole declaration (header-level 0001): nothing of it is accepted.
    void rejectWhole(const std::string& code, const std::string& message);
    // Looks up in one query which of these ReferentieNummers were used before (call it for the
    // next batch of lines before adding them; add() then needs no query for them).
    void prefetchReferences(const std::vector<std::string>& references);
    // The same, plus the allocations of these lines and what was accepted on them, so that a
    // batch of lines costs three queries instead of three per line.
    void prefetch(const std::vector<ClaimLine>& lines);
    // Adjudicates and records one line. Credits must all come before the debits.
    const LineResult& add(const ClaimLine& line);
    // From now on a batch's claim lines are written on a thread of their own while the next
    // batch is adjudicated: prefetch() queries first and then starts writing the lines added
    // before it. The caller calls settle() before it uses the connection itself again.
    void pipelineInserts();
    // Waits until no write of this processor runs (rethrowing its failure).
    void settle();
    // Writes the lines added so far and waits for it (rethrowing a failure of the write).
    void writePending() { flushNow(); }
    // With `trust`, prefetch() does not look up whether the batch's ReferentieNummers were used
    // before: one used in an earlier declaration (or in an earlier batch already written) makes
    // the write of its batch fail with a duplicate key (db::DbError::isDuplicateKey, index
    // uq_claim_first_use), and the caller starts over without trust (restart()).
    void trustReferenceIndex(bool trust) { trust_reference_index_ = trust; }
    // Whether close() lists the lines not accepted (the JSON answer does; a WMO325 is built
    // from what is stored, so a large WMO323 need not hold them in memory). Default true.
    void keepLineResults(bool keep) { keep_line_results_ = keep; }
    // Writes the payable of the accepted total and the declaration's outcome. Call it once.
    DeclarationResult close();

  private:
    struct Usage;
    // How an allocation links to its contract and to its access decision's granted product.
    struct Links {
        std::int64_t contract_id = 0;
        std::int64_t granted_id = 0;
        Cap granted_cap;
        Period decision_period;
        // The most the granted product allows over the decision (counting unit), when finite.
        std::optional<std::int64_t> granted_limit;
    };
    LineResult credit(const ClaimLine& line);
    LineResult debit(const ClaimLine& line);
    std::optional<AllocationFacts> allocation(std::int64_t number);
    ContractFacts contract(const ClaimLine& line, std::int64_t contract_id);
    Usage& usage(const AllocationFacts& a);
    void remember(const AllocationRow& r);
    std::optional<DecisionCap> decision(const AllocationFacts& a);
    void loadGranted(const std::vector<std::int64_t>& granted_ids);
    bool referenceUsed(const std::string& reference);
    void record(const LineResult& r);
    // Writes the pending lines: on the writer's thread when pipelined, else now.
    void flush();
    // Writes the pending lines and waits until they are in the database.
    void flushNow();
    // The connection, once no write of this processor runs on it.
    db::Connection& db();
    void forgetAllocations();
    AwardedClaims awardedClaims() const;

    app::RequestContext& ctx_;
    std::string received_day_;  // the declaration's day of receipt, set by open()
    AwardedClaimsPort& awarded_;
    std::int64_t provider_id_;
    DeclarationHeader head_;
    std::string source_;
    std::optional<std::int64_t> inbox_id_;
    ReviewPolicy policy_;
    DeclarationResult result_;
    bool rejected_whole_ = false;
    bool saw_debit_ = false;
    bool keep_line_results_ = true;
    bool trust_reference_index_ = false;
    std::int64_t reviews_ = 0;
    std::map<std::string, Money> awarded_by_category_;
    LineResult last_;
    std::map<std::int64_t, std::optional<AllocationFacts>> allocations_;
    std::map<std::int64_t, std::string> client_hashes_;
    std::map<std::string, ContractFacts> contracts_;
    std::map<std::int64_t, std::unique_ptr<Usage>> usage_;
    std::map<std::int64_t, Links> links_;  // by allocation number
    // Per granted product (toegekend product): accepted volume over all its allocations, in
    // the granted cap's counting unit; absent until loaded.
    std::map<std::int64_t, std::int64_t> granted_;
    std::map<std::int64_t, Unit> granted_unit_;  // the granted product's unit, by its id
    // The ReferentieNummers of this declaration are checked against the database (which holds
    // every written line) plus these two sets, so memory does not grow with the file: the lines
    // not yet flushed, and those the last prefetch's query could not see (not yet written then,
    // or added since).
    std::set<std::string> unflushed_;
    std::set<std::string> since_prefetch_;
    std::set<std::string> prefetched_;
    std::set<std::string> used_before_;
    std::map<std::string, std::string> bsn_hashes_;
    std::vector<LineResult> pending_;
    std::unique_ptr<db::BackgroundJob> writer_;  // when pipelined
};

}  // namespace zc::billing
