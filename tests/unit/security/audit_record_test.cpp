// AuditRecord (interfaces/security/audit_trail.hpp): the before/after of an audit row written by
// use cases without a JSON library must read exactly as the API's answer did when it was
// written with Poco (keys sorted, strings escaped, lists and nulls).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <sstream>

#include "interfaces/security/audit_trail.hpp"

namespace zc::security {
namespace {

std::string poco(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(Poco::Dynamic::Var(o), out);
    return out.str();
}

TEST(AuditRecord, ReadsAsPocoWouldWriteTheSameAnswer) {
    Poco::JSON::Object::Ptr expected = new Poco::JSON::Object;
    expected->set("reason", "UBO \"onbekend\"\n");
    expected->set("provider_id", std::int64_t{42});
    expected->set("blocked", true);
    expected->set("valid_to", Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr products = new Poco::JSON::Array;
    products->add("02A01");
    products->add("07A05");
    expected->set("products", products);
    Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
    ids->add(std::int64_t{3});
    ids->add(std::int64_t{-1});
    expected->set("contracts", ids);
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    Poco::JSON::Object::Ptr line = new Poco::JSON::Object;
    line->set("amount_cents", std::int64_t{12345});
    lines->add(line);
    expected->set("lines", lines);

    const std::string actual =
        AuditRecord()
            .set("reason", "UBO \"onbekend\"\n")
            .set("provider_id", std::int64_t{42})
            .set("blocked", true)
            .set("valid_to", std::optional<std::string>())
            .set("products", std::vector<std::string>{"02A01", "07A05"})
            .set("contracts", std::vector<std::int64_t>{3, -1})
            .set("lines", std::vector<AuditRecord>{AuditRecord().set("amount_cents", 12345)})
            .json();
    EXPECT_EQ(actual, poco(expected));
    EXPECT_EQ(actual.rfind("{\"blocked\":true,", 0), 0u) << "keys come out sorted: " << actual;
}

TEST(AuditRecord, NestsAnObjectAsPocoWould) {
    Poco::JSON::Object::Ptr payable = new Poco::JSON::Object;
    payable->set("status", "open");
    payable->set("amount_cents", std::int64_t{-600000});
    payable->set("disputed_reason", Poco::Dynamic::Var());
    Poco::JSON::Object::Ptr expected = new Poco::JSON::Object;
    expected->set("year", std::int64_t{2025});
    expected->set("payable", payable);
    expected->set("none", Poco::Dynamic::Var());

    const std::string actual =
        AuditRecord()
            .set("year", 2025)
            .set("payable", AuditRecord()
                                .set("status", "open")
                                .set("amount_cents", std::int64_t{-600000})
                                .set("disputed_reason", std::optional<std::string>()))
            .set("none", std::optional<std::string>())
            .json();
    EXPECT_EQ(actual, poco(expected));
    EXPECT_NE(actual.find("\"payable\":{\"amount_cents\":-600000,"), std::string::npos) << actual;
}

TEST(AuditRecord, AnEmptyRecordIsAnEmptyObject) { EXPECT_EQ(AuditRecord().json(), "{}"); }

}  // namespace
}  // namespace zc::security
