// A text file written beside its target and moved into place on commit(), so a
// reader never sees half a file and a failed run leaves the old file (or none) behind.
//
// The temporary file gets an unpredictable name and is created exclusively (O_EXCL, which also
// refuses a symbolic link at that name), so nobody who can write to the folder can plant a link
// there and make us overwrite a file of their choosing; the rename replaces a link at the target
// itself, never the file it points at.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

namespace dayafter::util {

class TextFile {
public:
    /// Creates path + ".partial-XXXXXX"; throws StorageError naming the path when it cannot.
    explicit TextFile(std::filesystem::path path);
    ~TextFile(); // removes the partial file unless committed
    TextFile(const TextFile&) = delete;
    TextFile& operator=(const TextFile&) = delete;

    void write(std::string_view text) { std::fwrite(text.data(), 1, text.size(), file_.get()); }
    void line(std::string_view text) {
        write(text);
        std::fputc('\n', file_.get());
    }
    /// Flushes, closes and renames over the target; throws StorageError on any failure.
    void commit();

private:
    struct Closer {
        void operator()(std::FILE* file) const noexcept { std::fclose(file); }
    };
    std::filesystem::path path_;
    std::filesystem::path partial_;
    std::unique_ptr<std::FILE, Closer> file_;
    bool committed_ = false;
};

/// A new empty file named `beside` + ".partial-" + six random characters, opened for writing
/// with O_EXCL (so never an existing file, never through a link), with the permissions the
/// umask gives a new file, and locked (flock) while fd stays open. The caller closes fd, after
/// the file is renamed into place or removed.
struct ExclusiveFile {
    int fd = -1;
    std::filesystem::path path;
};
[[nodiscard]] ExclusiveFile create_exclusive(const std::filesystem::path& beside);

/// Removes the files create_exclusive(beside) made for writers that died before finishing (kill
/// -9, power cut): those nobody holds locked. Files being written, links and other people's
/// files are left alone. Returns how many were removed.
std::size_t remove_abandoned(const std::filesystem::path& beside);

/// Creates the folder (and parents) or throws StorageError naming it.
void create_folder(const std::filesystem::path& folder);

} // namespace dayafter::util
