// Operations (issue 15): the JSON log line formatter, the Prometheus text writer, the request
// metrics, the request ids and the scrape allow-list.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/IPAddress.h>
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "interfaces/http/metrics_endpoint.hpp"
#include "interfaces/http/request_trace.hpp"
#include "interfaces/observability/json_log_line.hpp"
#include "interfaces/observability/prometheus_text.hpp"
#include "interfaces/observability/request_metrics.hpp"
#include "interfaces/observability/service_log.hpp"

namespace zc {
namespace {

Poco::JSON::Object::Ptr parsed(const std::string& line) {
    return Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
}

TEST(JsonLogLine, EscapesWhatWouldBreakTheLineAndKeepsTheValue) {
    const std::string nasty = "a\"b\\c\nd\re\tf\x01g\x1f h\x7f \xc3\xa9";
    const std::string line = obs::JsonLogLine().add("msg", nasty).add("n", 42).str();
    EXPECT_EQ(line.find('\n'), std::string::npos) << "a line feed splits the log line";
    EXPECT_EQ(line.find('\x01'), std::string::npos);
    const auto o = parsed(line);
    EXPECT_EQ(o->getValue<std::string>("msg"), nasty);
    EXPECT_EQ(o->getValue<int>("n"), 42);
    EXPECT_EQ(obs::jsonEscaped("\"\\\n\x02"), "\\\"\\\\\\n\\u0002");
}

TEST(JsonLogLine, KeepsTheKeysInOrderAndEscapesKeys) {
    const std::string line = obs::JsonLogLine()
                                 .add("time", "t")
                                 .add("we\"ird", "x")
                                 .addNumber("duration_ms", obs::thousandths(1234567))
                                 .str();
    EXPECT_EQ(line, R"({"time":"t","we\"ird":"x","duration_ms":1234.567})");
    EXPECT_EQ(obs::JsonLogLine().str(), "{}");
}

TEST(JsonLogLine, TimesAreUtcWithMilliseconds) {
    using namespace std::chrono;
    const sys_days day = year(2026) / December / 3;
    const auto t = day + hours(7) + minutes(10) + seconds(5) + milliseconds(42);
    EXPECT_EQ(obs::utcMillis(time_point_cast<system_clock::duration>(t)),
              "2026-12-03T07:10:05.042Z");
    EXPECT_EQ(obs::thousandths(5), "0.005");
    EXPECT_EQ(obs::thousandths(0), "0.000");
    EXPECT_EQ(obs::thousandths(-1500), "-1.500");
}

TEST(ServiceLog, KnowsTheLevelsAndRefusesOthers) {
    EXPECT_EQ(obs::logPriority("information"), obs::logPriority("info"));
    EXPECT_LT(obs::logPriority("error"), obs::logPriority("debug"));
    EXPECT_EQ(obs::logPriority("none"), 0);
    EXPECT_THROW(obs::logPriority("loud"), std::runtime_error);
}

TEST(PrometheusText, WritesHelpTypeAndEscapedLabels) {
    obs::PrometheusText out;
    out.family("zc_x_total", "counter", "Things with a \\ and\na line feed.");
    out.sample("zc_x_total", {{"route", "/a/{id}"}, {"odd", "q\"b\\s\nn"}}, 3);
    out.sample("zc_x_total", {}, "1.5");
    EXPECT_EQ(out.text(),
              "# HELP zc_x_total Things with a \\\\ and\\na line feed.\n"
              "# TYPE zc_x_total counter\n"
              "zc_x_total{route=\"/a/{id}\",odd=\"q\\\"b\\\\s\\nn\"} 3\n"
              "zc_x_total 1.5\n");
    EXPECT_EQ(obs::millionths(5000), "0.005");
    EXPECT_EQ(obs::millionths(2500000), "2.5");
    EXPECT_EQ(obs::millionths(30000000), "30");
    EXPECT_EQ(obs::millionths(0), "0");
}

// The value of the sample line that starts with `prefix` (-1 when none).
long long sampleValue(const std::string& text, const std::string& prefix) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(prefix + " ", 0) == 0) return std::stoll(line.substr(prefix.size() + 1));
    }
    return -1;
}

TEST(RequestMetrics, CountsByRouteMethodAndStatusWithACumulativeHistogram) {
    obs::RequestMetrics m({"/a/{id}", "/b"});
    m.record(0, "GET", 200, 3000);       // 3 ms
    m.record(0, "GET", 200, 3000000);    // 3 s
    m.record(0, "POST", 422, 60000);     // 60 ms
    m.record(1, "BREW", 418, 40000000);  // 40 s: other method, other status, +Inf only
    m.record(7, "GET", 200, 1);          // no such slot: ignored
    obs::PrometheusText out;
    m.write(out);
    const std::string t = out.text();
    EXPECT_EQ(
        sampleValue(t, R"(zc_http_requests_total{route="/a/{id}",method="GET",status="200"})"), 2);
    EXPECT_EQ(
        sampleValue(t, R"(zc_http_requests_total{route="/a/{id}",method="POST",status="422"})"), 1);
    EXPECT_EQ(sampleValue(t, R"(zc_http_requests_total{route="/b",method="other",status="other"})"),
              1);
    const std::string a = R"(zc_http_request_duration_seconds_bucket{route="/a/{id}",le=)";
    EXPECT_EQ(sampleValue(t, a + R"("0.005"})"), 1);
    EXPECT_EQ(sampleValue(t, a + R"("0.05"})"), 1);
    EXPECT_EQ(sampleValue(t, a + R"("0.1"})"), 2);
    EXPECT_EQ(sampleValue(t, a + R"("2.5"})"), 2);
    EXPECT_EQ(sampleValue(t, a + R"("5"})"), 3);
    EXPECT_EQ(sampleValue(t, a + R"("+Inf"})"), 3);
    EXPECT_EQ(sampleValue(t, R"(zc_http_request_duration_seconds_count{route="/a/{id}"})"), 3);
    EXPECT_NE(t.find(R"(zc_http_request_duration_seconds_sum{route="/a/{id}"} 3.063)"),
              std::string::npos)
        << t;
    EXPECT_EQ(sampleValue(t, R"(zc_http_request_duration_seconds_bucket{route="/b",le="30"})"), 0);
    EXPECT_EQ(sampleValue(t, R"(zc_http_request_duration_seconds_bucket{route="/b",le="+Inf"})"),
              1);
}

TEST(RequestMetrics, ExchangeCountersGrowByMessageName) {
    const auto read = [](const std::string& prefix) {
        obs::PrometheusText out;
        obs::writeExchangeMetrics(out);
        return sampleValue(out.text(), prefix);
    };
    const std::string in315 = R"(zc_iwmo_messages_total{direction="in",message="wmo315"})";
    const std::string out_other = R"(zc_iwmo_messages_total{direction="out",message="other"})";
    const auto before_in = read(in315);
    const auto before_other = read(out_other);
    const auto before_lines = read("zc_declaration_lines_processed_total");
    obs::countMessageIn("wmo315");
    obs::countMessageOut("wmo999");
    obs::countDeclaration(7);
    EXPECT_EQ(read(in315), before_in + 1);
    EXPECT_EQ(read(out_other), before_other + 1);
    EXPECT_EQ(read("zc_declaration_lines_processed_total"), before_lines + 7);
}

TEST(RequestMetrics, TellsTheMessageByItsNamespace) {
    EXPECT_EQ(
        obs::iwmoMessageName(
            R"(<?xml version="1.0"?><wmo315:Bericht xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema" xmlns:wmo315="http://www.istandaarden.nl/iwmo/3_2/wmo315/schema">)"),
        "wmo315");
    EXPECT_EQ(obs::iwmoMessageName("<a xmlns=\"urn:other\"/>"), "");
}

TEST(RequestIds, AWellFormedIncomingIdIsKeptElseARandomOneIsMade) {
    EXPECT_EQ(http::requestIdFor("abc-DEF_1.2"), "abc-DEF_1.2");
    EXPECT_EQ(http::requestIdFor(std::string(64, 'x')), std::string(64, 'x'));
    const std::regex generated("^[0-9a-f]{32}$");
    for (const std::string& bad :
         {std::string(), std::string(65, 'x'), std::string("a b"), std::string("a\nb"),
          std::string("\"quote\""), std::string("bsn=123456782;")}) {
        EXPECT_TRUE(std::regex_match(http::requestIdFor(bad), generated)) << bad;
    }
    EXPECT_NE(http::requestIdFor(""), http::requestIdFor(""));
}

Poco::Net::IPAddress ip(const std::string& text) { return Poco::Net::IPAddress(text); }

TEST(MetricsAllowList, DefaultsToLoopbackAndRefusesOthers) {
    const http::AddressAllowList loopback("127.0.0.1, ::1");
    EXPECT_TRUE(loopback.allows(ip("127.0.0.1")));
    EXPECT_TRUE(loopback.allows(ip("::1")));
    EXPECT_TRUE(loopback.allows(ip("::ffff:127.0.0.1")));
    EXPECT_FALSE(loopback.allows(ip("127.0.0.2")));
    EXPECT_FALSE(loopback.allows(ip("10.0.0.1")));
    EXPECT_FALSE(loopback.allows(ip("2001:db8::1")));
    EXPECT_FALSE(http::AddressAllowList("").allows(ip("127.0.0.1")));
}

TEST(MetricsAllowList, TakesNetworksAndRefusesWhatIsNoAddress) {
    const http::AddressAllowList nets("10.1.2.0/24 192.168.0.0/17,fd00::/8");
    EXPECT_TRUE(nets.allows(ip("10.1.2.200")));
    EXPECT_FALSE(nets.allows(ip("10.1.3.1")));
    EXPECT_TRUE(nets.allows(ip("192.168.127.255")));
    EXPECT_FALSE(nets.allows(ip("192.168.128.0")));
    EXPECT_TRUE(nets.allows(ip("fd12::5")));
    EXPECT_FALSE(nets.allows(ip("fe80::1")));
    EXPECT_TRUE(http::AddressAllowList("0.0.0.0/0").allows(ip("8.8.8.8")));
    for (const char* bad :
         {"example.org", "10.0.0.0/33", "10.0.0.0/", "::1/129", "300.1.1.1", "10.0.0.0/x"}) {
        EXPECT_THROW(http::AddressAllowList{bad}, std::invalid_argument) << bad;
    }
}

TEST(MetricsPaths, LookalikesAreToldApart) {
    EXPECT_FALSE(http::looksLikeMetricsPath("/metrics"));
    for (const char* p : {"/metrics/", "/metrics.txt", "/metricsx", "/prometheus", "/metrics/a"}) {
        EXPECT_TRUE(http::looksLikeMetricsPath(p)) << p;
    }
    EXPECT_FALSE(http::looksLikeMetricsPath("/reviews"));
}

TEST(MetricsText, ShowsTheDatabaseGaugesOnlyWhenRead) {
    const std::string up = http::metricsText({2, 5, 16}, http::WorkGauges{{4, 1, 3}, 2});
    EXPECT_EQ(sampleValue(up, "zc_db_pool_connections_in_use"), 2);
    EXPECT_EQ(sampleValue(up, "zc_db_pool_size"), 16);
    EXPECT_EQ(sampleValue(up, "zc_outbox_backlog"), 4);
    EXPECT_EQ(sampleValue(up, R"(zc_overdue_deadlines{kind="missing_retours"})"), 3);
    EXPECT_EQ(sampleValue(up, R"(zc_overdue_deadlines{kind="declaration_reviews"})"), 2);
    EXPECT_EQ(sampleValue(up, "zc_metrics_database_up"), 1);
    const std::string down = http::metricsText({0, 0, 16}, std::nullopt);
    EXPECT_EQ(sampleValue(down, "zc_metrics_database_up"), 0);
    EXPECT_EQ(sampleValue(down, "zc_outbox_backlog"), -1);
    EXPECT_NE(down.find("# TYPE zc_outbox_backlog gauge"), std::string::npos);
}

}  // namespace
}  // namespace zc
