// The project configuration (JSON): parsing with the depth limit, then every section's checks.
#include "dayafter/io/project_config.hpp"
#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return dayafter::fuzz::guarded([&] {
        dayafter::io::ProjectConfig config;
        dayafter::io::apply_config(dayafter::fuzz::as_text(data, size), "fuzz.json", config);
    });
}
