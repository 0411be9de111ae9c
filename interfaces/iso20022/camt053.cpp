#include "interfaces/iso20022/camt053.hpp"

#include <functional>
#include <stdexcept>

#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/xml/stream_reader.hpp"

namespace zc::iso20022 {
namespace {

constexpr std::string_view kEuro = "EUR";
// Domain problems kept per file; the first ones are enough to fix a bad export.
constexpr std::size_t kMaxProblems = 50;

const xml::StreamOptions& camt053Records() {
    static const xml::StreamOptions options{{
        // Any message's group header, so that a pain.001 given to us is named as such.
        "Document/*/GrpHdr",
        "Document/BkToCstmrStmt/Stmt/Id",
        "Document/BkToCstmrStmt/Stmt/FrToDt",
        "Document/BkToCstmrStmt/Stmt/Acct",
        "Document/BkToCstmrStmt/Stmt/Bal",
        "Document/BkToCstmrStmt/Stmt/Ntry",
    }};
    return options;
}

// The date part of an ISODate or ISODateTime ("2024-03-15", "2024-03-15T00:00:00+01:00").
std::optional<Date> datePart(std::string_view text) { return tryParseDate(text.substr(0, 10)); }

// "8.850" -> "8.85": digits after the cents can only be zeros (the schema's pattern) and carry
// no value.
std::string_view withoutZerosAfterCents(std::string_view text) {
    const std::size_t dot = text.find('.');
    if (dot == std::string_view::npos) return text;
    while (text.size() > dot + 3 && text.back() == '0') text.remove_suffix(1);
    return text;
}

// A balance of one statement while it is being read.
struct Balance {
    Money amount;  // signed
    Date date;
};

// Everything of the statement being read that is not yet in a Statement.
struct StatementHead {
    int line = 0;
    std::optional<Date> from;
    std::optional<Date> to;
    std::optional<Balance> opening;           // OPBD
    std::optional<Balance> previous_closing;  // PRCD, the opening when there is no OPBD
    std::optional<Balance> closing;           // CLBD
};

// Turns the records into statements, collecting domain problems.
class StatementSink final : public xml::ElementSink {
  public:
    void onElement(const xml::Element& e, const std::vector<std::string>& path) override {
        if (e.name == "GrpHdr") {
            groupHeader(e, path);
            return;
        }
        if (e.name == "Id") {
            startStatement(e);
            return;
        }
        // The schema puts Stmt/Id first, so every other record belongs to a started statement.
        ZC_ASSERT(!statements_.empty());
        if (e.name == "FrToDt") {
            head_.from = dateOf(e.child("FrDtTm"));
            head_.to = dateOf(e.child("ToDtTm"));
        } else if (e.name == "Acct") {
            account(e);
        } else if (e.name == "Bal") {
            balance(e);
        } else if (e.name == "Ntry") {
            statements_.back().entries.push_back(entry(e));
        }
    }

    // Completes the last statement; call once, after a successful parse.
    void finish() {
        if (!group_header_seen_) {
            problem(0, 0, "MESSAGE_NOT_CAMT053", "the document has no camt.053 group header");
        }
        finishStatement();
    }

    std::vector<Statement>& statements() { return statements_; }
    std::vector<xml::Problem>& problems() { return problems_; }

  private:
    void groupHeader(const xml::Element& e, const std::vector<std::string>& path) {
        if (e.ns != kCamt053Namespace || path.size() != 3 || path[1] != "BkToCstmrStmt") {
            throw xml::StreamStop{
                {"MESSAGE_NOT_CAMT053",
                 "expected a camt.053.001.02 statement, got " + path[1] + " in '" + e.ns + "'",
                 e.line, e.column}};
        }
        group_header_seen_ = true;
        message_id_ = e.childText("MsgId");
    }

    void startStatement(const xml::Element& e) {
        finishStatement();
        Statement s;
        s.message_id = message_id_;
        s.statement_id = e.text;
        s.currency = std::string(kEuro);
        statements_.push_back(std::move(s));
        head_ = StatementHead{};
        head_.line = e.line;
    }

    void finishStatement() {
        if (statements_.empty()) return;
        Statement& s = statements_.back();
        const std::optional<Balance>& opening =
            head_.opening ? head_.opening : head_.previous_closing;
        if (!opening || !head_.closing) {
            problem(head_.line, 0, "STATEMENT_BALANCE_MISSING",
                    "statement " + s.statement_id + " has no " +
                        (opening ? "closing (CLBD)" : "opening (OPBD or PRCD)") + " balance");
            return;
        }
        s.opening_balance = opening->amount;
        s.closing_balance = head_.closing->amount;
        s.from = head_.from.value_or(opening->date);
        s.to = head_.to.value_or(head_.closing->date);
    }

    void account(const xml::Element& e) {
        const std::string ccy = e.childText("Ccy");
        if (!ccy.empty() && ccy != kEuro) {
            problem(e, "WRONG_CURRENCY", "the account's currency is " + ccy + ", not EUR");
        }
        const xml::Element* iban = e.find("Id/IBAN");
        if (iban == nullptr) {
            problem(e, "ACCOUNT_NOT_IBAN", "the statement's account is not identified by an IBAN");
            return;
        }
        try {
            statements_.back().account_iban = Iban::parse(iban->text).str();
        } catch (const ValidationError&) {
            problem(*iban, "INVALID_IBAN", "the account IBAN " + iban->text + " is not valid");
        }
    }

    // Every balance's amount and date are checked; OPBD, PRCD and CLBD are kept.
    void balance(const xml::Element& e) {
        const xml::Element* code = e.find("Tp/CdOrPrtry/Cd");
        const std::string type = code ? code->text : std::string();
        std::optional<Balance>* slot = type == "OPBD"   ? &head_.opening
                                       : type == "PRCD" ? &head_.previous_closing
                                       : type == "CLBD" ? &head_.closing
                                                        : nullptr;
        const std::optional<Money> amount = signedAmount(e);
        const std::optional<Date> date = dateOf(e.child("Dt"));
        if (slot == nullptr) return;
        if (slot->has_value()) {
            problem(
                e, "STATEMENT_BALANCE_DUPLICATE",
                "statement " + statements_.back().statement_id + " has two " + type + " balances");
            return;
        }
        // An unreadable amount or date has its own problem; the balance is not missing as well.
        *slot = Balance{amount.value_or(Money()), date.value_or(Date{})};
    }

    StatementEntry entry(const xml::Element& e) {
        StatementEntry s;
        s.line = e.line;
        s.entry_ref = e.childText("NtryRef");
        if (s.entry_ref.empty()) s.entry_ref = e.childText("AcctSvcrRef");
        if (const xml::Element* amt = e.child("Amt")) {
            s.currency = amt->attribute("Ccy");
            s.amount = amountOf(*amt).value_or(Money());
        }
        s.credit = e.childText("CdtDbtInd") == "CRDT";
        s.reversal = isTrue(e.childText("RvslInd"));
        s.status = e.childText("Sts");
        if (e.child("BookgDt")) s.booking_date = dateOf(e.child("BookgDt"));
        if (e.child("ValDt")) s.value_date = dateOf(e.child("ValDt"));
        s.additional_info = e.childText("AddtlNtryInf");
        std::vector<const xml::Element*> transactions;
        for (const xml::Element* details : e.all("NtryDtls")) {
            for (const xml::Element* tx : details->all("TxDtls")) transactions.push_back(tx);
        }
        s.transaction_count = transactions.size();
        if (transactions.size() == 1) transaction(*transactions.front(), s);
        return s;
    }

    void transaction(const xml::Element& tx, StatementEntry& s) const {
        if (const xml::Element* id = tx.find("Refs/EndToEndId")) s.end_to_end_id = id->text;
        const xml::Element* reason = tx.find("RtrInf/Rsn");
        if (reason != nullptr) {
            s.return_reason = reason->childText("Cd");
            if (s.return_reason.empty()) s.return_reason = reason->childText("Prtry");
        }
        if (const xml::Element* parties = tx.child("RltdPties")) {
            counterparty(*parties, s.credit != (tx.child("RtrInf") != nullptr), s);
        }
        std::string remittance;
        if (const xml::Element* info = tx.child("RmtInf")) {
            for (const xml::Element* line : info->all("Ustrd")) {
                if (!remittance.empty()) remittance += ' ';
                remittance += line->text;
            }
            if (remittance.empty()) {
                if (const xml::Element* ref = info->find("Strd/CdtrRefInf/Ref")) {
                    remittance = ref->text;
                }
            }
        }
        s.remittance = std::move(remittance);
    }

    // The other party is the side whose account is not ours; when that does not decide, the
    // debtor of money coming in and the creditor of money going out (`debtor_side`).
    void counterparty(const xml::Element& parties, bool debtor_side, StatementEntry& s) const {
        const std::string& ours = statements_.back().account_iban;
        const auto iban = [&](const char* account) {
            const xml::Element* e = parties.find(std::string(account) + "/Id/IBAN");
            return e ? e->text : std::string();
        };
        const std::string debtor_iban = iban("DbtrAcct");
        const std::string creditor_iban = iban("CdtrAcct");
        if (!ours.empty() && debtor_iban == ours && creditor_iban != ours) debtor_side = false;
        if (!ours.empty() && creditor_iban == ours && debtor_iban != ours) debtor_side = true;
        s.counterparty_iban = debtor_side ? debtor_iban : creditor_iban;
        const xml::Element* party = parties.child(debtor_side ? "Dbtr" : "Cdtr");
        s.counterparty_name = party ? party->childText("Nm") : std::string();
    }

    // The amount of an Amt element with a Ccy attribute; nullopt (and a problem) when it is not
    // in EUR or does not fit.
    std::optional<Money> amountOf(const xml::Element& amt) {
        const std::string ccy = amt.attribute("Ccy");
        if (ccy != kEuro) {
            problem(amt, "WRONG_CURRENCY", "amount " + amt.text + " is in " + ccy + ", not EUR");
            return std::nullopt;
        }
        try {
            return Money::parse(withoutZerosAfterCents(amt.text));
        } catch (const ValidationError&) {
            problem(amt, "INVALID_AMOUNT", "amount " + amt.text + " cannot be held in cents");
            return std::nullopt;
        }
    }

    // Amt signed by the CdtDbtInd beside it: a debit balance is negative.
    std::optional<Money> signedAmount(const xml::Element& parent) {
        const xml::Element* amt = parent.child("Amt");
        if (amt == nullptr) return std::nullopt;
        const std::optional<Money> amount = amountOf(*amt);
        if (!amount) return std::nullopt;
        return parent.childText("CdtDbtInd") == "DBIT" ? -*amount : *amount;
    }

    // The date of a DateAndDateTimeChoice (Dt or DtTm) or of an ISODateTime element itself.
    std::optional<Date> dateOf(const xml::Element* e) {
        if (e == nullptr) return std::nullopt;
        const xml::Element* value = e->children.empty() ? e : &e->children.front();
        const std::optional<Date> date = datePart(value->text);
        if (!date) {
            problem(*value, "INVALID_DATE",
                    "date " + value->text + " in " + value->name + " is outside 1900..2999");
        }
        return date;
    }

    static bool isTrue(const std::string& text) { return text == "true" || text == "1"; }

    void problem(const xml::Element& e, std::string code, std::string message) {
        problem(e.line, e.column, std::move(code), std::move(message));
    }

    void problem(int line, int column, std::string code, std::string message) {
        if (problems_.size() >= kMaxProblems) return;
        problems_.push_back(xml::Problem{std::move(code), std::move(message), line, column});
    }

    bool group_header_seen_ = false;
    std::string message_id_;
    StatementHead head_;
    std::vector<Statement> statements_;
    std::vector<xml::Problem> problems_;
};

Camt053Read run(const std::function<xml::StreamResult(xml::ElementSink&)>& parse) {
    Camt053Read out;
    StatementSink sink;
    xml::StreamResult result = parse(sink);
    if (!result.ok()) {
        out.problems = std::move(result.problems);
        return out;
    }
    sink.finish();
    out.problems = std::move(sink.problems());
    if (out.problems.empty()) out.statements = std::move(sink.statements());
    return out;
}

}  // namespace

xml::Limits camt053Limits() {
    xml::Limits l;
    l.max_bytes = std::size_t{256} << 20;
    l.max_depth = 32;
    l.max_elements = 4'000'000;
    l.max_text_bytes = 64 * 1024;
    return l;
}

Camt053Read readCamt053(const xml::SchemaSet& schemas, std::string_view xml,
                        const xml::Limits& limits) {
    return run([&](xml::ElementSink& sink) {
        return xml::streamValidate(schemas, xml, limits, camt053Records(), sink);
    });
}

Camt053Read readCamt053(const xml::SchemaSet& schemas, std::istream& in,
                        const xml::Limits& limits) {
    return run([&](xml::ElementSink& sink) {
        return xml::streamValidate(schemas, in, limits, camt053Records(), sink);
    });
}

Camt053Read readCamt053File(const xml::SchemaSet& schemas, const std::filesystem::path& file,
                            const xml::Limits& limits) {
    return run([&](xml::ElementSink& sink) {
        return xml::streamValidateFile(schemas, file, limits, camt053Records(), sink);
    });
}

namespace {
std::string toText(Money m) { return m.toString(); }
}  // namespace

void checkBalances(const Statement& s) {
    Money credits;
    Money debits;
    Money computed;
    try {
        for (const StatementEntry& e : s.entries) {
            if (e.status != "BOOK") continue;
            (e.credit ? credits : debits) += e.amount;
        }
        computed = s.opening_balance + credits - debits;
    } catch (const std::overflow_error&) {
        throw ValidationError(
            "STATEMENT_AMOUNT_OVERFLOW",
            "Statement " + s.statement_id + ": the sum of the entries does not fit in int64 cents.",
            "entries");
    }
    if (computed != s.closing_balance) {
        throw ValidationError("STATEMENT_UNBALANCED",
                              "Statement " + s.statement_id + " of " + s.account_iban +
                                  " does not balance: opening " + toText(s.opening_balance) +
                                  " + credits " + toText(credits) + " - debits " + toText(debits) +
                                  " = " + toText(computed) + ", but the closing balance is " +
                                  toText(s.closing_balance) + ".",
                              "closing_balance");
    }
}

}  // namespace zc::iso20022
