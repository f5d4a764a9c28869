// A main for the fuzz targets when they are not built with libFuzzer (GCC, the release and asan
// presets): runs the target once on every file named, or in the folders named, in name order.
// CTest runs it over fuzz/corpus/<reader>/ so every build replays the corpus, including every
// input that once crashed; under the asan preset that is ASan and UBSan on each input.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_target.hpp"

namespace {

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> files;
    for (int a = 1; a < argc; ++a) {
        const std::filesystem::path path(argv[a]);
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
                if (entry.is_regular_file()) {
                    files.push_back(entry.path());
                }
            }
        } else {
            files.push_back(path);
        }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::fprintf(stderr, "replay: no inputs (give files or folders)\n");
        return 1;
    }
    for (const auto& file : files) {
        std::fprintf(stderr, "replay: %s\n", file.c_str());
        const std::vector<std::uint8_t> bytes = read_bytes(file);
        (void)LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    }
    std::fprintf(stderr, "replay: %zu inputs, no crash\n", files.size());
    return 0;
}
