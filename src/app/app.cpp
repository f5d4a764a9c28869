#include "dayafter/app/app.hpp"

#include <chrono>
#include <map>
#include <sstream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "dayafter/access/session.hpp"
#include "dayafter/io/project_config.hpp"
#include "dayafter/io/psplib.hpp"
#include "dayafter/registry/rematch.hpp"
#include "dayafter/report/plan_files.hpp"
#include "dayafter/report/plan_json.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/store/registry_store.hpp"
#include "dayafter/util/error.hpp"
#include "dayafter/util/text.hpp"

namespace dayafter::app {
namespace {

using registry::Kind;

/// How far a facility may have moved between two maps and still be the same one: as
/// `load --match-within`'s default.
constexpr double kUpdateMatchWithinM = 50;

std::string now_utc() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::vector<model::Service> chosen_services(const snapshot::Snapshot& snapshot,
                                            const std::string& name) {
    const std::vector<model::Service>& all = snapshot.config().services;
    if (name.empty()) {
        return all;
    }
    const model::Service* found = model::find_service(all, name);
    if (found == nullptr) {
        throw InputError(
            fmt::format("unknown service '{}' (known: {})", name, model::service_names(all)));
    }
    return {*found};
}

/// Writes the new map under the project's registry, with the load that re-matches the registry's
/// facilities to it (registry/rematch.hpp), and says what moved and what matches nothing.
void update_map(const ImportRequest& request, const model::Town& town,
                store::CreateOptions create) {
    const model::Town old_map = store::read_project(request.project);
    const store::History history = store::read_history(request.project);
    const registry::Rematch rematch =
        registry::rematch_facilities(old_map, town, history, kUpdateMatchWithinM);
    const store::Load load{
        0,         "facilities", request.input.filename().string(),
        now_utc(), request.by,   fmt::format("dayafter {} import osm --update", DAYAFTER_VERSION)};
    if (!rematch.records.empty()) {
        create.before_publish = [&](const std::filesystem::path& written) {
            store::append_load(written, load, rematch.records, rematch.current);
        };
    }
    store::create_project(request.project, town, create);
    for (const registry::FacilityMove& move : rematch.moved) {
        create.log.info(fmt::format("facility {} is {} on the new map (matched by {}); its history "
                                    "moved with it",
                                    move.from, move.to, move.how));
    }
    if (!rematch.lost.empty()) {
        create.log.warning(fmt::format(
            "{} facility(ies) of the registry match nothing on the new map (no facility with "
            "that code or OSM id, none of the same type within {:.0f} m), kept as they were and "
            "reporting on no facility: {}",
            rematch.lost.size(), kUpdateMatchWithinM, fmt::join(rematch.lost, ", ")));
    }
}

} // namespace

snapshot::Snapshot open_snapshot(const ReadRequest& request, std::vector<Kind> kinds) {
    return snapshot::Snapshot::open(request.project, {request.as_of, request.config,
                                                      request.population_total, std::move(kinds)});
}

model::Town import_osm(const ImportRequest& request, const Logger& log) {
    // Refuse an existing project or an unwritable folder before the long work, not after it.
    const store::CreateOptions create{.overwrite = request.overwrite,
                                      .discard_registry = request.discard_registry,
                                      .keep_registry = request.update,
                                      .log = log};
    store::check_can_create(request.project, create);
    io::OsmImportOptions options;
    options.log = log;
    std::string config_text;
    if (!request.config.empty()) {
        config_text = io::read_config_file(request.config);
        io::ProjectConfig config;
        io::apply_config(config_text, request.config.string(), config);
        options.speeds = config.speeds;
    }
    model::Town town = io::import_osm(request.input, options);
    town.config_json = config_text;
    town.source.imported_with = std::string("dayafter ") + DAYAFTER_VERSION;
    if (request.update) {
        update_map(request, town, create);
    } else {
        store::create_project(request.project, town, create);
    }
    return town;
}

InfoAnswer info(const std::filesystem::path& project) {
    InfoAnswer answer{store::read_project(project), {}};
    answer.summary = model::summarize(answer.town);
    return answer;
}

AccessAnswer access(const AccessRequest& request, const Logger& log) {
    AccessAnswer answer{
        open_snapshot(request.read, {Kind::Facilities, Kind::Hazards, Kind::Population}), {}, {}};
    const snapshot::Snapshot& snapshot = answer.snapshot;
    const std::vector<model::Service> services = chosen_services(snapshot, request.service);
    log.progress("estimating population");
    const model::PopulationEstimate& estimate = snapshot.population();
    for (const std::string& note : estimate.notes) {
        log.info(note);
    }
    if (!estimate.scaled) {
        log.warning(fmt::format("population is an unscaled estimate from {} ({} people by "
                                "ASSUMED densities); give --population-total N to scale it",
                                model::to_string(estimate.source),
                                util::grouped_count(estimate.total)));
    }
    log.progress(fmt::format("computing access from {} places", estimate.places.size()));
    const access::AccessSession session(snapshot, services, request.mode);
    for (std::size_t s = 0; s < session.service_count(); ++s) {
        access::ServiceAccess result = session.result(s);
        if (result.status == access::AccessStatus::Computed) {
            answer.results.push_back(std::move(result));
        } else if (!request.service.empty()) {
            throw InputError(result.problem);
        } else {
            answer.skipped.push_back({result.service.name, result.problem});
        }
    }
    if (answer.results.empty()) {
        std::string reasons;
        for (const report::Skipped& s : answer.skipped) {
            reasons += fmt::format("\n  {}", s.reason);
        }
        throw InputError(fmt::format("{}: no service has a facility in the project:{}",
                                     request.read.project.string(), reasons));
    }
    return answer;
}

StatusAnswer status(const ReadRequest& request, int by_area) {
    std::vector<Kind> kinds = {Kind::Facilities, Kind::Hazards};
    if (by_area > 0) {
        kinds.insert(kinds.end(), {Kind::Population, Kind::Activities});
    }
    StatusAnswer answer{open_snapshot(request, std::move(kinds)), {}, std::nullopt};
    answer.status = report::status_report(answer.snapshot);
    if (by_area > 0) {
        answer.areas = report::area_report(answer.snapshot, by_area);
    }
    return answer;
}

report::OwnersReport owners(const ReadRequest& request) {
    return report::owners_report(
        open_snapshot(request, {Kind::Facilities, Kind::Hazards, Kind::Orgs, Kind::Resources,
                                Kind::Funding, Kind::Activities}));
}

std::vector<report::HistoryRow> history(const std::filesystem::path& project,
                                        const report::HistoryFilter& filter,
                                        std::size_t* recorded) {
    if (!filter.kind.empty() && !registry::parse_kind(filter.kind)) {
        throw InputError(
            fmt::format("unknown kind '{}' (use one of: {})", filter.kind, registry::kind_list()));
    }
    const store::History history = store::read_history(project);
    if (recorded != nullptr) {
        *recorded = history.records.size();
    }
    return report::history_rows(history, filter);
}

void export_kind(const ReadRequest& request, registry::Kind kind, report::ExportFormat format,
                 std::ostream& out) {
    const snapshot::Snapshot snapshot = open_snapshot(request, {kind});
    report::write_kind(kind, snapshot.registry(), out, format);
}

io::GraphExportSummary export_graph(const ReadRequest& request, graph::TravelMode mode,
                                    const std::string& service,
                                    const std::filesystem::path& folder) {
    const snapshot::Snapshot snapshot = open_snapshot(request, {Kind::Facilities, Kind::Hazards});
    return io::export_graph(snapshot.town(), mode, service, folder);
}

namespace {

LoadAnswer plan_and_append(const LoadRequest& request, const Logger& log) {

    const model::Town town = store::read_project(request.project);
    const store::History history = store::read_history(request.project);
    log.progress(fmt::format("reading {}", request.file.string()));
    LoadAnswer answer{
        registry::plan_load(request.kind, request.file, town, history, request.options), false};
    const registry::LoadPlan& plan = answer.plan;
    if (!plan.problems.empty() || request.dry_run || plan.records.empty()) {
        return answer;
    }
    const store::Load load{0,
                           std::string(registry::to_string(request.kind)),
                           request.file.filename().string(),
                           now_utc(),
                           request.by,
                           std::string("dayafter ") + DAYAFTER_VERSION};
    log.progress(
        fmt::format("writing {} records to {}", plan.records.size(), request.project.string()));
    store::append_load(request.project, load, plan.records, plan.current);
    answer.written = true;
    return answer;
}

} // namespace

LoadAnswer load(const LoadRequest& request, const Logger& log) {
    // Loads run at once on one project queue on the store's lock, but each plans on the state it
    // read before; when another landed in between, plan again on the new state. Each retry
    // follows a load that did land, so this ends; the bound only guards against a bug.
    constexpr int kMaxAttempts = 100;
    for (int attempt = 1;; ++attempt) {
        try {
            return plan_and_append(request, log);
        } catch (const store::LoadRaced&) {
            if (attempt == kMaxAttempts) {
                throw;
            }
            log.progress("another load landed meanwhile; planning again on the new state");
        }
    }
}

RcpspAnswer rcpsp(const RcpspRequest& request) {
    RcpspAnswer answer{.instance = io::read_psplib(request.file)};
    const auto start = std::chrono::steady_clock::now();
    answer.result = plan::minimize_makespan(plan::from_psplib(answer.instance), request.options);
    answer.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& jobs = answer.result.schedule.jobs;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        if (!jobs[j].placed()) { // a job asking more units than a resource has, say
            throw InputError(fmt::format("{}: job {} cannot be scheduled: {}",
                                         request.file.string(), j + 1,
                                         plan::to_string(jobs[j].why)));
        }
    }
    return answer;
}

} // namespace dayafter::app

namespace dayafter::app {
namespace {

/// Appends the plan with the inputs that reproduce it to the project; returns its id.
std::int64_t store_plan(const PlanRequest& request, const plan::Plan& made, const Logger& log) {
    const plan::PlanOptions& options = request.options;
    store::StoredPlan stored;
    stored.created = now_utc();
    stored.as_of = request.read.as_of;
    stored.start = made.start;
    stored.horizon_days = options.horizon;
    // "heuristic" or "exact", and " makespan" when that was the objective: what --solver and
    // --objective take, so `dayafter plans --show` can give the command that makes it again.
    stored.solver = options.solver == plan::Solver::Exact ? "exact" : "heuristic";
    if (options.objective == plan::Objective::Makespan) {
        stored.solver += " makespan";
    }
    stored.seed = options.seed;
    stored.time_limit_s = options.time_limit_s;
    stored.max_evaluations = static_cast<std::int64_t>(options.max_evaluations);
    stored.samples = static_cast<std::int64_t>(options.samples);
    if (!request.read.config.empty()) {
        stored.config_json = io::read_config_file(request.read.config);
    }
    stored.population_total = request.read.population_total;
    stored.summary_json = report::plan_summary_json(made).dump();
    stored.schedule_json = report::plan_schedule_json(made).dump();
    log.progress(fmt::format("storing the plan in {}", request.read.project.string()));
    return store::append_plan(request.read.project, stored);
}

} // namespace

PlanAnswer plan(const PlanRequest& request, const Logger& log) {
    PlanAnswer answer{open_snapshot(request.read), {}, {}};
    log.progress("deriving repair tasks and scheduling them");
    plan::PlanOptions options = request.options;
    options.progress = [&log](std::size_t evaluations, double best) {
        log.progress(
            fmt::format("{} schedules tried, best {:.0f} people-days gained", evaluations, best));
    };
    answer.plan = plan::make_plan(answer.snapshot, options);
    if (!answer.plan.checks.empty()) {
        throw Error(
            fmt::format("the plan breaks its own rules (a bug): {}", answer.plan.checks.front()));
    }
    log.progress(fmt::format("writing {}", request.out.string()));
    answer.files = report::write_plan_files(answer.plan, request.out);
    if (request.store) {
        answer.stored_id = store_plan(request, answer.plan, log);
    }
    return answer;
}

std::vector<store::StoredPlan> plans(const std::filesystem::path& project) {
    return store::read_plans(project);
}

store::StoredPlan stored_plan(const std::filesystem::path& project, std::int64_t id) {
    std::optional<store::StoredPlan> found = store::read_plan(project, id);
    if (!found) {
        throw InputError(fmt::format("{}: no plan {} (list them with: dayafter plans --project {})",
                                     project.string(), id, project.string()));
    }
    return std::move(*found);
}

} // namespace dayafter::app
