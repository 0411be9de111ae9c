// Input edges over HTTPS (issue 14, finding 9): a malformed percent-encoding, free text with
// control characters or bidirectional overrides, a whole number beyond 64 bits, a body length
// given two ways, and the reason phrase of the status line.
#include <Poco/Net/Context.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::jsonObject;
using test::Response;

// A fresh BSN that passes the elfproef, starting with 7 (outside the demo's 9999 range).
std::string uniqueBsn() {
    for (;;) {
        std::string digits = "7" + uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        const int check = sum % 11;
        if (check == 10) continue;
        return digits + std::to_string(check);
    }
}

Poco::JSON::Object::Ptr newClient(const std::string& bsn, const std::string& surname) {
    return jsonObject({{"bsn", bsn},
                       {"surname", surname},
                       {"birth_date", "1960-05-01"},
                       {"gender", "2"},
                       {"house_number", "1"},
                       {"postcode", "8011AB"},
                       {"municipality_code", "0193"}});
}

// Whether a client with this BSN was recorded (the officer's lookup by BSN).
bool clientRecorded(const std::string& bsn) {
    const Response r = client().get("/api/v1/clients?bsn=" + bsn, as("ao.bakker"));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.isArray() && r.array()->size() > 0;
}

// Sends `request` as it stands over TLS and returns what the server answers until it closes.
std::string rawExchange(const std::string& request) {
    const auto env = test::serverEnv();
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::CLIENT_USE, "", "", env.ca_file, Poco::Net::Context::VERIFY_STRICT);
    Poco::Net::SecureStreamSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(env.port)), "127.0.0.1",
        context);
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    std::string answer;
    char buf[4096];
    try {
        for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, n);
    } catch (const Poco::Exception&) {
        // a timeout or reset ends the answer
    }
    return answer;
}

TEST(InputEdges, AMalformedPercentEncodingInPathOrQueryIsA400NotA500) {
    for (const char* path : {"/api/v1/clients?municipality=%zz", "/api/v1/clients?bsn=%",
                             "/api/v1/clients/%G1", "/api/v1/contracts/12%"}) {
        const Response r = client().get(path, as("ao.bakker"));
        EXPECT_EQ(r.status, 400) << path << ": " << r.describe();
        EXPECT_EQ(r.code(), "MALFORMED_REQUEST") << path << ": " << r.describe();
    }
    // A well-formed encoding still works.
    EXPECT_EQ(client().get("/api/v1/clients?municipality=%30193", as("ao.bakker")).status, 200);
}

TEST(InputEdges, FreeTextWithControlCharactersOrBidiOverridesIsRefusedAndNothingStored) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {std::string("Jan\0sen", 7), "control character"},
        {"Jan\x01sen", "control character"},
        {"Jan\x7Fsen", "control character"},
        {"Jan\xC2\x85sen", "control character"},               // U+0085 (C1)
        {"\xE2\x80\xAEnesnaJ", "bidirectional"},               // U+202E RIGHT-TO-LEFT OVERRIDE
        {"Jansen\xE2\x81\xA6x\xE2\x81\xA9", "bidirectional"},  // U+2066 .. U+2069
    };
    for (const auto& [surname, why] : cases) {
        const std::string bsn = uniqueBsn();
        const Response r =
            client().post("/api/v1/clients", newClient(bsn, surname), as("ao.bakker"));
        EXPECT_EQ(r.status, 400) << r.describe();
        EXPECT_EQ(r.code(), "INVALID_FIELD") << r.describe();
        EXPECT_EQ(r.field(), "surname") << r.describe();
        EXPECT_NE(r.str("message").find(why), std::string::npos) << r.describe();
        EXPECT_FALSE(clientRecorded(bsn)) << "a refused client is not recorded";
    }
    // An optional free-text field of only white space is refused too (a required one is
    // missing).
    auto blank_given = newClient(uniqueBsn(), "Jansen");
    blank_given->set("given_names", " \t ");
    const Response r = client().post("/api/v1/clients", blank_given, as("ao.bakker"));
    EXPECT_EQ(r.status, 400) << r.describe();
    EXPECT_EQ(r.field(), "given_names") << r.describe();
    // Letters from other scripts and accents are text like any other.
    const Response ok = client().post(
        "/api/v1/clients", newClient(uniqueBsn(), "\xC3\x9Cnal-de Vri\xC3\xABs"), as("ao.bakker"));
    EXPECT_EQ(ok.status, 201) << ok.describe();
}

TEST(InputEdges, AWholeNumberBeyond64BitsIsRefusedNotStoredAsZero) {
    for (const char* number : {"18446744073709551616", "-9223372036854775809"}) {
        const std::string bsn = uniqueBsn();
        auto body = test::jsonText(newClient(bsn, "Jansen"));
        body.insert(body.size() - 1, std::string(",\"team_id\":") + number);
        const Response r = client().request("POST", "/api/v1/clients", body, as("ao.bakker"));
        EXPECT_EQ(r.status, 400) << r.describe();
        EXPECT_EQ(r.code(), "INVALID_FIELD") << r.describe();
        EXPECT_EQ(r.field(), "team_id") << r.describe();
        EXPECT_FALSE(clientRecorded(bsn));
    }
}

TEST(InputEdges, ABodyWithBothContentLengthAndChunkedEncodingIsRefused) {
    const std::string body = "{}";
    const std::string answer = rawExchange(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n"
        "2\r\n{}\r\n0\r\n\r\n");
    EXPECT_EQ(answer.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << answer;
    EXPECT_NE(answer.find("MALFORMED_REQUEST"), std::string::npos) << answer;
    EXPECT_NE(answer.find("Connection: Close"), std::string::npos) << answer;
}

TEST(InputEdges, StatusLinesCarryTheirReasonPhrase) {
    const Response not_found = client().get("/api/v1/no-such-thing", as("ao.bakker"));
    EXPECT_EQ(not_found.status, 404);
    EXPECT_EQ(not_found.reason, "Not Found");
    const Response unauthenticated = client().get("/api/v1/clients");
    EXPECT_EQ(unauthenticated.status, 401);
    EXPECT_EQ(unauthenticated.reason, "Unauthorized");
    const Response bad =
        client().post("/api/v1/clients", newClient("123456789", "X"), as("ao.bakker"));
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.reason, "Bad Request");
    const std::string bsn = uniqueBsn();
    ASSERT_EQ(client().post("/api/v1/clients", newClient(bsn, "Jansen"), as("ao.bakker")).status,
              201);
    const Response conflict =
        client().post("/api/v1/clients", newClient(bsn, "Jansen"), as("ao.bakker"));
    EXPECT_EQ(conflict.status, 409) << conflict.describe();
    EXPECT_EQ(conflict.reason, "Conflict");
    const Response health = client().get("/health");
    EXPECT_EQ(health.reason, "OK");
}

}  // namespace
}  // namespace zc::e2e
