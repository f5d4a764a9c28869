#include "dayafter/store/registry_store.hpp"

#include <fmt/format.h>

#include "dayafter/store/project_store.hpp"
#include "store/project_file.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite.hpp"

namespace dayafter::store {
using sqlite::Database;
using sqlite::Statement;

History read_history(const std::filesystem::path& file) {
    Database db = open_project(file, Database::Mode::ReadOnly);
    History history;
    if (schema_version(db) < 2) {
        return history;
    }
    Statement loads(db, "SELECT id, kind, source_file, recorded_at, recorded_by, tool FROM loads "
                        "ORDER BY id");
    while (loads.step()) {
        history.loads.push_back({loads.column_int(0), loads.column_text(1), loads.column_text(2),
                                 loads.column_text(3), loads.column_text(4), loads.column_text(5)});
    }
    Statement records(db, "SELECT id, load_id, kind, key, reported, line, data FROM records "
                          "ORDER BY id");
    while (records.step()) {
        history.records.push_back({records.column_int(0), records.column_int(1),
                                   records.column_text(2), records.column_text(3),
                                   records.column_text(4), records.column_int(5),
                                   records.column_text(6)});
    }
    return history;
}

std::int64_t append_load(const std::filesystem::path& file, const Load& load,
                         std::span<const Record> records) {
    Database db = open_project(file, Database::Mode::ReadWrite);
    // A rollback journal with full syncs: a crash at any point leaves a hot journal that the
    // next open rolls back, so the file holds all of this load or none of it.
    db.exec("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
    sqlite::Transaction transaction(db);
    const std::int64_t version = schema_version(db);
    for (auto k = static_cast<std::size_t>(version); k < sqlite::kMigrations.size(); ++k) {
        db.exec(sqlite::kMigrations[k]);
    }
    if (version < kSchemaVersion) {
        db.exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
    }
    Statement insert_load(db, "INSERT INTO loads (kind, source_file, recorded_at, recorded_by, "
                              "tool) VALUES (?, ?, ?, ?, ?)");
    insert_load.bind(1, load.kind);
    insert_load.bind(2, load.source_file);
    insert_load.bind(3, load.recorded_at);
    insert_load.bind(4, load.recorded_by);
    insert_load.bind(5, load.tool);
    insert_load.run();
    const std::int64_t load_id = [&] {
        Statement last(db, "SELECT last_insert_rowid()");
        last.step();
        return last.column_int(0);
    }();
    Statement insert(db, "INSERT INTO records (load_id, kind, key, reported, line, data) "
                         "VALUES (?, ?, ?, ?, ?, ?)");
    for (const Record& record : records) {
        insert.bind(1, load_id);
        insert.bind(2, record.kind);
        insert.bind(3, record.key);
        insert.bind(4, record.reported);
        insert.bind(5, record.line);
        insert.bind(6, record.data);
        insert.run();
    }
    transaction.commit();
    return load_id;
}

} // namespace dayafter::store
