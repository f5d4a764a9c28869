// Scenario files (what-ifs): JSON with the depth limit, then the scenario's own checks.
#include "dayafter/io/geojson.hpp"
#include "dayafter/io/scenario_file.hpp"
#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return dayafter::fuzz::guarded([&] {
        const nlohmann::json document =
            dayafter::io::parse_json_text(dayafter::fuzz::as_text(data, size), "fuzz.json");
        (void)dayafter::io::parse_scenario(document, "fuzz.json");
    });
}
