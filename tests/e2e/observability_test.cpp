// Operations (issue 15): X-Request-Id on every answer and in every JSON error body, the JSON
// log lines (one per request, one per error; route patterns, never a BSN), GET /metrics in the
// Prometheus text format, and no web-page fallback under /api/ or for /metrics-like paths.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "region_seed.hpp"
#include "session.hpp"

namespace zc::e2e {
namespace {

using test::Response;

const std::regex kGeneratedId("^[0-9a-f]{32}$");

std::string readAll(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The answer carries an X-Request-Id; a JSON error body carries the same one.
void expectRequestId(const Response& r, const std::string& what) {
    const std::string id = r.header("X-Request-Id");
    EXPECT_TRUE(std::regex_match(id, kGeneratedId)) << what << ": X-Request-Id '" << id << "'";
    if (r.status >= 400 && r.isObject()) {
        EXPECT_EQ(r.str("request_id"), id) << what << ": " << r.describe();
    }
}

TEST(Operations, EveryAnswerCarriesARequestIdAndErrorBodiesTheSameOne) {
    std::set<std::string> ids;
    const std::vector<std::pair<std::string, int>> gets = {
        {"/health", 200},           {"/", 200},
        {"/js/app.js", 200},        {"/missing-file.png", 404},
        {"/api/v1/auth/me", 401},   {"/api/v1/nothing-here", 404},
        {"/api/v1/clients/x", 401}, {"/metrics", 200}};
    for (const auto& [path, status] : gets) {
        const Response r = client().get(path);
        EXPECT_EQ(r.status, status) << path << ": " << r.describe();
        expectRequestId(r, path);
        ids.insert(r.header("X-Request-Id"));
    }
    const Response bad_json =
        client().request("POST", "/api/v1/auth/login", std::string("{not json"),
                         {{"Content-Type", "application/json"}});
    EXPECT_EQ(bad_json.status, 400) << bad_json.describe();
    expectRequestId(bad_json, "malformed JSON");
    ids.insert(bad_json.header("X-Request-Id"));
    const Response forbidden = client().get("/api/v1/payment-runs", as("cm.jansen"));
    EXPECT_EQ(forbidden.status, 403) << forbidden.describe();
    expectRequestId(forbidden, "403");
    ids.insert(forbidden.header("X-Request-Id"));
    EXPECT_EQ(ids.size(), gets.size() + 2) << "request ids repeat";
}

TEST(Operations, AWellFormedIncomingRequestIdIsKeptOthersAreReplaced) {
    const std::string mine = "client-" + uniqueDigits(10) + ".run_A";
    const Response kept = client().get("/api/v1/nothing-here", {{"X-Request-Id", mine}});
    EXPECT_EQ(kept.header("X-Request-Id"), mine);
    EXPECT_EQ(kept.str("request_id"), mine);
    for (const std::string& bad : {std::string("has space"), std::string("semi;colon"),
                                   std::string(65, 'a'), std::string("<script>")}) {
        const Response r = client().get("/health", {{"X-Request-Id", bad}});
        EXPECT_TRUE(std::regex_match(r.header("X-Request-Id"), kGeneratedId))
            << "'" << bad << "' was kept as " << r.header("X-Request-Id");
    }
}

TEST(Operations, UnknownApiPathsAndMetricsLookalikesAre404WithoutTheWebPage) {
    for (const std::string path :
         {"/api", "/api/", "/api/nothing", "/api/v1/nothing/else", "/api/v2/contracts",
          "/api/v1/contracts/1/nothing", "/metrics/", "/metrics.txt", "/metricsx", "/metrics/extra",
          "/prometheus", "/prometheus/metrics"}) {
        const Response r = client().get(path);
        EXPECT_EQ(r.status, 404) << path << ": " << r.describe();
        EXPECT_EQ(r.header("Content-Type").find("text/html"), std::string::npos) << path;
        EXPECT_EQ(r.text.find("<html"), std::string::npos) << path;
        EXPECT_EQ(r.code(), "NOT_FOUND") << path << ": " << r.describe();
    }
    // A screen's address outside those still gets the page.
    EXPECT_NE(client().get("/reviews").header("Content-Type").find("text/html"), std::string::npos);
}

// One parsed sample line of the exposition format.
struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    std::string value;
};

const std::regex kSampleLine(
    R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|\+Inf|-Inf|NaN)$)");
const std::regex kLabel(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)")re");

struct Exposition {
    std::vector<Sample> samples;
    std::map<std::string, std::string> types;  // family -> type
    std::set<std::string> helps;
};

std::string familyOf(const std::string& name, const std::map<std::string, std::string>& types) {
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        const std::string s(suffix);
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
            const std::string base = name.substr(0, name.size() - s.size());
            auto it = types.find(base);
            if (it != types.end() && it->second == "histogram") return base;
        }
    }
    return name;
}

// Parses the text; every line must be a HELP/TYPE comment or a well-formed sample of a family
// whose HELP and TYPE came before it.
Exposition parseExposition(const std::string& text) {
    Exposition e;
    std::istringstream in(text);
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        if (line.rfind("# HELP ", 0) == 0) {
            std::istringstream parts(line.substr(7));
            std::string name;
            parts >> name;
            e.helps.insert(name);
            continue;
        }
        if (line.rfind("# TYPE ", 0) == 0) {
            std::istringstream parts(line.substr(7));
            std::string name, type;
            parts >> name >> type;
            EXPECT_TRUE(type == "counter" || type == "gauge" || type == "histogram") << line;
            EXPECT_EQ(e.types.count(name), 0u) << "TYPE twice: " << line;
            e.types[name] = type;
            continue;
        }
        std::smatch m;
        if (!std::regex_match(line, m, kSampleLine)) {
            ADD_FAILURE() << "line " << n << " is no sample: '" << line << "'";
            continue;
        }
        Sample s{m[1], {}, m[4]};
        const std::string labels = m[3];
        for (auto it = std::sregex_iterator(labels.begin(), labels.end(), kLabel);
             it != std::sregex_iterator(); ++it) {
            s.labels[(*it)[1]] = (*it)[2];
        }
        const std::string family = familyOf(s.name, e.types);
        EXPECT_TRUE(e.types.count(family) && e.helps.count(family))
            << "no HELP/TYPE before " << line;
        e.samples.push_back(std::move(s));
    }
    return e;
}

Exposition scrape() {
    const Response r = client().get("/metrics");
    EXPECT_EQ(r.status, 200) << r.describe();
    EXPECT_NE(r.header("Content-Type").find("version=0.0.4"), std::string::npos)
        << r.header("Content-Type");
    return parseExposition(r.text);
}

double valueOf(const Exposition& e, const std::string& name,
               const std::map<std::string, std::string>& labels) {
    for (const auto& s : e.samples) {
        if (s.name == name && s.labels == labels) return std::stod(s.value);
    }
    return 0;
}

TEST(Operations, MetricsAreWellFormedAndCountRequests) {
    const std::map<std::string, std::string> health = {
        {"route", "/health"}, {"method", "GET"}, {"status", "200"}};
    const auto before = scrape();
    for (int i = 0; i < 3; ++i) ASSERT_EQ(client().get("/health").status, 200);
    const Response contract = client().get("/api/v1/contracts/1", as("cm.jansen"));
    const auto after = scrape();
    EXPECT_GE(valueOf(after, "zc_http_requests_total", health),
              valueOf(before, "zc_http_requests_total", health) + 3);
    // The route pattern is the label, never the path.
    EXPECT_GE(valueOf(after, "zc_http_requests_total",
                      {{"route", "/api/v1/contracts/{id}"},
                       {"method", "GET"},
                       {"status", std::to_string(contract.status)}}),
              1);
    const std::regex raw_id("/[0-9]+(/|$)");
    for (const auto& s : after.samples) {
        if (!s.labels.count("route")) continue;
        EXPECT_FALSE(std::regex_search(s.labels.at("route"), raw_id)) << s.labels.at("route");
    }
    for (const std::string family :
         {"zc_http_requests_total", "zc_http_request_duration_seconds",
          "zc_db_pool_connections_in_use", "zc_db_pool_connections_open", "zc_db_pool_size",
          "zc_iwmo_messages_total", "zc_declarations_processed_total",
          "zc_declaration_lines_processed_total", "zc_outbox_backlog", "zc_overdue_deadlines",
          "zc_metrics_database_up"}) {
        EXPECT_TRUE(after.types.count(family)) << family << " missing";
    }
    EXPECT_EQ(valueOf(after, "zc_metrics_database_up", {}), 1);
    EXPECT_GE(valueOf(after, "zc_db_pool_size", {}), 1);
    EXPECT_GE(valueOf(after, "zc_db_pool_connections_open", {}), 1);
    EXPECT_EQ(after.types.at("zc_outbox_backlog"), "gauge");
    EXPECT_EQ(after.types.at("zc_http_requests_total"), "counter");
}

TEST(Operations, LatencyHistogramBucketsAreCumulativeAndInfEqualsCount) {
    ASSERT_EQ(client().get("/health").status, 200);
    const auto e = scrape();
    std::map<std::string, std::vector<std::pair<double, double>>> buckets;  // route -> (le, n)
    for (const auto& s : e.samples) {
        if (s.name != "zc_http_request_duration_seconds_bucket") continue;
        const std::string le = s.labels.at("le");
        buckets[s.labels.at("route")].emplace_back(le == "+Inf" ? 1e300 : std::stod(le),
                                                   std::stod(s.value));
    }
    ASSERT_TRUE(buckets.count("/health"));
    for (const auto& [route, list] : buckets) {
        for (std::size_t i = 1; i < list.size(); ++i) {
            EXPECT_LT(list[i - 1].first, list[i].first) << route;
            EXPECT_LE(list[i - 1].second, list[i].second) << route << " decreasing";
        }
        EXPECT_EQ(list.back().first, 1e300) << route << ": the last bucket is not +Inf";
        EXPECT_EQ(list.back().second,
                  valueOf(e, "zc_http_request_duration_seconds_count", {{"route", route}}))
            << route;
    }
}

// The JSON log lines (log.file = requests.log in the fixture) of the request with `id`, waiting
// up to 10 s for them (a line is written once the answer went out).
std::vector<Poco::JSON::Object::Ptr> logLinesOf(const std::string& id, std::size_t at_least) {
    std::vector<Poco::JSON::Object::Ptr> lines;
    for (int attempt = 0; attempt < 100; ++attempt) {
        lines.clear();
        std::istringstream in(readAll(test::testEnvDir() + "/requests.log"));
        for (std::string line; std::getline(in, line);) {
            if (line.find(id) == std::string::npos) continue;
            lines.push_back(Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>());
        }
        if (lines.size() >= at_least) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return lines;
}

TEST(Operations, LogHoldsOneJsonLinePerRequestAndPerErrorWithoutTheBsn) {
    const std::string bsn = elfproefBsn('8');
    const std::string run = uniqueDigits(10);
    const std::string found_id = "log-found-" + run;
    const Response found = client().get("/api/v1/clients?bsn=" + bsn,
                                        {as("ao.bakker").front(), {"X-Request-Id", found_id}});
    ASSERT_EQ(found.status, 200) << found.describe();
    const std::string missing_id = "log-missing-" + run;
    const Response missing = client().get("/api/v1/clients/" + bsn,
                                          {as("ao.bakker").front(), {"X-Request-Id", missing_id}});
    ASSERT_GE(missing.status, 400) << missing.describe();
    const std::string unknown_id = "log-unknown-" + run;
    client().get("/api/v1/nothing/" + bsn, {{"X-Request-Id", unknown_id}});

    const auto ok = logLinesOf(found_id, 1);
    ASSERT_EQ(ok.size(), 1u) << "one line for a successful request";
    const auto& line = ok.front();
    EXPECT_TRUE(std::regex_match(line->getValue<std::string>("time"),
                                 std::regex(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)")))
        << line->getValue<std::string>("time");
    EXPECT_EQ(line->getValue<std::string>("level"), "info");
    EXPECT_EQ(line->getValue<std::string>("event"), "request");
    EXPECT_EQ(line->getValue<std::string>("user"), "ao.bakker");
    EXPECT_GT(line->getValue<std::int64_t>("user_id"), 0);
    EXPECT_EQ(line->getValue<std::string>("method"), "GET");
    EXPECT_EQ(line->getValue<std::string>("route"), "/api/v1/clients");
    EXPECT_EQ(line->getValue<int>("status"), 200);
    EXPECT_GE(line->getValue<double>("duration_ms"), 0.0);

    const auto refused = logLinesOf(missing_id, 2);
    ASSERT_EQ(refused.size(), 2u) << "a request line and an error line";
    EXPECT_EQ(refused[0]->getValue<std::string>("event"), "error");
    EXPECT_EQ(refused[0]->getValue<std::string>("level"), "warning");
    EXPECT_EQ(refused[0]->getValue<std::string>("reason"), missing.code());
    EXPECT_EQ(refused[1]->getValue<std::string>("event"), "request");
    EXPECT_EQ(refused[1]->getValue<std::string>("route"), "/api/v1/clients/{id}");
    EXPECT_EQ(refused[1]->getValue<int>("status"), missing.status);
    EXPECT_EQ(refused[1]->getValue<std::string>("reason"), missing.code());

    const auto unknown = logLinesOf(unknown_id, 2);
    ASSERT_EQ(unknown.size(), 2u);
    EXPECT_EQ(unknown[1]->getValue<std::string>("route"), "{unmatched}");
    EXPECT_EQ(unknown[1]->getValue<std::string>("reason"), "NOT_FOUND");

    const std::string json_log = readAll(test::testEnvDir() + "/requests.log");
    EXPECT_EQ(json_log.find(bsn), std::string::npos) << "the BSN in the log";
    EXPECT_EQ(json_log.find(sessionToken("ao.bakker")), std::string::npos)
        << "a session token in the log";
    EXPECT_EQ(readAll(test::testEnvDir() + "/server.log").find(bsn), std::string::npos)
        << "the BSN on standard output";
    // Standard output carries the same lines (log.stdout).
    EXPECT_NE(readAll(test::testEnvDir() + "/server.log").find(found_id), std::string::npos);
}

}  // namespace
}  // namespace zc::e2e
