// The rows of a plain CSV after its header (the bench generator's nodes.csv, edges.csv, ...):
// for the tests and benchmark programs that read ../shared/bench output. No quoting: the
// generator writes none.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace dayafter::test {

inline std::vector<std::vector<std::string>> csv_rows(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::string line;
    std::getline(in, line);
    std::vector<std::vector<std::string>> result;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream stream(line);
        for (std::string field; std::getline(stream, field, ',');) {
            fields.push_back(field);
        }
        result.push_back(std::move(fields));
    }
    return result;
}

} // namespace dayafter::test
