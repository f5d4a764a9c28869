#include "dayafter/util/text.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::util {

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
