#include "store/sqlite/sqlite.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "dayafter/store/notices.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::store {
namespace {
Logger& notice_sink() {
    static Logger log;
    return log;
}
} // namespace

void set_notices(Logger log) {
    notice_sink() = std::move(log);
}

const Logger& notices() {
    return notice_sink();
}

} // namespace dayafter::store

namespace dayafter::store::sqlite {
namespace {

// SQLite's own busy timeout cannot say anything while it waits, and a user who sees a load sit
// silent for 20 s kills it; so the same polling, with one note after the first second.
int wait_for_lock(void* context, int attempt) {
    auto& wait = *static_cast<Database::Wait*>(context);
    const auto now = std::chrono::steady_clock::now();
    if (attempt == 0) {
        wait.start = now;
    }
    const auto waited = now - wait.start;
    if (waited >= kBusyTimeout) {
        return 0;
    }
    if (!wait.noted && waited >= std::chrono::seconds(1)) {
        wait.noted = true;
        notices().info(fmt::format("{}: another dayafter is using the project; waiting for it "
                                   "(up to {} s)",
                                   wait.path, kBusyTimeout.count()));
    }
    sqlite3_sleep(attempt < 10 ? 5 : 25);
    return 1;
}

} // namespace

Database::Database(const std::string& path, Mode mode)
    : path_(path), wait_(std::make_unique<Wait>(Wait{path, {}, false})) {
    int flags = SQLITE_OPEN_READONLY;
    if (mode == Mode::ReadWrite) {
        flags = SQLITE_OPEN_READWRITE;
    } else if (mode == Mode::Create) {
        flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW;
    }
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StorageError(fmt::format("{}: cannot open the project store: {}", path, message));
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_handler(db_, wait_for_lock, wait_.get());
}

Database::~Database() {
    sqlite3_close(db_);
}

void Database::fail(std::string_view what) const {
    // A damaged file is the input's fault (exit 2), not a failure of the store.
    const int code = sqlite3_errcode(db_) & 0xff; // the primary code of an extended one
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
        throw InputError(fmt::format("{}: the project file is damaged ({}: {}); restore it from a "
                                     "copy, or import the map again",
                                     path_, what, sqlite3_errmsg(db_)));
    }
    throw StorageError(fmt::format("{}: {}: {}", path_, what, sqlite3_errmsg(db_)));
}

void Database::exec(std::string_view sql) {
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        fail(fmt::format("running \"{}\"", text.substr(0, 60)));
    }
}

std::int64_t Database::last_insert_rowid() const noexcept {
    return sqlite3_last_insert_rowid(db_);
}

Statement::Statement(Database& db, std::string_view sql) : db_(db), sql_(sql) {
    if (sqlite3_prepare_v2(db.handle(), sql_.c_str(), static_cast<int>(sql_.size()), &stmt_,
                           nullptr) != SQLITE_OK) {
        db_.fail(fmt::format("preparing \"{}\"", sql_.substr(0, 60)));
    }
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

void Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) {
        db_.fail("binding an integer");
    }
}

void Statement::bind(int index, double value) {
    if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) {
        db_.fail("binding a number");
    }
}

void Statement::bind(int index, std::string_view value) {
    if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        db_.fail("binding a text");
    }
}

void Statement::bind(int index, std::span<const unsigned char> blob) {
    if (sqlite3_bind_blob(stmt_, index, blob.data(), static_cast<int>(blob.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        db_.fail("binding a blob");
    }
}

void Statement::bind_null(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) {
        db_.fail("binding null");
    }
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    db_.fail(fmt::format("running \"{}\"", sql_.substr(0, 60)));
}

void Statement::run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int(int index) const {
    return sqlite3_column_int64(stmt_, index);
}

double Statement::column_double(int index) const {
    return sqlite3_column_double(stmt_, index);
}

std::string Statement::column_text(int index) const {
    const auto* text = sqlite3_column_text(stmt_, index);
    return text == nullptr
               ? std::string{}
               : std::string(reinterpret_cast<const char*>(text),
                             static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
}

std::vector<unsigned char> Statement::column_blob(int index) const {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, index));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index));
    return data == nullptr ? std::vector<unsigned char>{}
                           : std::vector<unsigned char>(data, data + size);
}

bool Statement::column_is_null(int index) const {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!done_) {
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace dayafter::store::sqlite
