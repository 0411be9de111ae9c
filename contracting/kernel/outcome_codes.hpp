#pragma once
// The one registry of outcome codes (reason codes): every code a refusal or a report carries,
// with its kind (which decides the HTTP status at the edge), its text in English and Dutch and
// the page of docs/ that explains the flow it belongs to. A code has one kind, so one status.
// docs/errors.md and the web application's error texts (interfaces/web/js/error_texts.js) are
// generated from it; tests/unit/kernel/outcome_codes_test.cpp checks both and that every code
// the sources use is registered.
#include <span>
#include <string_view>

namespace zc {

// Kind decides the HTTP status at the boundary (interfaces/http/error_mapping.cpp):
// Invalid 400, Unauthorized 401, Forbidden 403, NotFound 404, Conflict 409, Unprocessable 422,
// TooManyRequests 429, Internal 500, Unavailable 503. A Reason is never a refusal: it is
// reported inside a result (a bank entry left unmatched, a ledger check's violation).
enum class ErrorKind {
    Invalid,
    Conflict,
    NotFound,
    Forbidden,
    Unprocessable,
    Unauthorized,
    TooManyRequests,
    Internal,
    Unavailable,
    Reason
};

struct OutcomeCode {
    std::string_view code;
    ErrorKind kind;
    std::string_view english;
    std::string_view dutch;
    std::string_view documented_in;  // the docs/ page that explains the flow, e.g. "docs/api.md"
};

// Every registered code, sorted by code.
std::span<const OutcomeCode> outcomeCodes();

// The registered code, or nullptr.
const OutcomeCode* findOutcome(std::string_view code);

// The kind of a registered code; asserts that it is registered (a programmer error otherwise).
ErrorKind kindOf(std::string_view code);

}  // namespace zc
