// HXL CSV: the CSV splitter, the UTF-8 check and the hashtag row search.
#include "dayafter/io/hxl.hpp"
#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return dayafter::fuzz::guarded([&] {
        (void)dayafter::io::parse_hxl_csv(dayafter::fuzz::as_text(data, size), "fuzz.csv");
    });
}
