#pragma once
// Errors shared by all contexts. A ValidationError is a business outcome caused by bad input:
// it carries a stable reason code (documented in the README), a human message and the offending
// field. Handlers map it to HTTP 400/409/422 in one place (interfaces/http/error_mapping.cpp).
#include <stdexcept>
#include <string>

namespace zc {

// Kind decides the HTTP status at the boundary: Invalid -> 400, Unauthorized -> 401,
// Forbidden -> 403, NotFound -> 404, Conflict -> 409, Unprocessable -> 422,
// TooManyRequests -> 429.
enum class ErrorKind {
    Invalid,
    Conflict,
    NotFound,
    Forbidden,
    Unprocessable,
    Unauthorized,
    TooManyRequests
};

class ValidationError : public std::runtime_error {
public:
    ValidationError(std::string code, std::string message, std::string field = {},
                    ErrorKind kind = ErrorKind::Invalid)
        : std::runtime_error(message), code_(std::move(code)), field_(std::move(field)),
          kind_(kind) {}
    const std::string& code() const { return code_; }
    const std::string& field() const { return field_; }
    ErrorKind kind() const { return kind_; }

private:
    std::string code_;
    std::string field_;
    ErrorKind kind_;
};

}  // namespace zc

// Programmer errors: on in every build (cheap checks only).
#define ZC_ASSERT(cond)                                                              \
    do {                                                                             \
        if (!(cond)) ::zc::assertionFailed(#cond, __FILE__, __LINE__);               \
    } while (0)

namespace zc {
[[noreturn]] void assertionFailed(const char* expr, const char* file, int line);
}
