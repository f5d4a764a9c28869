// dayafter access: who can reach a functioning service, per place and service.
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/access/session.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/report/access_files.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::cli {
namespace {

struct AccessOptions {
    std::string project;
    std::string service;
    std::string mode;
    std::string config;
    std::optional<double> population_total;
    std::string out;
    std::string per_node;
    std::string as_of;
    bool json = false;
    bool force = false;
};

/// The files report::write_access_files writes (report/access_files.hpp).
std::vector<std::filesystem::path> access_files(const std::filesystem::path& folder) {
    return {folder / "places.csv", folder / "places.geojson", folder / "facilities.geojson",
            folder / "catchments.geojson"};
}

std::filesystem::path default_out(const std::string& project) {
    std::filesystem::path path(project);
    path.replace_extension();
    path += "-access";
    return path;
}

std::string situation_text(const snapshot::SituationCounts& s) {
    if (s.with_status == 0) {
        return "Facility status: unknown (none loaded yet): every mapped facility counts as "
               "functioning.";
    }
    return fmt::format("Facility status: loaded for {} facilities ({} not functioning, {} added "
                       "from files); those without a status count as functioning.\n"
                       "Hazards: {} road segments blocked on foot, {} by car; {} slowed on foot, "
                       "{} by car.",
                       s.with_status, s.not_functioning, s.added, s.edges_blocked[0],
                       s.edges_blocked[1], s.edges_slowed[0], s.edges_slowed[1]);
}

void print_table(const std::string& project, const app::AccessAnswer& answer) {
    const model::PopulationEstimate& estimate = answer.snapshot.population();
    const std::vector<access::ServiceAccess>& results = answer.results;
    fmt::print("Access in {} (road data (c) OpenStreetMap contributors, ODbL)\n", project);
    fmt::print("{}\n", situation_text(answer.snapshot.counts()));
    fmt::print("Population: {} people at {} places, estimated from {}{}.\n\n",
               people(estimate.total), people(static_cast<double>(estimate.places.size())),
               model::to_string(estimate.source),
               estimate.source == model::PopulationSource::Loaded ||
                       estimate.source == model::PopulationSource::AreaCounts
                   ? ""
               : estimate.scaled ? ", scaled to the given total"
                                 : " by ASSUMED densities (give --population-total to scale)");
    fmt::print("{:<10} {:<5} {:>9} {:>10}  {:>17}  {:>17}  {:>17}  {}\n", "service", "mode",
               "threshold", "facilities", "within", "beyond", "cut off",
               "overloaded facilities (people not taken)");
    for (const access::ServiceAccess& r : results) {
        const std::string overload = r.service.capacity_people
                                         ? fmt::format("{} of {} ({})", r.overloaded,
                                                       r.facilities.size(), people(r.unserved))
                                         : "capacity unknown";
        fmt::print("{:<10} {:<5} {:>9} {:>10}  {:>17}  {:>17}  {:>17}  {}\n", r.service.name,
                   graph::to_string(r.mode), model::format_threshold(r.service), r.serving(),
                   fmt::format("{} ({})", people(r.within), share(r.within, r.total)),
                   fmt::format("{} ({})", people(r.beyond), share(r.beyond, r.total)),
                   fmt::format("{} ({})", people(r.cut_off), share(r.cut_off, r.total)), overload);
    }
    for (const report::Skipped& s : answer.skipped) {
        fmt::print("{:<10} skipped: {}\n", s.service, s.reason);
    }
    fmt::print("\nSources of the thresholds and capacities:\n");
    for (const access::ServiceAccess& r : results) {
        fmt::print("  {}: {}; capacity: {}\n", r.service.name, r.service.threshold_source,
                   r.service.capacity_people
                       ? fmt::format("{} people per facility ({})", *r.service.capacity_people,
                                     r.service.capacity_source)
                       : r.service.capacity_source);
    }
}

void warn(const app::AccessAnswer& answer, const Logger& log) {
    const model::Town& town = answer.snapshot.town();
    for (const access::ServiceAccess& r : answer.results) {
        for (const access::FacilityLoad& load : r.facilities) {
            if (!load.snapped) {
                log.warning(fmt::format("{}: facility {} ({}) has no road usable {}; left out",
                                        r.service.name, town.facilities[load.facility].code,
                                        town.facilities[load.facility].name,
                                        r.mode == graph::TravelMode::Walk ? "on foot" : "by car"));
            }
        }
        for (const access::IsolatedFacility& island :
             access::isolated_facilities(answer.snapshot, r)) {
            const model::Facility& f = town.facilities[island.facility];
            log.warning(fmt::format("{}: facility {}{} is on a road island of {} node{} {}, cut "
                                    "from the rest of the network: it serves only what lies on it",
                                    r.service.name, f.code,
                                    f.name.empty() ? "" : fmt::format(" ({})", f.name),
                                    island.component_nodes, island.component_nodes == 1 ? "" : "s",
                                    r.mode == graph::TravelMode::Walk ? "on foot" : "by car"));
        }
        if (r.cut_off > 0) {
            log.warning(fmt::format("{}: {} people cannot reach any facility ({})", r.service.name,
                                    people(r.cut_off), share(r.cut_off, r.total)));
        }
    }
}

void run_access(const AccessOptions& options, const Context& context) {
    const Logger log = context.logger();
    const std::optional<graph::TravelMode> mode = mode_option(options.mode);
    if (!options.per_node.empty() && options.service.empty()) {
        throw InputError("--per-node writes the times of one service: give --service too");
    }
    const std::filesystem::path out =
        options.out.empty() ? default_out(options.project) : std::filesystem::path(options.out);
    std::vector<std::filesystem::path> outputs = access_files(out);
    if (!options.per_node.empty()) {
        outputs.emplace_back(options.per_node);
    }
    refuse_to_replace(outputs, options.force);
    const app::AccessAnswer answer =
        app::access({{options.project, date_option(options.as_of, "--as-of"), options.config,
                      options.population_total},
                     options.service,
                     mode},
                    log);
    warn(answer, log);
    log.progress(fmt::format("writing {}", out.string()));
    const model::Town& town = answer.snapshot.town();
    const auto files =
        report::write_access_files(town, answer.snapshot.population().places, answer.results, out);
    if (!options.per_node.empty()) {
        const access::ServiceAccess& r = answer.results.front();
        report::write_node_times(options.per_node, access::node_times_us(town, r.service, r.mode));
        log.info(fmt::format("wrote per-node times to {}", options.per_node));
    }
    if (options.json) {
        fmt::print("{}\n",
                   report::access_json(answer.snapshot, answer.results, answer.skipped).dump(2));
    } else {
        print_table(options.project, answer);
    }
    std::string written;
    for (const auto& file : files) {
        written += written.empty() ? "" : ", ";
        written += file.filename().string();
    }
    log.info(fmt::format("wrote {} in {}", written, out.string()));
}

} // namespace

Runner add_access_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<AccessOptions>();
    CLI::App* access = app.add_subcommand(
        "access",
        "Who can reach a functioning service: for every place where people live, the travel time\n"
        "(or distance, for water) to the nearest facility of each service over the road network,\n"
        "the facility that serves it, and whether that is within the service's threshold.\n"
        "Prints a summary and writes places.csv (HXL), places.geojson, facilities.geojson and\n"
        "catchments.geojson. Reads the project only; nothing is written to it.");
    access->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    access->add_option("--service", options->service,
                       "One service only: health, hospital, bread, water, education, or one "
                       "defined in the configuration (default: all)");
    access->add_option("--mode", options->mode,
                       "walk or drive, for every service (default: each service's own mode)");
    access
        ->add_option("--config", options->config,
                     "Configuration (JSON) over the project's for this run: services "
                     "(thresholds, capacities), population and rubble (docs/cli/access.md)")
        ->check(CLI::ExistingFile);
    access
        ->add_option("--population-total", options->population_total,
                     "Scale the population estimate to this many people")
        ->check(finite_number(0, false));
    access->add_option("--out", options->out,
                       "Folder for the files (default: NAME-access beside the project)");
    access->add_option("--per-node", options->per_node,
                       "Also write id,seconds per road node for --service (the graph of `export "
                       "graph`), for ../shared/bench/compare.py");
    access->add_option("--as-of", options->as_of,
                       "Use the registry (statuses, hazards, population) as reported on or before\n"
                       "this date (YYYY-MM-DD); default: the latest");
    access->add_flag("--json", options->json, "Print the summary as JSON");
    add_force_flag(*access, options->force);
    access->footer(
        "Example:\n"
        "  dayafter access --project monaco.dayafter --population-total 38000\n"
        "  dayafter access --project monaco.dayafter --service hospital --mode walk --out out/\n\n"
        "Default thresholds (with their sources, printed under the table): health 60 min on\n"
        "foot (WHO), water 500 m on foot with 250 people per water point (Sphere), hospital\n"
        "60 min by car, bread and education 30 min on foot (ASSUMPTIONS: no verified norm).\n"
        "People are estimated from building footprints (or residential streets where no\n"
        "building is mapped) and scaled to --population-total. Times run from the place to\n"
        "the facility; the walk from a place to its nearest road counts at 5 km/h.\n"
        "Exit codes: 0 done (people cut off are counted, not an error), 2 bad input.");
    return [options, access, &context] {
        if (access->parsed()) {
            run_access(*options, context);
        }
    };
}

} // namespace dayafter::cli
