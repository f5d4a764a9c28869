// Errors that stop an operation, and assertions for programmer errors.
//
// The library throws one of the types below when an operation cannot continue; the CLI maps
// InputError to exit code 2 (bad input or usage) and every other Error to exit code 1. Expected
// outcomes (an unreachable node, an empty catchment) are returned as values, never thrown.
// Every message names what was being done and with which object:
//
//     throw InputError("reading way 123 in roads.osm.pbf: no usable nodes");
#pragma once

#include <stdexcept>
#include <string>

namespace dayafter {

/// Base of every exception the library throws.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The user's input (a file, an argument, a config) is wrong; nothing was changed.
class InputError : public Error {
public:
    using Error::Error;
};

/// The project store could not be read or written.
class StorageError : public Error {
public:
    using Error::Error;
};

namespace detail {
[[noreturn]] void assertion_failed(const char* condition, const char* message, const char* file,
                                   int line);
} // namespace detail

} // namespace dayafter

#if defined(DAYAFTER_ENABLE_ASSERTS)
#define DAYAFTER_ASSERT(cond, message)                                                             \
    ((cond) ? static_cast<void>(0)                                                                 \
            : ::dayafter::detail::assertion_failed(#cond, message, __FILE__, __LINE__))
#else
#define DAYAFTER_ASSERT(cond, message) static_cast<void>(0)
#endif
