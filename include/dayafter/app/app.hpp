// The use cases of dayafter, as the CLI and a later server call them: open a project's state at
// a date, access, status, owners, history, exports, load, import and info. Each takes a request
// and returns an answer as a value (or writes the files it names); failures are exceptions
// (InputError for bad input, StorageError for the store). Nothing here prints.
//
//     const app::StatusAnswer answer = app::status({.project = "town.dayafter"}, 2);
//     report::status_json(answer.snapshot, answer.status, answer.areas).dump(2);
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "dayafter/access/service_access.hpp"
#include "dayafter/io/graph_export.hpp"
#include "dayafter/io/osm_import.hpp"
#include "dayafter/model/town_summary.hpp"
#include "dayafter/plan/planner.hpp"

#include "dayafter/plan/makespan.hpp"
#include "dayafter/registry/load.hpp"
#include "dayafter/report/history.hpp"
#include "dayafter/report/json.hpp"
#include "dayafter/report/registry_export.hpp"
#include "dayafter/report/registry_reports.hpp"
#include "dayafter/snapshot/snapshot.hpp"
#include "dayafter/store/plan_store.hpp"
#include "dayafter/util/log.hpp"

namespace dayafter::app {

/// A project's state to read: its file, the date, a configuration for this run.
struct ReadRequest {
    std::filesystem::path project;
    std::optional<std::string> as_of;
    std::filesystem::path config; // empty: the project's own
    std::optional<double> population_total;
};

/// The snapshot with the registry kinds given (empty: all).
[[nodiscard]] snapshot::Snapshot open_snapshot(const ReadRequest& request,
                                               std::vector<registry::Kind> kinds = {});

// ---- import and info ---------------------------------------------------------------------------

struct ImportRequest {
    std::filesystem::path input;
    std::filesystem::path project;
    std::filesystem::path config; // kept in the project; empty: defaults
    bool overwrite = false;
    bool discard_registry = false; // with overwrite: replace even a project with a registry
    bool update = false;           // replace the map of an existing project, keep its registry
    std::string by;                // with update: who records the load that re-matches facilities
};
/// Imports the OSM extract into a new project; returns the town written.
model::Town import_osm(const ImportRequest& request, const Logger& log);

struct InfoAnswer {
    model::Town town;
    model::TownSummary summary;
};
[[nodiscard]] InfoAnswer info(const std::filesystem::path& project);

// ---- access
// --------------------------------------------------------------------------------------

struct AccessRequest {
    ReadRequest read;
    std::string service; // empty: every service of the configuration
    std::optional<graph::TravelMode> mode;
};

struct AccessAnswer {
    snapshot::Snapshot snapshot;
    std::vector<access::ServiceAccess> results; // computed services
    std::vector<report::Skipped> skipped;       // services with nothing to compute
};

/// Throws InputError for an unknown service, for one service asked that cannot be computed, and
/// when no service can be.
[[nodiscard]] AccessAnswer access(const AccessRequest& request, const Logger& log);

// ---- registry reports
// ------------------------------------------------------------------------------

struct StatusAnswer {
    snapshot::Snapshot snapshot;
    report::StatusReport status;
    std::optional<report::AreaReport> areas; // with by_area > 0
};
[[nodiscard]] StatusAnswer status(const ReadRequest& request, int by_area);

[[nodiscard]] report::OwnersReport owners(const ReadRequest& request);

[[nodiscard]] std::vector<report::HistoryRow> history(const std::filesystem::path& project,
                                                      const report::HistoryFilter& filter,
                                                      std::size_t* recorded = nullptr);

// ---- exports
// ---------------------------------------------------------------------------------------

void export_kind(const ReadRequest& request, registry::Kind kind, report::ExportFormat format,
                 std::ostream& out);

/// The routable graph as access uses it at that date: with the hazards' effects, and only the
/// facilities that function as sources.
io::GraphExportSummary export_graph(const ReadRequest& request, graph::TravelMode mode,
                                    const std::string& service,
                                    const std::filesystem::path& folder);

struct GisExportRequest {
    ReadRequest read;
    std::filesystem::path out; // the GeoPackage to write
    bool with_access = true;   // add places with access per service, and catchments
    std::optional<graph::TravelMode> mode;
    bool replace = false; // --force: replace an existing file
};

struct GisExportAnswer {
    std::vector<std::pair<std::string, std::size_t>> layers; // name, features
    std::vector<report::Skipped> skipped; // services without a facility, left out of access
};

/// The project as one styled GeoPackage for QGIS (report/gis_layers.hpp).
GisExportAnswer export_gpkg(const GisExportRequest& request, const Logger& log);

/// Every facility with its decoded status as GeoJSON points (the GeoPackage's facilities layer);
/// an existing file is replaced only when `replace` is set. Returns the facilities written.
std::size_t export_status(const ReadRequest& request, const std::filesystem::path& out,
                          bool replace);

// ---- load
// ------------------------------------------------------------------------------------------

struct LoadRequest {
    registry::Kind kind = registry::Kind::Facilities;
    std::filesystem::path file;
    std::filesystem::path project;
    registry::LoadOptions options;
    std::string by; // who loads it
    bool dry_run = false;
};

struct LoadAnswer {
    registry::LoadPlan plan;
    bool written = false;
};

/// Plans the load and, when the file has no problem and something changes (and not a dry run),
/// appends it to the store in one transaction.
[[nodiscard]] LoadAnswer load(const LoadRequest& request, const Logger& log);

// ---- plan --------------------------------------------------------------------------------------

struct PlanRequest {
    ReadRequest read;
    plan::PlanOptions options;
    std::filesystem::path out; // folder for schedule.csv, curve.csv, tasks.geojson
    bool store = true;         // keep the plan and its inputs in the project (--no-store: off)
};

struct PlanAnswer {
    snapshot::Snapshot snapshot;
    plan::Plan plan;
    std::vector<std::filesystem::path> files;
    std::optional<std::int64_t> stored_id = std::nullopt; // the plan's id in the project
};

/// Derives the tasks, schedules them, writes the plan's files and (unless request.store is off)
/// appends the plan with its inputs to the project. Throws InputError for a bad horizon, a
/// currency without a rate or circular precedence; nothing is written then.
[[nodiscard]] PlanAnswer plan(const PlanRequest& request, const Logger& log);

/// The plans stored in the project, oldest first; empty for a project without any.
[[nodiscard]] std::vector<store::StoredPlan> plans(const std::filesystem::path& project);

/// The stored plan with that id; InputError when the project has none such.
[[nodiscard]] store::StoredPlan stored_plan(const std::filesystem::path& project, std::int64_t id);

// ---- rcpsp (PSPLIB)
// ----------------------------------------------------------------------------

struct RcpspRequest {
    std::filesystem::path file; // a PSPLIB single-mode .sm file
    plan::MakespanOptions options;
};

struct RcpspAnswer {
    io::PsplibInstance instance;
    plan::MakespanResult result;
    double seconds = 0; // wall time of the search, reading excluded
};

/// The shortest schedule the scheduling core finds for a PSPLIB instance. Throws InputError
/// naming the file and line for a file that does not read as PSPLIB.
[[nodiscard]] RcpspAnswer rcpsp(const RcpspRequest& request);

// ---- what-ifs -------------------------------------------------------------------------------

struct CompareRequest {
    ReadRequest read;
    std::vector<std::filesystem::path> scenarios; // the first is the baseline
    /// With a value: each scenario's own plan too, made with these options, and the baseline's
    /// plan replayed under each scenario.
    std::optional<plan::PlanOptions> plan;
};

/// A scenario's plan in brief (all from plan::make_plan on the scenario's state).
struct ScenarioPlan {
    /// Per service: the first day at least 90% of the baseline's people within now are within
    /// again; nothing when not within the horizon.
    std::vector<std::optional<plan::Day>> day_90_of_baseline;
    double gain = 0;          // area under the scenario's own plan's curve (people-days)
    double baseline_gain = 0; // the baseline's order of work followed here
    double money_needed = 0;  // every task that can be done, in the planning currency
    double money_missing = 0; // of which nobody pays
    std::string currency;
    std::size_t tasks = 0;
    std::size_t not_done = 0; // tasks nobody can do or pay for, or beyond the horizon
};

/// One scenario's figures: per service of the configuration, access with its changes applied.
struct ScenarioFigures {
    std::string name;
    std::string description;
    std::filesystem::path file;
    std::vector<access::ServiceAccess> results; // computed services, in configuration order
    bool cold = false;                          // added facilities: computed from scratch
    std::vector<std::string> plan_only;         // changes that act on plans alone
    std::vector<std::string> notes;             // what the plan's state could not take
    std::optional<ScenarioPlan> plan;
};

struct CompareAnswer {
    snapshot::Snapshot snapshot;
    std::vector<ScenarioFigures> scenarios;
};

/// Reads every scenario and checks every name it uses against the project (refusing any bad
/// one before computing), then applies each to one incremental session in turn and takes it back
/// (a scenario that adds facilities is computed on its own state, from scratch). With `plan`,
/// makes each scenario's plan on its state (snapshot/scenario_state.hpp). Nothing is stored.
/// Throws InputError.
[[nodiscard]] CompareAnswer compare(const CompareRequest& request, const Logger& log);

// ---- report ------------------------------------------------------------------------------------

struct ReportRequest {
    ReadRequest read;
    std::filesystem::path out;                    // the HTML file
    plan::PlanOptions plan;                       // the plan the page shows (not stored)
    std::vector<std::filesystem::path> scenarios; // what-ifs; the first is the baseline
    bool plan_scenarios = false;                  // each what-if's own plan too (slower)
    std::string town;                             // empty: from the OSM extract's file name
    std::string illustrative_note;                // empty: from the sources marked illustrative
    bool replace = false;                         // --force
};

struct ReportAnswer {
    std::size_t bytes = 0; // of the page written
    std::size_t roads = 0, facilities = 0, hazards = 0, places = 0, tasks = 0, scenarios = 0;
    bool illustrative = false;
    std::vector<report::Skipped> skipped; // services left out of access
};

/// Access, status, owners, a plan and the what-ifs, written as one HTML page that opens offline
/// (report/report_page.hpp). Refuses an existing file unless `replace` (before any work), and
/// bad scenario files before computing anything. Nothing is stored in the project.
ReportAnswer write_report(const ReportRequest& request, const Logger& log);

} // namespace dayafter::app
