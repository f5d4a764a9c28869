#include "dayafter/io/replace_file.hpp"

#include <stdlib.h>

#include <string>
#include <system_error>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::io {

void check_replaceable(const std::filesystem::path& file, bool replace) {
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(file, ec);
    if (!std::filesystem::exists(status)) {
        return;
    }
    if (!replace) {
        throw InputError(
            fmt::format("{}: already exists; use --force to replace it", file.string()));
    }
    if (status.type() != std::filesystem::file_type::regular) {
        throw InputError(fmt::format("{}: is not a regular file (a folder, a link or a "
                                     "device); only a file is replaced",
                                     file.string()));
    }
}

std::filesystem::path private_folder_beside(const std::filesystem::path& file) {
    std::string name = file.string() + ".partial-XXXXXX";
    if (::mkdtemp(name.data()) == nullptr) {
        throw StorageError(
            fmt::format("{}: cannot create a folder beside it to write in", file.string()));
    }
    return name;
}

} // namespace dayafter::io
