#pragma once
// Errors shared by all contexts. A ValidationError is a business outcome caused by bad input:
// it carries a stable reason code (registered in outcome_codes.hpp), a human message and the
// offending field. Handlers map it to HTTP 400/409/422 in one place
// (interfaces/http/error_mapping.cpp).
#include <stdexcept>
#include <string>

#include "outcome_codes.hpp"

namespace zc {

class ValidationError : public std::runtime_error {
  public:
    // The kind (so the HTTP status) comes from the registry; the code must be registered.
    ValidationError(std::string code, std::string message, std::string field = {});
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
#define ZC_ASSERT(cond)                                                \
    do {                                                               \
        if (!(cond)) ::zc::assertionFailed(#cond, __FILE__, __LINE__); \
    } while (0)

namespace zc {
[[noreturn]] void assertionFailed(const char* expr, const char* file, int line);
}
