#include "dayafter/util/text.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::util {

std::string grouped_count(double count) {
    const std::string digits = fmt::format("{:.0f}", count);
    std::string grouped;
    const std::size_t sign = digits.starts_with('-') ? 1 : 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > sign && (digits.size() - i) % 3 == 0) {
            grouped.push_back(',');
        }
        grouped.push_back(digits[i]);
    }
    return grouped;
}

std::string read_file_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw InputError(fmt::format("{}: cannot read the file", file.string()));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace dayafter::util
