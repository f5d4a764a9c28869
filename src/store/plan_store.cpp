#include "dayafter/store/plan_store.hpp"

#include <string_view>
#include <utility>

#include "store/project_file.hpp"
#include "store/sqlite/sqlite.hpp"

namespace dayafter::store {
using sqlite::Database;
using sqlite::Statement;

namespace {

/// The first schema with the table of plans.
constexpr std::int64_t kPlansSchema = 4;

constexpr std::string_view kColumns =
    "id, created, as_of, start, horizon_days, solver, seed, time_limit_s, max_evaluations, "
    "samples, config_json, population_total, summary_json, schedule_json";

StoredPlan plan_of_row(const Statement& row) {
    StoredPlan plan;
    plan.id = row.column_int(0);
    plan.created = row.column_text(1);
    if (!row.column_is_null(2)) {
        plan.as_of = row.column_text(2);
    }
    plan.start = row.column_text(3);
    plan.horizon_days = row.column_int(4);
    plan.solver = row.column_text(5);
    plan.seed = static_cast<std::uint64_t>(row.column_int(6));
    plan.time_limit_s = row.column_double(7);
    plan.max_evaluations = row.column_int(8);
    plan.samples = row.column_int(9);
    plan.config_json = row.column_text(10);
    if (!row.column_is_null(11)) {
        plan.population_total = row.column_double(11);
    }
    plan.summary_json = row.column_text(12);
    plan.schedule_json = row.column_text(13);
    return plan;
}

std::vector<StoredPlan> select_plans(const std::filesystem::path& file,
                                     std::optional<std::int64_t> id) {
    Database db = open_project(file, Database::Mode::ReadOnly);
    if (schema_version(db) < kPlansSchema) {
        return {}; // written before plans were stored
    }
    Statement select(db, std::string("SELECT ") + std::string(kColumns) + " FROM plans" +
                             (id ? " WHERE id = ?" : "") + " ORDER BY id");
    if (id) {
        select.bind(1, *id);
    }
    std::vector<StoredPlan> plans;
    while (select.step()) {
        plans.push_back(plan_of_row(select));
    }
    return plans;
}

} // namespace

std::int64_t append_plan(const std::filesystem::path& file, const StoredPlan& plan) {
    Database db = open_project(file, Database::Mode::ReadWrite);
    // As append_load: a rollback journal with full syncs, so a crash leaves a hot journal that
    // the next open rolls back, and BEGIN IMMEDIATE takes the write lock at once.
    db.exec("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
    sqlite::Transaction transaction(db);
    migrate(db);
    Statement insert(db, "INSERT INTO plans (created, as_of, start, horizon_days, solver, seed, "
                         "time_limit_s, max_evaluations, samples, config_json, population_total, "
                         "summary_json, schedule_json) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, plan.created);
    insert.bind(2, plan.as_of);
    insert.bind(3, plan.start);
    insert.bind(4, plan.horizon_days);
    insert.bind(5, plan.solver);
    // SQLite integers are signed: the seed is kept as its bit pattern and read back the same.
    insert.bind(6, static_cast<std::int64_t>(plan.seed));
    insert.bind(7, plan.time_limit_s);
    insert.bind(8, plan.max_evaluations);
    insert.bind(9, plan.samples);
    insert.bind(10, plan.config_json);
    insert.bind(11, plan.population_total);
    insert.bind(12, plan.summary_json);
    insert.bind(13, plan.schedule_json);
    insert.run();
    const std::int64_t id = db.last_insert_rowid();
    transaction.commit();
    return id;
}

std::vector<StoredPlan> read_plans(const std::filesystem::path& file) {
    return select_plans(file, std::nullopt);
}

std::optional<StoredPlan> read_plan(const std::filesystem::path& file, std::int64_t id) {
    std::vector<StoredPlan> plans = select_plans(file, id);
    if (plans.empty()) {
        return std::nullopt;
    }
    return std::move(plans.front());
}

} // namespace dayafter::store
