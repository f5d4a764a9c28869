// A file for readers that take a path: one private folder per process, the input written whole
// into the named file before each run. The folder is left for the system's /tmp cleaning.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace dayafter::fuzz {

inline std::filesystem::path temp_file(const std::string& name, const std::uint8_t* data,
                                       std::size_t size) {
    static const std::filesystem::path dir = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "dayafter-fuzz-XXXXXX");
        if (mkdtemp(pattern.data()) == nullptr) {
            std::abort();
        }
        return std::filesystem::path(pattern);
    }();
    const std::filesystem::path file = dir / name;
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return file;
}

} // namespace dayafter::fuzz
