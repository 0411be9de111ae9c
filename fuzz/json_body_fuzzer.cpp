// Fuzzes the JSON body every API handler reads (http::parseBody) and the typed field readers
// (interfaces/http/json_input.hpp) on every field of the object and of the objects it holds: any
// bytes give values or a ValidationError with a code; anything else (another exception, a
// sanitizer report) is a finding.
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"
#include "interfaces/http/json_input.hpp"

namespace {

using Poco::JSON::Object;
using namespace zc::http;

template <class F>
void attempt(F&& f) {
    try {
        f();
    } catch (const zc::ValidationError&) {
    }
}

void readEveryField(const Object::Ptr& o, int depth) {
    std::vector<std::string> names;
    o->getNames(names);
    for (const auto& n : names) {
        attempt([&] { requiredString(o, n); });
        attempt([&] { optionalString(o, n, 20); });
        attempt([&] { requiredInt(o, n); });
        attempt([&] { optionalBool(o, n, false); });
        attempt([&] { requiredDate(o, n); });
        attempt([&] { optionalDate(o, n); });
        attempt([&] { requiredCents(o, n); });
        attempt([&] { stringArray(o, n, 50); });
        attempt([&] { intArray(o, n, 50); });
        if (depth >= 4) continue;
        attempt([&] {
            auto a = requiredArray(o, n, 50);
            for (std::size_t i = 0; i < a->size(); ++i) {
                attempt([&] { readEveryField(objectAt(a, i, n), depth + 1); });
            }
        });
        if (auto child = o->getObject(n)) readEveryField(child, depth + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    Object::Ptr body;
    try {
        body = parseBody(text);
    } catch (const zc::ValidationError&) {
        return 0;
    }
    readEveryField(body, 0);
    return 0;
}
