#include "dayafter/util/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace dayafter::detail {

void assertion_failed(const char* condition, const char* message, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", file, line, condition, message);
    std::abort();
}

} // namespace dayafter::detail
