#include "dayafter/util/text_file.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::util {

ExclusiveFile create_exclusive(const std::filesystem::path& beside) {
    std::string name = beside.string() + ".partial-XXXXXX";
    // mkostemp opens with O_CREAT | O_EXCL, and O_EXCL fails on a symbolic link at the name.
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
        throw StorageError(
            fmt::format("{}: cannot create the file: {}", beside.string(), std::strerror(errno)));
    }
    // mkostemp makes the file private (0600); give it what any new file of ours would get. The
    // umask can only be read by setting it, harmless in a program that creates no files in
    // another thread at this instant.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    // Held while fd is open and dropped by the kernel when the process dies, however it dies:
    // remove_abandoned() tells a file being written from one a killed writer left.
    ::flock(fd, LOCK_EX);
    return {fd, name};
}

std::size_t remove_abandoned(const std::filesystem::path& beside) {
    const std::filesystem::path folder =
        beside.parent_path().empty() ? std::filesystem::path(".") : beside.parent_path();
    const std::string prefix = beside.filename().string() + ".partial-";
    std::size_t removed = 0;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix) || name.size() != prefix.size() + 6) {
            continue;
        }
        const int fd = ::open(it->path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) {
            continue; // a link, or not ours to open: left alone
        }
        struct stat opened {};
        struct stat named {};
        // Unlinked only while locked by us and still the file at that name.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &opened) == 0 &&
            S_ISREG(opened.st_mode) && ::lstat(it->path().c_str(), &named) == 0 &&
            named.st_ino == opened.st_ino && named.st_dev == opened.st_dev &&
            ::unlink(it->path().c_str()) == 0) {
            ++removed;
        }
        ::close(fd);
    }
    return removed;
}

TextFile::TextFile(std::filesystem::path path) : path_(std::move(path)) {
    (void)remove_abandoned(path_);
    const ExclusiveFile created = create_exclusive(path_);
    partial_ = created.path;
    file_.reset(::fdopen(created.fd, "w"));
    if (!file_) {
        ::close(created.fd);
        std::error_code ignored;
        std::filesystem::remove(partial_, ignored);
        throw StorageError(fmt::format("{}: cannot create the file", path_.string()));
    }
}

TextFile::~TextFile() {
    if (!committed_) {
        file_.reset();
        std::error_code ignored;
        std::filesystem::remove(partial_, ignored);
    }
}

void TextFile::commit() {
    const bool failed = std::ferror(file_.get()) != 0 || std::fclose(file_.release()) != 0;
    if (failed) {
        throw StorageError(fmt::format("{}: writing failed (disk full?)", path_.string()));
    }
    std::error_code ec;
    std::filesystem::rename(partial_, path_, ec);
    if (ec) {
        throw StorageError(
            fmt::format("{}: cannot move the file into place: {}", path_.string(), ec.message()));
    }
    committed_ = true;
}

void create_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        throw StorageError(
            fmt::format("{}: cannot create the folder: {}", folder.string(), ec.message()));
    }
}

} // namespace dayafter::util
