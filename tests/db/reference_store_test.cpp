// Reference data and contract use cases (interfaces/http/reference_api.hpp,
// interfaces/http/contracts_api.hpp) called directly, as the HTTP layer calls them, against a
// migrated scratch database.
#include <gtest/gtest.h>

#include <cstdio>

#include "contracting/kernel/errors.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc {
namespace {

using dbtest::actor;
using dbtest::array;
using dbtest::object;

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kValidIban = "NL91ABNA0417164300";
constexpr const char* kHoursProduct = "02A01";
constexpr const char* kSecondHoursProduct = "02A02";
constexpr const char* kBudgetProduct = "07A08";

// Body fields of an active contract with one tariff version of product 02A01.
std::string activeWithHoursTariff(std::int64_t cents, const std::string& valid_from) {
    return R"("status":"active","tariffs":[{"product_code":"02A01","tariff_cents":)" +
           std::to_string(cents) + R"(,"valid_from":")" + valid_from + R"("}])";
}

class ReferenceStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        admin_ = std::make_unique<app::RequestContext>(app::RequestContext{
            *conn_, actor(app::Role::Admin, "tester"), "test", clock_, config_});
        manager_ = std::make_unique<app::RequestContext>(app::RequestContext{
            *conn_, actor(app::Role::ContractManager, "manager"), "test", clock_, config_});
        http::createMunicipality(*admin_,
                                 dbtest::jsonRequest(R"({"code":"0363","name":"Amsterdam"})"));
        http::createMunicipality(*admin_,
                                 dbtest::jsonRequest(R"({"code":"0599","name":"Rotterdam"})"));
        createProduct(kHoursProduct, "02", "hours", "per_client");
        createProduct(kSecondHoursProduct, "02", "hours", "per_client");
        createProduct(kBudgetProduct, "07", "day_parts", "budget_financed");
    }

    void createProduct(const std::string& code, const std::string& category,
                       const std::string& unit, const std::string& kind) {
        http::createProduct(
            *admin_, dbtest::jsonRequest(R"({"code":")" + code + R"(","category":")" + category +
                                         R"(","name":"Product )" + code + R"(","unit":")" + unit +
                                         R"(","kind":")" + kind + R"("})"));
    }

    std::string providerBody(const std::string& agb, const std::string& name,
                             const std::string& iban = kValidIban) {
        return R"({"agb":")" + agb + R"(","kvk":"12345678","name":")" + name + R"(","iban":")" +
               iban + R"(","contact_email":"info@example.nl"})";
    }

    std::int64_t createProvider(const std::string& agb, const std::string& name = "Zorg BV") {
        const auto res =
            http::createProvider(*admin_, dbtest::jsonRequest(providerBody(agb, name)));
        return object(res)->getValue<std::int64_t>("id");
    }

    // A framework contract; `extra` is spliced into the body (status, tariffs).
    std::int64_t createContract(std::int64_t provider_id, const std::string& municipality,
                                const std::string& term_start, const std::string& term_end,
                                const std::string& products_json, const std::string& extra = "") {
        std::string body = R"({"provider_id":)" + std::to_string(provider_id) +
                           R"(,"municipality_code":")" + municipality + R"(","term_start":")" +
                           term_start + R"(","term_end":")" + term_end + R"(","products":)" +
                           products_json;
        if (!extra.empty()) body += "," + extra;
        body += "}";
        const auto res = http::createContract(*manager_, dbtest::jsonRequest(body));
        EXPECT_EQ(res.status, 201);
        return object(res)->getValue<std::int64_t>("id");
    }

    http::ApiResponse changeStatus(std::int64_t contract_id, const std::string& body) {
        return http::changeContractStatus(
            *manager_, dbtest::jsonRequest(body, {{"id", std::to_string(contract_id)}}));
    }

    http::ApiResponse tariffAt(const std::string& agb, const std::string& product,
                               const std::string& date, const std::string& municipality = "") {
        std::map<std::string, std::string> query{
            {"agb", agb}, {"product", product}, {"date", date}};
        if (!municipality.empty()) query["municipality"] = municipality;
        return http::tariffQuery(*manager_, dbtest::jsonRequest("{}", {}, query));
    }

    std::int64_t tariffCentsAt(const std::string& agb, const std::string& product,
                               const std::string& date, const std::string& municipality = "") {
        return object(tariffAt(agb, product, date, municipality))
            ->getValue<std::int64_t>("tariff_cents");
    }

    std::string contractStatus(std::int64_t id) {
        return conn_->queryOne("SELECT status FROM contracts WHERE id = ?", {id})->str(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> admin_;
    std::unique_ptr<app::RequestContext> manager_;
};

TEST_F(ReferenceStoreTest, CreatingAProviderWritesTheProviderAndOneAuditRow) {
    const auto providers_before = dbtest::countRows(*conn_, "providers");
    const auto audit_before = dbtest::countRows(*conn_, "audit_log");

    const auto res =
        http::createProvider(*admin_, dbtest::jsonRequest(providerBody("12345678", "Zorg BV")));

    EXPECT_EQ(res.status, 201);
    const auto id = object(res)->getValue<std::int64_t>("id");
    EXPECT_EQ(dbtest::countRows(*conn_, "providers"), providers_before + 1);
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), audit_before + 1);
    const auto row = conn_->queryOne("SELECT agb, iban FROM providers WHERE id = ?", {id});
    ASSERT_TRUE(row);
    EXPECT_EQ(row->str(0), "12345678");
    EXPECT_EQ(row->str(1), kValidIban);
    const auto audit = conn_->queryOne(
        "SELECT action, object_type, object_id, actor, result, after_json FROM audit_log"
        " ORDER BY seq DESC LIMIT 1");
    EXPECT_EQ(audit->str(0), "provider.create");
    EXPECT_EQ(audit->str(1), "provider");
    EXPECT_EQ(audit->str(2), std::to_string(id));
    EXPECT_EQ(audit->str(3), "tester");
    EXPECT_EQ(audit->str(4), "ok");
    EXPECT_NE(audit->str(5).find("12345678"), std::string::npos) << audit->str(5);
    EXPECT_TRUE(security::verifyAudit(*conn_, "").ok);
}

TEST_F(ReferenceStoreTest, ProviderIsNotWrittenWhenItsAuditRowCannotBeWritten) {
    // Make the audit insert fail for providers only: provider and audit row share one
    // transaction, so the provider must not remain.
    conn_->execute(
        "ALTER TABLE audit_log ADD CONSTRAINT ck_test_no_provider CHECK (object_type <> "
        "'provider')");
    const auto providers_before = dbtest::countRows(*conn_, "providers");

    try {
        http::createProvider(*admin_, dbtest::jsonRequest(providerBody("12345678", "Zorg BV")));
        FAIL() << "the provider was created although its audit row was refused";
    } catch (const db::DbError& e) {
        EXPECT_NE(std::string(e.what()).find("ck_test_no_provider"), std::string::npos) << e.what();
    }

    EXPECT_EQ(dbtest::countRows(*conn_, "providers"), providers_before);
    EXPECT_FALSE(conn_->queryOne("SELECT id FROM providers WHERE agb = '12345678'"));
}

TEST_F(ReferenceStoreTest, DuplicateAgbIsRefusedAndWritesNothing) {
    createProvider("12345678", "First BV");
    const auto providers_before = dbtest::countRows(*conn_, "providers");
    const auto audit_before = dbtest::countRows(*conn_, "audit_log");

    EXPECT_EQ(dbtest::errorCode([&] {
                  http::createProvider(*admin_,
                                       dbtest::jsonRequest(providerBody("12345678", "Second BV")));
              }),
              "DUPLICATE_AGB");

    EXPECT_EQ(dbtest::countRows(*conn_, "providers"), providers_before);
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), audit_before);
}

TEST_F(ReferenceStoreTest, InvalidIbanIsRefusedAndWritesNothing) {
    const auto providers_before = dbtest::countRows(*conn_, "providers");
    const auto audit_before = dbtest::countRows(*conn_, "audit_log");

    EXPECT_EQ(dbtest::errorCode([&] {
                  http::createProvider(*admin_, dbtest::jsonRequest(providerBody(
                                                    "12345678", "Zorg BV", "NL91ABNA0417164301")));
              }),
              "INVALID_IBAN");

    EXPECT_EQ(dbtest::countRows(*conn_, "providers"), providers_before);
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), audit_before);
}

TEST_F(ReferenceStoreTest, TariffQueryFindsTheVersionInForceOnTheDate) {
    const auto provider = createProvider("11111111");
    const auto contract = createContract(
        provider, "0363", "2025-01-01", "2027-01-01", R"(["02A01"])",
        R"("status":"active","tariffs":[)"
        R"({"product_code":"02A01","tariff_cents":5461,"valid_from":"2025-03-01"},)"
        R"({"product_code":"02A01","tariff_cents":5700,"valid_from":"2026-01-01"}])");

    const auto mid_2025 = object(tariffAt("11111111", kHoursProduct, "2025-06-15"));
    EXPECT_EQ(mid_2025->getValue<std::int64_t>("tariff_cents"), 5461);
    EXPECT_EQ(mid_2025->getValue<std::int64_t>("contract_id"), contract);
    EXPECT_EQ(tariffCentsAt("11111111", kHoursProduct, "2025-03-01"), 5461);
    EXPECT_EQ(tariffCentsAt("11111111", kHoursProduct, "2025-12-31"), 5461);
    EXPECT_EQ(tariffCentsAt("11111111", kHoursProduct, "2026-01-01"), 5700);
    EXPECT_EQ(tariffCentsAt("11111111", kHoursProduct, "2026-12-31"), 5700);
}

TEST_F(ReferenceStoreTest, TariffQueryWithoutTariffOnTheDateAnswersNoTariff) {
    const auto provider = createProvider("11111111");
    createContract(provider, "0363", "2025-01-01", "2027-01-01", R"(["02A01"])",
                   activeWithHoursTariff(5461, "2025-03-01"));

    // Inside the contract term, before its first tariff.
    EXPECT_EQ(dbtest::errorCode([&] { tariffAt("11111111", kHoursProduct, "2025-02-01"); }),
              "NO_TARIFF");
    // Outside the term there is no contract at all.
    EXPECT_EQ(dbtest::errorCode([&] { tariffAt("11111111", kHoursProduct, "2027-01-01"); }),
              "NO_CONTRACT");
}

TEST_F(ReferenceStoreTest, TariffQueryNeedsMunicipalityWhenTwoContractsMatch) {
    const auto provider = createProvider("11111111");
    const std::string tariffs_5461 = activeWithHoursTariff(5461, "2025-01-01");
    const std::string tariffs_6000 = activeWithHoursTariff(6000, "2025-01-01");
    const auto amsterdam =
        createContract(provider, "0363", "2025-01-01", "2027-01-01", R"(["02A01"])", tariffs_5461);
    const auto rotterdam =
        createContract(provider, "0599", "2025-01-01", "2027-01-01", R"(["02A01"])", tariffs_6000);

    EXPECT_EQ(dbtest::errorCode([&] { tariffAt("11111111", kHoursProduct, "2025-06-01"); }),
              "AMBIGUOUS_CONTRACT");

    const auto in_rotterdam = object(tariffAt("11111111", kHoursProduct, "2025-06-01", "0599"));
    EXPECT_EQ(in_rotterdam->getValue<std::int64_t>("tariff_cents"), 6000);
    EXPECT_EQ(in_rotterdam->getValue<std::int64_t>("contract_id"), rotterdam);
    const auto in_amsterdam = object(tariffAt("11111111", kHoursProduct, "2025-06-01", "0363"));
    EXPECT_EQ(in_amsterdam->getValue<std::int64_t>("tariff_cents"), 5461);
    EXPECT_EQ(in_amsterdam->getValue<std::int64_t>("contract_id"), amsterdam);
}

TEST_F(ReferenceStoreTest, IndexationAddsHalfUpRoundedVersionsAndLeavesOldOnesUnchanged) {
    const auto provider = createProvider("11111111");
    const auto contract = createContract(
        provider, "0363", "2025-01-01", "2027-01-01", R"(["02A01","02A02"])",
        R"("status":"active","tariffs":[)"
        R"({"product_code":"02A01","tariff_cents":5461,"valid_from":"2025-01-01"},)"
        R"({"product_code":"02A02","tariff_cents":5460,"valid_from":"2025-01-01"}])");
    const std::string kSnapshot =
        "SELECT id, product_code, unit, tariff_cents, valid_from, valid_to, reason, created_at"
        " FROM tariffs WHERE contract_id = ? ORDER BY product_code, valid_from";
    const auto before = conn_->query(kSnapshot, {contract});
    ASSERT_EQ(before.size(), 2u);

    const auto res = http::indexContract(
        *manager_, dbtest::jsonRequest(R"({"percentage":"2.5","from":"2025-07-01"})",
                                       {{"id", std::to_string(contract)}}));

    EXPECT_EQ(res.status, 201);
    EXPECT_EQ(object(res)->getValue<int>("new_versions"), 2);
    const auto after = conn_->query(kSnapshot, {contract});
    ASSERT_EQ(after.size(), 4u);
    // Old versions are never edited: every column, including valid_to, is as it was.
    for (std::size_t c = 0; c < 8; ++c) {
        EXPECT_EQ(after[0].opt(c), before[0].opt(c)) << "column " << c;
        EXPECT_EQ(after[2].opt(c), before[1].opt(c)) << "column " << c;
    }
    // 5461 * 1.025 = 5597.525 -> 5598; 5460 * 1.025 = 5596.5 -> 5597 (half-up, not half-even).
    EXPECT_EQ(after[1].str(1), kHoursProduct);
    EXPECT_EQ(after[1].i64(3), 5598);
    EXPECT_EQ(after[1].str(4), "2025-07-01");
    EXPECT_NE(after[1].str(6).find("2.5"), std::string::npos) << after[1].str(6);
    EXPECT_EQ(after[3].str(1), kSecondHoursProduct);
    EXPECT_EQ(after[3].i64(3), 5597);

    EXPECT_EQ(tariffCentsAt("11111111", kHoursProduct, "2025-06-30"), 5461);
    EXPECT_EQ(tariffCentsAt("11111111", kHoursProduct, "2025-07-01"), 5598);
    EXPECT_EQ(tariffCentsAt("11111111", kSecondHoursProduct, "2025-07-01"), 5597);
    EXPECT_TRUE(security::verifyAudit(*conn_, "").ok);
}

TEST_F(ReferenceStoreTest, IndexationWithoutTariffInForceAnswersNoTariffAndWritesNothing) {
    const auto provider = createProvider("11111111");
    const auto contract = createContract(provider, "0363", "2025-01-01", "2027-01-01",
                                         R"(["02A01"])", activeWithHoursTariff(5461, "2025-03-01"));
    const auto tariffs_before = dbtest::countRows(*conn_, "tariffs");
    const auto audit_before = dbtest::countRows(*conn_, "audit_log");

    EXPECT_EQ(dbtest::errorCode([&] {
                  http::indexContract(
                      *manager_, dbtest::jsonRequest(R"({"percentage":"2.5","from":"2025-02-01"})",
                                                     {{"id", std::to_string(contract)}}));
              }),
              "NO_TARIFF_TO_INDEX");

    EXPECT_EQ(dbtest::countRows(*conn_, "tariffs"), tariffs_before);
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), audit_before);
}

TEST_F(ReferenceStoreTest, ContractStatusDraftToActiveIsAllowedButNotBack) {
    const auto provider = createProvider("11111111");
    const auto contract =
        createContract(provider, "0363", "2025-01-01", "2027-01-01", R"(["02A01"])");
    ASSERT_EQ(contractStatus(contract), "draft");
    const auto audit_before = dbtest::countRows(*conn_, "audit_log");

    const auto res = changeStatus(contract, R"({"status":"active"})");

    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(object(res)->getValue<std::string>("status"), "active");
    EXPECT_EQ(contractStatus(contract), "active");
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), audit_before + 1);
    const auto change = conn_->queryOne(
        "SELECT from_status, to_status, changed_by FROM contract_status_changes"
        " WHERE contract_id = ? ORDER BY id DESC LIMIT 1",
        {contract});
    EXPECT_EQ(change->str(0), "draft");
    EXPECT_EQ(change->str(1), "active");
    EXPECT_EQ(change->str(2), "manager");
    const auto changes_before = dbtest::countRows(*conn_, "contract_status_changes");

    EXPECT_EQ(dbtest::errorCode([&] { changeStatus(contract, R"({"status":"draft"})"); }),
              "ILLEGAL_STATUS_CHANGE");

    EXPECT_EQ(contractStatus(contract), "active");
    EXPECT_EQ(dbtest::countRows(*conn_, "contract_status_changes"), changes_before);
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), audit_before + 1);
}

TEST_F(ReferenceStoreTest, BudgetContractAdvancesAddUpToEachYearsBudget) {
    const auto lead = createProvider("30000001", "Lead BV");
    const auto member = createProvider("30000002", "Member BV");
    const std::string body =
        R"({"lead_provider_id":)" + std::to_string(lead) + R"(,"member_provider_ids":[)" +
        std::to_string(member) +
        R"(],"municipality_code":"0363","term_start":"2025-03-01",)"
        R"("term_end":"2027-01-01","products":["07A08"],)"
        R"("budgets":[{"year":2025,"budget_cents":1000001},{"year":2026,"budget_cents":1200005}]})";

    const auto res = http::createBudgetContract(*manager_, dbtest::jsonRequest(body));

    EXPECT_EQ(res.status, 201);
    const auto id = object(res)->getValue<std::int64_t>("id");
    const auto years = conn_->query(
        "SELECT year, COUNT(*), SUM(amount_cents), MIN(month), MAX(month) FROM advances"
        " WHERE contract_id = ? GROUP BY year ORDER BY year",
        {id});
    ASSERT_EQ(years.size(), 2u);
    EXPECT_EQ(years[0].i64(0), 2025);
    EXPECT_EQ(years[0].i64(1), 10);  // March to December
    EXPECT_EQ(years[0].i64(2), 1000001);
    EXPECT_EQ(years[0].i64(3), 3);
    EXPECT_EQ(years[0].i64(4), 12);
    EXPECT_EQ(years[1].i64(0), 2026);
    EXPECT_EQ(years[1].i64(1), 12);
    EXPECT_EQ(years[1].i64(2), 1200005);

    // Whole cents: budget / n rounded down, the remainder one cent each to the first months.
    const auto advances = conn_->query(
        "SELECT year, month, due_date, amount_cents FROM advances WHERE contract_id = ?"
        " ORDER BY year, month",
        {id});
    ASSERT_EQ(advances.size(), 22u);
    for (const auto& a : advances) {
        const auto year = a.i64(0);
        const auto month = a.i64(1);
        char due[11];
        std::snprintf(due, sizeof due, "%04lld-%02lld-01", static_cast<long long>(year),
                      static_cast<long long>(month));
        EXPECT_EQ(a.str(2), due);
        const std::int64_t expected =
            year == 2025 ? (month == 3 ? 100001 : 100000) : (month <= 5 ? 100001 : 100000);
        EXPECT_EQ(a.i64(3), expected) << year << "-" << month;
    }
    const auto coalition = conn_->query(
        "SELECT provider_id, role FROM coalition_members WHERE contract_id = ? ORDER BY role",
        {id});
    ASSERT_EQ(coalition.size(), 2u);
    EXPECT_EQ(coalition[0].i64(0), lead);
    EXPECT_EQ(coalition[0].str(1), "lead");
    EXPECT_EQ(coalition[1].i64(0), member);
    EXPECT_EQ(coalition[1].str(1), "member");
}

TEST_F(ReferenceStoreTest, BudgetOutsideTheTermIsRefusedAndWritesNothing) {
    const auto lead = createProvider("30000001", "Lead BV");
    const auto contracts_before = dbtest::countRows(*conn_, "contracts");
    const std::string body =
        R"({"lead_provider_id":)" + std::to_string(lead) +
        R"(,"municipality_code":"0363","term_start":"2025-03-01","term_end":"2027-01-01",)"
        R"("products":["07A08"],"budgets":[{"year":2025,"budget_cents":1000},)"
        R"({"year":2030,"budget_cents":1000}]})";

    EXPECT_EQ(dbtest::errorCode(
                  [&] { http::createBudgetContract(*manager_, dbtest::jsonRequest(body)); }),
              "BUDGET_OUTSIDE_TERM");

    EXPECT_EQ(dbtest::countRows(*conn_, "contracts"), contracts_before);
    EXPECT_EQ(dbtest::countRows(*conn_, "advances"), 0);
    EXPECT_EQ(dbtest::countRows(*conn_, "coalition_members"), 0);
}

TEST_F(ReferenceStoreTest, EligibleProvidersListsOnlyActiveContractsCoveringTheDate) {
    const std::string active = R"("status":"active")";
    const auto alpha = createProvider("20000001", "Alpha Zorg");
    const auto alpha_contract =
        createContract(alpha, "0363", "2025-01-01", "2026-01-01", R"(["02A01"])", active);
    const auto beta = createProvider("20000002", "Beta Zorg");  // draft contract
    createContract(beta, "0363", "2025-01-01", "2026-01-01", R"(["02A01"])");
    const auto gamma = createProvider("20000003", "Gamma Zorg");  // term ends on the date
    createContract(gamma, "0363", "2024-01-01", "2025-06-01", R"(["02A01"])", active);
    const auto delta = createProvider("20000004", "Delta Zorg");  // another product
    createContract(delta, "0363", "2025-01-01", "2026-01-01", R"(["07A08"])", active);
    const auto epsilon = createProvider("20000005", "Epsilon Zorg");  // suspended
    const auto epsilon_contract =
        createContract(epsilon, "0363", "2025-01-01", "2026-01-01", R"(["02A01"])", active);
    changeStatus(epsilon_contract, R"({"status":"suspended","reason":"quality audit"})");
    const auto foxtrot = createProvider("20000006", "Foxtrot Zorg");  // term starts on the date
    const auto foxtrot_contract =
        createContract(foxtrot, "0599", "2025-06-01", "2026-06-01", R"(["02A01"])", active);
    const auto golf = createProvider("20000007", "Golf Zorg");  // term starts after the date
    createContract(golf, "0363", "2025-06-02", "2026-06-01", R"(["02A01"])", active);

    const auto all = array(http::eligibleProviders(
        *manager_, dbtest::jsonRequest("{}", {}, {{"product", "02A01"}, {"date", "2025-06-01"}})));

    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ(all->getObject(0)->getValue<std::int64_t>("provider_id"), alpha);
    EXPECT_EQ(all->getObject(0)->getValue<std::int64_t>("contract_id"), alpha_contract);
    EXPECT_EQ(all->getObject(1)->getValue<std::int64_t>("provider_id"), foxtrot);
    EXPECT_EQ(all->getObject(1)->getValue<std::int64_t>("contract_id"), foxtrot_contract);
    for (auto excluded : {beta, gamma, delta, epsilon, golf}) {
        for (std::size_t i = 0; i < all->size(); ++i) {
            EXPECT_NE(all->getObject(i)->getValue<std::int64_t>("provider_id"), excluded);
        }
    }

    const auto amsterdam = array(http::eligibleProviders(
        *manager_,
        dbtest::jsonRequest(
            "{}", {}, {{"product", "02A01"}, {"date", "2025-06-01"}, {"municipality", "0363"}})));
    ASSERT_EQ(amsterdam->size(), 1u);
    EXPECT_EQ(amsterdam->getObject(0)->getValue<std::int64_t>("provider_id"), alpha);
}

}  // namespace
}  // namespace zc
