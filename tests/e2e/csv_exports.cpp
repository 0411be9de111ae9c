#include "csv_exports.hpp"

#include <gtest/gtest.h>

#include <set>

#include "contracting/kernel/civil_date.hpp"
#include "session.hpp"

namespace zc::e2e {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

const std::string kBom = "\xEF\xBB\xBF";

// RFC 4180 with `;`: quoted cells may hold ; " CR and LF; rows end with CRLF.
std::vector<std::vector<std::string>> parseRows(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        auto& cell = rows.back().back();
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ';') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.emplace_back(1);
            ++i;
        } else {
            EXPECT_NE(c, '\n') << "a bare LF outside quotes";
            cell += c;
        }
    }
    EXPECT_TRUE(rows.back().size() == 1 && rows.back()[0].empty()) << "the file ends with CRLF";
    rows.pop_back();
    return rows;
}

// Distinct ISO weeks (by their Monday) touched by [begin, end).
int isoWeeksTouched(Date begin, Date end) {
    using namespace std::chrono;
    std::set<int> mondays;
    for (sys_days d{begin}; d < sys_days{end}; d += days{1}) {
        const int from_monday = static_cast<int>((weekday{d}.c_encoding() + 6) % 7);
        mondays.insert(static_cast<int>((d - days{from_monday}).time_since_epoch().count()));
    }
    return static_cast<int>(mondays.size());
}

}  // namespace

std::string CsvFile::cell(const std::vector<std::string>& row, const std::string& column) const {
    for (std::size_t i = 0; i < header.size() && i < row.size(); ++i) {
        if (header[i] == column) return row[i];
    }
    ADD_FAILURE() << "no column " << column;
    return "";
}

const std::vector<std::string>* CsvFile::rowWith(const std::string& column,
                                                 const std::string& value) const {
    for (const auto& row : rows) {
        if (cell(row, column) == value) return &row;
    }
    return nullptr;
}

CsvFile expectCsv(const Response& r, const std::string& filename) {
    CsvFile f;
    EXPECT_EQ(r.status, 200) << r.describe();
    EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"" + filename + "\"");
    if (r.text.compare(0, kBom.size(), kBom) != 0) {
        ADD_FAILURE() << "no byte order mark: " << r.text.substr(0, 40);
        return f;
    }
    auto rows = parseRows(r.text.substr(kBom.size()));
    if (rows.empty()) {
        ADD_FAILURE() << "no header row";
        return f;
    }
    f.header = rows.front();
    for (std::size_t i = 1; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].size(), f.header.size()) << "row " << i;
        f.rows.push_back(std::move(rows[i]));
    }
    return f;
}

std::string dutchEuros(std::int64_t cents) {
    const std::int64_t magnitude = cents < 0 ? -cents : cents;
    const std::string rest = std::to_string(magnitude % 100);
    return (cents < 0 ? "-" : "") + std::to_string(magnitude / 100) + "," +
           (rest.size() == 1 ? "0" : "") + rest;
}

std::string dutchDate(const std::string& iso) {
    return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

namespace {

// 9 digits starting with 7 that pass the elfproef.
std::string freshBsn() {
    for (;;) {
        std::string digits = "7" + uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        if (sum % 11 == 10) continue;
        return digits + std::to_string(sum % 11);
    }
}

// A client with a decision of 4 hours IB a week from `from` and an allocation to `provider`;
// the allocation's number, 0 when the provider cannot take it.
std::int64_t allocateTo(std::int64_t provider, const std::string& bsn, Date from) {
    const auto ao = as("ao.bakker");
    const Response c = client().post("/api/v1/clients",
                                     jsonObject({{"bsn", bsn},
                                                 {"surname", "Exporttest"},
                                                 {"initials", "E."},
                                                 {"birth_date", "1956-04-01"},
                                                 {"gender", "2"},
                                                 {"house_number", "7"},
                                                 {"postcode", "8011AB"},
                                                 {"municipality_code", "0193"}}),
                                     ao);
    EXPECT_EQ(c.status, 201) << c.describe();
    const auto product = jsonObject({{"product_code", "02A01"},
                                     {"volume", 4},
                                     {"unit", "hours"},
                                     {"frequency", "week"},
                                     {"financing", "ZIN"}});
    const Response d =
        client().post("/api/v1/clients/" + std::to_string(c.num("id")) + "/decisions",
                      jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                                  {"decision_date", formatDate(from)},
                                  {"valid_from", formatDate(from)},
                                  {"valid_to", formatDate(addDays(parseDate(todayText()), 120))},
                                  {"products", jsonArray({product})}}),
                      ao);
    EXPECT_EQ(d.status, 201) << d.describe();
    const auto granted = d.object()->getArray("products")->getObject(0)->get("id");
    const Response a = client().post("/api/v1/allocations",
                                     jsonObject({{"granted_product_id", granted},
                                                 {"provider_id", provider},
                                                 {"start_date", formatDate(from)}}),
                                     ao);
    return a.status == 201 ? a.num("number") : 0;
}

}  // namespace

ReviewLine declareForReview() { return declareOverWeeklyCap(1, "awaiting_review"); }

ReviewLine declareOverWeeklyCap(std::int64_t extra_hours, const std::string& status) {
    const Date today = parseDate(todayText());
    const Date end = Date{today.year(), today.month(), std::chrono::day{1}};
    const Date begin = addMonths(end, -1);
    const auto cm = as("cm.jansen");
    const Response eligible = client().get(
        "/api/v1/queries/eligible-providers?product=02A01&limit=1000&municipality=0193&date=" +
            formatDate(begin),
        cm);
    EXPECT_EQ(eligible.status, 200) << eligible.describe();
    for (std::size_t i = 0; i < eligible.array()->size(); ++i) {
        const auto p = eligible.array()->getObject(static_cast<unsigned>(i));
        ReviewLine line;
        line.provider_id = p->getValue<std::int64_t>("provider_id");
        line.agb = p->getValue<std::string>("agb");
        const std::string bsn = freshBsn();
        const std::int64_t allocation = allocateTo(line.provider_id, bsn, begin);
        const Response tariff =
            client().get("/api/v1/queries/tariff?product=02A01&municipality=0193&agb=" + line.agb +
                             "&date=" + formatDate(begin),
                         cm);
        if (allocation == 0 || tariff.status != 200) continue;
        const std::int64_t volume = 4 * isoWeeksTouched(begin, end) + extra_hours;
        line.volume = volume;
        line.amount_cents = volume * tariff.num("tariff_cents");
        line.reference = "EX" + uniqueDigits(10);
        line.number = "EX" + uniqueDigits(10);
        const auto claim = jsonObject({{"reference", line.reference},
                                       {"allocation_number", allocation},
                                       {"bsn", bsn},
                                       {"category", "02"},
                                       {"product_code", "02A01"},
                                       {"period_start", formatDate(begin)},
                                       {"period_end", formatDate(end)},
                                       {"volume", volume},
                                       {"unit", "hours"},
                                       {"tariff_cents", tariff.num("tariff_cents")},
                                       {"amount_cents", line.amount_cents}});
        const Response answer =
            client().post("/api/v1/declarations",
                          jsonObject({{"number", line.number},
                                      {"period_start", formatDate(begin)},
                                      {"period_end", formatDate(end)},
                                      {"total_submitted_cents", line.amount_cents},
                                      {"lines", jsonArray({claim})}}),
                          asProvider(line.provider_id));
        if (answer.status != 201 || answer.str("status") != status) continue;
        line.declaration_id = answer.num("declaration_id");
        return line;
    }
    ADD_FAILURE() << "no provider could declare a line over its cap with answer " << status;
    return {};
}

Poco::JSON::Object::Ptr newestExportAudit(const std::string& object_id) {
    const test::Response r = client().get(
        "/api/v1/audit?action=export.csv&object_type=export&limit=1&object_id=" + object_id,
        as("aud.smit"));
    EXPECT_EQ(r.status, 200) << r.describe();
    if (r.array()->size() == 0) return nullptr;
    return r.array()->getObject(0);
}

}  // namespace zc::e2e
