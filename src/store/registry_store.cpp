#include "dayafter/store/registry_store.hpp"

#include <fmt/format.h>

#include "dayafter/store/project_store.hpp"
#include "dayafter/util/error.hpp"
#include "store/project_file.hpp"
#include "store/sqlite/sqlite.hpp"

namespace dayafter::store {
using sqlite::Database;
using sqlite::Statement;

namespace {

/// The first schema with the registry's history, and the first with the cache of its latest state.
constexpr std::int64_t kRegistrySchema = 2;
constexpr std::int64_t kCurrentSchema = 3;

std::int64_t last_load_id(Database& db) {
    Statement last(db, "SELECT COALESCE(MAX(id), 0) FROM loads");
    last.step();
    return last.column_int(0);
}

std::int64_t insert_load(Database& db, const Load& load) {
    Statement insert(db, "INSERT INTO loads (kind, source_file, recorded_at, recorded_by, tool) "
                         "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, load.kind);
    insert.bind(2, load.source_file);
    insert.bind(3, load.recorded_at);
    insert.bind(4, load.recorded_by);
    insert.bind(5, load.tool);
    insert.run();
    return db.last_insert_rowid();
}

/// Inserts the records; returns their ids, in the same order.
std::vector<std::int64_t> insert_records(Database& db, std::int64_t load_id,
                                         std::span<const Record> records) {
    Statement insert(db, "INSERT INTO records (load_id, kind, key, reported, line, data) "
                         "VALUES (?, ?, ?, ?, ?, ?)");
    std::vector<std::int64_t> ids;
    ids.reserve(records.size());
    for (const Record& record : records) {
        insert.bind(1, load_id);
        insert.bind(2, record.kind);
        insert.bind(3, record.key);
        insert.bind(4, record.reported);
        insert.bind(5, record.line);
        insert.bind(6, record.data);
        insert.run();
        ids.push_back(db.last_insert_rowid());
    }
    return ids;
}

void write_current(Database& db, std::int64_t load_id, std::span<const std::int64_t> record_ids,
                   std::span<const CurrentRow> rows) {
    Statement upsert(db, "INSERT OR REPLACE INTO current (kind, key, data, reported, load_id, "
                         "record_id, line) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const CurrentRow& row : rows) {
        if (row.appended && *row.appended >= record_ids.size()) {
            throw StorageError(fmt::format("{}: the latest state of {} '{}' names record {} of a "
                                           "load of {}",
                                           db.path(), row.kind, row.key, *row.appended,
                                           record_ids.size()));
        }
        upsert.bind(1, row.kind);
        upsert.bind(2, row.key);
        upsert.bind(3, row.data);
        upsert.bind(4, row.reported);
        upsert.bind(5, row.appended ? load_id : row.load_id);
        upsert.bind(6, row.appended ? record_ids[*row.appended] : row.record_id);
        upsert.bind(7, row.line);
        upsert.run();
    }
}

/// " WHERE <column> IN (?, ?...)" for the kinds asked, nothing for all.
std::string kind_filter(std::string_view column, std::span<const std::string> kinds) {
    if (kinds.empty()) {
        return {};
    }
    std::string sql = fmt::format(" WHERE {} IN (", column);
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        sql += k == 0 ? "?" : ", ?";
    }
    return sql + ")";
}

void bind_kinds(Statement& statement, std::span<const std::string> kinds) {
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        statement.bind(static_cast<int>(k) + 1, std::string_view(kinds[k]));
    }
}

} // namespace

History read_history(const std::filesystem::path& file, std::span<const std::string> kinds) {
    Database db = open_project(file, Database::Mode::ReadOnly);
    History history;
    const std::int64_t version = schema_version(db);
    history.has_current = version >= kCurrentSchema;
    if (version < kRegistrySchema) {
        return history;
    }
    Statement loads(db, "SELECT id, kind, source_file, recorded_at, recorded_by, tool FROM loads "
                        "ORDER BY id");
    while (loads.step()) {
        history.loads.push_back({loads.column_int(0), loads.column_text(1), loads.column_text(2),
                                 loads.column_text(3), loads.column_text(4), loads.column_text(5)});
    }
    Statement records(db, "SELECT id, load_id, kind, key, reported, line, data FROM records" +
                              kind_filter("kind", kinds) + " ORDER BY id");
    bind_kinds(records, kinds);
    while (records.step()) {
        history.records.push_back({records.column_int(0), records.column_int(1),
                                   records.column_text(2), records.column_text(3),
                                   records.column_text(4), records.column_int(5),
                                   records.column_text(6)});
    }
    return history;
}

std::optional<std::vector<CurrentRow>> read_current(const std::filesystem::path& file,
                                                    std::span<const std::string> kinds) {
    Database db = open_project(file, Database::Mode::ReadOnly);
    const std::int64_t version = schema_version(db);
    if (version < kRegistrySchema) {
        return std::vector<CurrentRow>{}; // no registry yet: nothing to replay either
    }
    if (version < kCurrentSchema) {
        return std::nullopt;
    }
    std::vector<CurrentRow> rows;
    Statement current(db, "SELECT c.kind, c.key, c.data, c.reported, c.load_id, c.record_id, "
                          "c.line, l.source_file FROM current c LEFT JOIN loads l ON "
                          "l.id = c.load_id" +
                              kind_filter("c.kind", kinds) + " ORDER BY c.kind, c.key");
    bind_kinds(current, kinds);
    while (current.step()) {
        rows.push_back({current.column_text(0), current.column_text(1), current.column_text(2),
                        current.column_text(3), current.column_int(4), current.column_int(5),
                        current.column_int(6), current.column_text(7), std::nullopt});
    }
    return rows;
}

std::int64_t append_load(const std::filesystem::path& file, const Load& load,
                         std::span<const Record> records, const CurrentUpdate& current) {
    Database db = open_project(file, Database::Mode::ReadWrite);
    // A rollback journal with full syncs: a crash at any point leaves a hot journal that the
    // next open rolls back, so the file holds all of this load or none of it.
    db.exec("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
    sqlite::Transaction transaction(db);
    // BEGIN IMMEDIATE holds the write lock from here, so no load can slip in after this check.
    const std::int64_t last = schema_version(db) >= kRegistrySchema ? last_load_id(db) : 0;
    if (last != current.after_load) {
        throw LoadRaced(fmt::format("{}: another load (id {}) was written while this one was "
                                    "being prepared; nothing written, run it again",
                                    file.string(), last));
    }
    migrate(db);
    const std::int64_t load_id = insert_load(db, load);
    const std::vector<std::int64_t> record_ids = insert_records(db, load_id, records);
    write_current(db, load_id, record_ids, current.rows);
    transaction.commit();
    return load_id;
}

} // namespace dayafter::store
