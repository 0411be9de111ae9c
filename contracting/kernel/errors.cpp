#include "errors.hpp"

#include <cstdio>
#include <cstdlib>

namespace zc {

void assertionFailed(const char* expr, const char* file, int line) {
    // stderr is unbuffered, so the message is out before abort() ends the process.
    std::fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    std::abort();
}

}  // namespace zc
