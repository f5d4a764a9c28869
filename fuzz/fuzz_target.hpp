// What every fuzz target shares. A target feeds one input to one reader and returns; an
// InputError is the reader doing its job (the input's fault, exit 2 in the CLI), so it is caught.
// Any other exception escapes to libFuzzer (or the replay main), which reports it as a crash:
// in the CLI it would be an "unexpected error", which is reserved for bugs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dayafter/util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace dayafter::fuzz {

[[nodiscard]] inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Runs `read`; InputError is an expected outcome, anything else escapes.
template <typename Read> int guarded(Read&& read) {
    try {
        read();
    } catch (const InputError&) {
    }
    return 0;
}

} // namespace dayafter::fuzz
