#include "errors.hpp"

#include <cstdio>
#include <cstdlib>

namespace zc {

ValidationError::ValidationError(std::string code, std::string message, std::string field)
    : std::runtime_error(message),
      code_(std::move(code)),
      field_(std::move(field)),
      kind_(kindOf(code_)) {}

void assertionFailed(const char* expr, const char* file, int line) {
    // stderr is unbuffered, so the message is out before abort() ends the process.
    std::fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    std::abort();
}

}  // namespace zc
