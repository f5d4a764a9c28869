// The plans stored in the project: each plan made on it, with the inputs that reproduce it and
// what it found, so that reports and later commands can show it and a rerun can repeat it.
//
// A StoredPlan is plain text and numbers: the store knows nothing of plan::Plan (it sits before
// the plan module). The summary and the schedule are JSON text that the report module writes
// (report::plan_summary_json, report::plan_schedule_json); the store only checks that they are
// JSON. append_plan() adds one row in one transaction and changes nothing else in the project;
// plans are never updated. A project written before plans were stored has none, and gets the
// table at its first stored plan.
//
//     const std::int64_t id = store::append_plan("town.dayafter", stored);
//     const std::optional<store::StoredPlan> again = store::read_plan("town.dayafter", id);
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dayafter::store {

struct StoredPlan {
    std::int64_t id = 0;              // set by the store
    std::string created;              // ISO 8601 UTC, e.g. 2026-11-21T10:02:03Z
    std::optional<std::string> as_of; // the registry's date (--as-of); nothing: the latest state
    std::string start;                // ISO date of day 0
    std::int64_t horizon_days = 0;    // at least 1
    std::string solver;               // "heuristic", ...
    std::uint64_t seed = 0;
    double time_limit_s = 0;
    std::int64_t max_evaluations = 0;
    std::int64_t samples = 0;
    std::string config_json; // the configuration file's text given for the run, or ""
    std::optional<double> population_total; // --population-total; nothing: the estimate as is
    std::string summary_json;               // JSON
    std::string schedule_json;              // JSON
    friend bool operator==(const StoredPlan&, const StoredPlan&) = default;
};

/// Appends the plan (its `id` is ignored) in one transaction, upgrading an older project's schema
/// in the same transaction; nothing else in the project changes. Returns the new plan's id.
/// Throws InputError when the file is missing or not a project, StorageError when it cannot be
/// written or the plan is refused (a horizon below 1 day, a summary or schedule that is not
/// JSON); on any failure (or a crash) the project is left exactly as it was.
std::int64_t append_plan(const std::filesystem::path& file, const StoredPlan& plan);

/// Every stored plan, oldest first (newest last); empty for a project written before plans were
/// stored. Throws as append_plan does when the file is missing, not a project or unreadable.
[[nodiscard]] std::vector<StoredPlan> read_plans(const std::filesystem::path& file);

/// The plan with that id; nothing when the project has no such plan. Throws as read_plans does.
[[nodiscard]] std::optional<StoredPlan> read_plan(const std::filesystem::path& file,
                                                  std::int64_t id);

} // namespace dayafter::store
