// Declarations, claim lines and review items of the national data set, month by month: one
// declaration per provider, paying municipality (the WMO323's Ontvanger) and service month,
// received on the 2nd of the next month, its lines as the intake writes them (status, code and
// codes, bsn_enc for lines not accepted, the cap figures on a line held for review), credits
// before debits; then each month's payables go to Payments (national_payments.cpp).
#include <algorithm>
#include <chrono>
#include <map>

#include "bench/national_payments.hpp"
#include "bench/national_tables.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/bsn_protection.hpp"

namespace zc::bench {
namespace {

struct Group {
    int provider = 0, paying = 0;
    std::vector<std::int32_t> allocations;
};

std::vector<Group> groups(const Layout& l) {
    std::vector<std::int32_t> order(l.allocations.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
    auto key = [&](std::int32_t i) {
        const auto& a = l.allocations[static_cast<std::size_t>(i)];
        return std::tuple(a.provider, a.paying, i);
    };
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return key(a) < key(b); });
    std::vector<Group> out;
    for (auto i : order) {
        const auto& a = l.allocations[static_cast<std::size_t>(i)];
        if (out.empty() || out.back().provider != a.provider || out.back().paying != a.paying) {
            out.push_back({a.provider, a.paying, {}});
        }
        out.back().allocations.push_back(i);
    }
    return out;
}

// A line as written, and what a credit in the next month needs of it.
struct Line {
    std::int32_t allocation = 0;
    std::string reference, previous, begin, end, status = "accepted", code = "0200";
    std::int64_t volume = 0, tariff = 0, amount = 0;
    bool credit = false, credited = false, review = false;
};

// The ISO weeks a month touches: the cap window of a weekly cap.
struct Window {
    std::string first, last;
    std::int64_t weeks = 0;
};

Window weeksOf(int m) {
    using namespace std::chrono;
    const Date begin = parseDate(monthStart(m));
    const auto wd = static_cast<int>(weekday{sys_days{begin}}.iso_encoding()) - 1;  // Mon = 0
    Window w;
    w.weeks = (wd + daysIn(m) + 6) / 7;
    w.first = formatDate(addDays(begin, -wd));
    w.last = formatDate(addDays(begin, -wd + static_cast<int>(w.weeks) * 7 - 1));
    return w;
}

class ClaimWriter {
  public:
    ClaimWriter(const Layout& l, const app::AppConfig& config, const BudgetIds& budgets,
                const std::string& dir, ClaimCounts& counts)
        : l_(l),
          config_(config),
          counts_(counts),
          payments_(l, budgets, dir),
          declaration_(dir, "declarations",
                       "id, provider_id, source, declaratie_nummer, period_begin, period_end,"
                       " received_at, total_submitted_cents, total_awarded_cents, status,"
                       " header_code, answer_due, answered_at, municipality_code"),
          line_(dir, "claim_lines",
                "id, declaration_id, provider_id, reference, previous_reference, credit,"
                " allocation_number, bsn_hash, bsn_enc, category, product_code, period_begin,"
                " period_end, volume, unit, tariff_cents, amount_cents, status, code, codes,"
                " credited, municipality_code, cap_scope, cap_unit, cap_limit, cap_before,"
                " cap_claimed, cap_window_first, cap_window_last, received_on"),
          review_(dir, "review_items",
                  "claim_line_id, declaration_id, code, message, status, due_date, decided_at,"
                  " decided_by, reason, escalated_at, municipality_code, provider_id") {
        hashes_.reserve(l.client_municipality.size());
        for (std::size_t c = 0; c < l.client_municipality.size(); ++c) {
            hashes_.push_back(security::bsnLookupHash(config, bsnOf(static_cast<std::int64_t>(c))));
        }
    }

    void writeAll() {
        const auto gs = groups(l_);
        credits_.assign(gs.size(), {});
        for (int m = 0; m < kServiceMonths; ++m) {
            for (std::size_t g = 0; g < gs.size(); ++g) declaration(m, gs[g], g);
            // Months up to September are paid: each municipality's run executes on the 1st of
            // the second month after the service month.
            payments_.closeMonth(m <= 9, monthStart(m + 2 <= 12 ? m + 2 : 12));
        }
        counts_.declarations = declaration_.rows();
        counts_.lines = line_.rows();
        counts_.review_items = review_.rows();
        counts_.payables = payments_.payables();
        counts_.paid_payables = payments_.paid;
        counts_.runs = payments_.runs;
        counts_.instructions = payments_.instructions;
        counts_.journals = payments_.journals;
    }

    std::string loadStatements() {
        return declaration_.loadStatements() + line_.loadStatements() + review_.loadStatements() +
               payments_.loadStatements();
    }

  private:
    Line debit(int m, std::int32_t a) {
        const auto& al = l_.allocations[static_cast<std::size_t>(a)];
        const auto& k = kinds()[static_cast<std::size_t>(al.kind)];
        Line x;
        x.allocation = a;
        x.begin = monthStart(m);
        x.end = monthStart(m + 1);
        x.volume = k.per_month == 0 ? daysIn(m) : k.per_month;
        x.tariff = tariffOf(l_.providers[static_cast<std::size_t>(al.provider)], al.kind);
        x.amount = x.volume * x.tariff;
        const auto n = debits_++;
        const Fate f = fateOf(n);
        if (f == Fate::Rejected) {
            x.status = "rejected";
            x.code = rejectionCode(n);
            if (x.code == "0611") x.tariff += 100, x.amount = x.volume * x.tariff;
            if (x.code == "9346") x.amount += 1;
            if (x.code == "9307") x.begin = "2025-11-01", x.end = "2025-12-01";
        } else if (f == Fate::Review) {
            x.review = true;
            x.code = "9321";
            // Decided up to September (4 in 5 accepted); open in October (escalated) and
            // November (the declaration awaits the review).
            x.status = m <= 9 ? (reviewAccepted(n) ? "accepted" : "rejected") : "review";
        } else {
            x.credited = m <= 9 && creditedLater(n);
        }
        return x;
    }

    void writeLine(std::int64_t id, std::int64_t declaration, const Group& g, int m,
                   const Line& x) {
        const auto& al = l_.allocations[static_cast<std::size_t>(x.allocation)];
        const auto& k = kinds()[static_cast<std::size_t>(al.kind)];
        const auto& h = hashes_[static_cast<std::size_t>(al.client)];
        line_ << id << declaration << l_.providers[static_cast<std::size_t>(g.provider)].id
              << x.reference;
        x.previous.empty() ? line_.null() : line_ << x.previous;
        line_ << (x.credit ? 1 : 0) << allocationNumber(x.allocation) << h;
        if (x.status == "accepted" && !x.review) {
            line_.null();
        } else {
            line_ << security::encryptAesGcm(config_.bsn_key, bsnOf(al.client));
        }
        line_ << k.category << k.product << x.begin << x.end << x.volume << k.unit << x.tariff
              << x.amount << x.status << x.code << x.code << (x.credited ? 1 : 0)
              << l_.municipalities[static_cast<std::size_t>(g.paying)].code;
        if (!x.review) {
            for (int i = 0; i < 7; ++i) line_.null();
        } else {
            const auto w = weeksOf(m);
            const std::int64_t factor = std::string(k.unit) == "hours" ? 60 : 1;
            const auto limit = w.weeks * k.weekly * factor, claimed = x.volume * factor;
            line_ << "period" << k.unit << limit
                  << std::max<std::int64_t>(0,
                                            limit - claimed + std::max<std::int64_t>(1, limit / 20))
                  << claimed << w.first << w.last;
        }
        line_ << monthStart(m + 1).substr(0, 8) + "02";  // received_on: the 2nd, as the header
        line_.end();
    }

    void reviewItem(std::int64_t line, std::int64_t declaration, int m, const Line& x,
                    const std::string& due, const std::string& received, const Group& g) {
        review_ << line << declaration << x.code
                << "The volume is over the allocation's cap in this period, within the"
                   " tolerance of 10 %: held for review."
                << (x.status == "review" ? "open" : x.status) << due;
        if (x.status == "review") {
            review_.null().null().null();
            m == 10 ? review_ << due + " 06:00:00.000000" : review_.null();  // escalated
            ++counts_.open_reviews;
        } else {
            const auto decided = formatDate(addDays(parseDate(received.substr(0, 10)), 5));
            review_ << decided + " 14:00:00.000000"
                    << "bench.cm"
                    << (x.status == "accepted" ? "Akkoord: extra inzet na ziekenhuisopname."
                                               : "Niet akkoord: geen indicatie voor meer uren.");
            review_.null();
        }
        review_ << l_.municipalities[static_cast<std::size_t>(g.paying)].code
                << l_.providers[static_cast<std::size_t>(g.provider)].id;
        review_.end();
    }

    void declaration(int m, const Group& g, std::size_t gi) {
        const auto id = ++declarations_;
        const auto& p = l_.providers[static_cast<std::size_t>(g.provider)];
        const auto& mun = l_.municipalities[static_cast<std::size_t>(g.paying)];
        const std::string received = monthStart(m + 1).substr(0, 8) +
                                     "02 08:" + twoDigits(static_cast<int>(p.id % 60)) + ":" +
                                     twoDigits(static_cast<int>(gi % 60)) + ".000000";
        const std::string due = formatDate(addDays(parseDate(received.substr(0, 10)), 14));
        std::int64_t submitted = 0, awarded = 0, reviewed = 0;
        bool open_review = false;
        std::map<std::string, std::int64_t> by_category;
        std::vector<Line> next_credits;
        auto write = [&](Line& x) {
            const auto line_id = ++lines_;
            x.reference = "N" + std::to_string(line_id);
            writeLine(line_id, id, g, m, x);
            const auto& k = kinds()[static_cast<std::size_t>(
                l_.allocations[static_cast<std::size_t>(x.allocation)].kind)];
            const auto sign = x.credit ? -1 : 1;
            submitted += sign * x.amount;
            if (x.review) {
                reviewItem(line_id, id, m, x, due, received, g);
                if (x.status == "accepted")
                    reviewed += x.amount, reviewPayable(m, g, line_id, x, received);
                open_review = open_review || x.status == "review";
                ++counts_.review;
            } else if (x.status == "accepted") {
                awarded += sign * x.amount;
                by_category[k.category] += sign * x.amount;
                ++counts_.accepted;
            } else {
                ++counts_.rejected;
            }
            if (x.credit) ++counts_.credits;
            if (x.credited) next_credits.push_back(x);
        };
        for (auto& c : credits_[gi]) write(c);
        for (auto a : g.allocations) {
            Line x = debit(m, a);
            write(x);
        }
        for (auto& c : next_credits) {
            c.previous = c.reference;
            c.credit = true;
            c.credited = false;
        }
        credits_[gi] = std::move(next_credits);
        const bool awaiting = open_review && m == 11;
        declaration_ << id << p.id << "json"
                     << "D" + monthStart(m).substr(2, 2) + monthStart(m).substr(5, 2) + "-" +
                            mun.code
                     << monthStart(m) << monthStart(m + 1) << received << submitted
                     << awarded + reviewed << (awaiting ? "awaiting_review" : "answered") << "0200"
                     << due;
        awaiting ? declaration_.null() : declaration_ << received.substr(0, 17) + "30.000000";
        declaration_ << mun.code;
        declaration_.end();
        if (awarded == 0) return;
        PayableDraft d;
        d.municipality = g.paying;
        d.provider = g.provider;
        d.source_type = "declaration";
        d.source_id = id;
        d.amount = awarded;
        d.due = formatDate(addDays(parseDate(received.substr(0, 10)), 30));
        d.created_at = received.substr(0, 17) + "30.000000";
        d.created_by = "provider:" + p.agb;
        d.reference =
            "D" + monthStart(m).substr(2, 2) + monthStart(m).substr(5, 2) + "-" + mun.code;
        d.cost_year = m == 0 ? 2025 : 2026;
        d.by_category.assign(by_category.begin(), by_category.end());
        payments_.add(std::move(d));
    }

    void reviewPayable(int m, const Group& g, std::int64_t line_id, const Line& x,
                       const std::string& received) {
        const auto decided = addDays(parseDate(received.substr(0, 10)), 5);
        const auto& k = kinds()[static_cast<std::size_t>(
            l_.allocations[static_cast<std::size_t>(x.allocation)].kind)];
        PayableDraft d;
        d.municipality = g.paying;
        d.provider = g.provider;
        d.source_type = "review";
        d.source_id = line_id;
        d.amount = x.amount;
        d.due = formatDate(addDays(decided, 30));
        d.created_at = formatDate(decided) + " 14:00:00.000000";
        d.created_by = "bench.cm";
        d.reference = x.reference;
        d.cost_year = m == 0 ? 2025 : 2026;
        d.by_category = {{k.category, x.amount}};
        payments_.add(std::move(d));
    }

    const Layout& l_;
    const app::AppConfig& config_;
    ClaimCounts& counts_;
    Payments payments_;
    Tsv declaration_, line_, review_;
    std::vector<std::string> hashes_;
    std::vector<std::vector<Line>> credits_;  // per group: credits for the next month
    std::int64_t declarations_ = 0, lines_ = 0, debits_ = 0;
};

}  // namespace

std::string writeClaims(const Layout& l, const app::AppConfig& config, const BudgetIds& budgets,
                        const std::string& dir, ClaimCounts& counts) {
    ClaimWriter w(l, config, budgets, dir, counts);
    w.writeAll();
    return w.loadStatements();
}

}  // namespace zc::bench
