// Private to store: thin RAII wrappers over the SQLite C API. Every failing call becomes a
// StorageError right here, naming the statement and the database file; raw codes never leave.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace dayafter::store::sqlite {

/// How long a connection waits for another one's lock before giving up.
inline constexpr std::chrono::seconds kBusyTimeout{30};

class Database {
public:
    /// Create never follows a symbolic link at the path (the temporary file of a new project).
    enum class Mode { ReadOnly, ReadWrite, Create };
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&& other) noexcept
        : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)),
          wait_(std::move(other.wait_)) {}
    Database& operator=(Database&&) = delete;

    /// Runs one or more statements that return no rows.
    void exec(std::string_view sql);
    /// The rowid of the last row this connection inserted.
    [[nodiscard]] std::int64_t last_insert_rowid() const noexcept;
    [[nodiscard]] sqlite3* handle() const noexcept { return db_; }
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[noreturn]] void fail(std::string_view what) const;

    /// While another process holds the lock: on the heap, so the busy handler's pointer
    /// survives a move of the Database.
    struct Wait {
        std::string path;
        std::chrono::steady_clock::time_point start;
        bool noted = false;
    };

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    std::unique_ptr<Wait> wait_;
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    void bind(int index, std::int64_t value);
    void bind(int index, double value);
    void bind(int index, std::string_view value);
    void bind(int index, std::span<const unsigned char> blob);
    void bind_null(int index);
    template <typename T> void bind(int index, const std::optional<T>& value) {
        if (value) {
            bind(index, *value);
        } else {
            bind_null(index);
        }
    }

    /// Steps once: true when a row is ready, false when done.
    bool step();
    /// Steps a statement that returns no rows, then resets it for the next use.
    void run();

    [[nodiscard]] std::int64_t column_int(int index) const;
    [[nodiscard]] double column_double(int index) const;
    [[nodiscard]] std::string column_text(int index) const;
    [[nodiscard]] std::vector<unsigned char> column_blob(int index) const;
    [[nodiscard]] bool column_is_null(int index) const;

private:
    Database& db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

/// A transaction that rolls back unless commit() is called.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

} // namespace dayafter::store::sqlite
