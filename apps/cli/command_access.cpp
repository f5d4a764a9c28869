#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "dayafter/access/service_access.hpp"
#include "dayafter/io/access_export.hpp"
#include "dayafter/io/project_config.hpp"
#include "dayafter/registry/situation.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/store/registry_store.hpp"
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
};

/// 12345.6 -> "12,346".
std::string people(double count) {
    const std::string digits = fmt::format("{:.0f}", count);
    std::string grouped;
    const std::size_t sign = digits.starts_with('-') ? 1 : 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const std::size_t left = digits.size() - i;
        if (i > sign && left % 3 == 0) {
            grouped.push_back(',');
        }
        grouped.push_back(digits[i]);
    }
    return grouped;
}

std::string share(double part, double total) {
    return total > 0 ? fmt::format("{:.1f}%", 100 * part / total) : "-";
}

std::filesystem::path default_out(const std::string& project) {
    std::filesystem::path path(project);
    path.replace_extension();
    path += "-access";
    return path;
}

struct Skipped {
    std::string service;
    std::string reason;
};

std::string situation_text(const registry::Situation& s) {
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

void print_table(const std::string& project, const model::PopulationEstimate& estimate,
                 const std::vector<access::ServiceAccess>& results,
                 const std::vector<Skipped>& skipped, const registry::Situation& situation) {
    fmt::print("Access in {} (road data (c) OpenStreetMap contributors, ODbL)\n", project);
    fmt::print("{}\n", situation_text(situation));
    fmt::print("Population: {} people at {} places, estimated from {}{}.\n\n",
               people(estimate.total), people(static_cast<double>(estimate.places.size())),
               model::to_string(estimate.source),
               estimate.source == model::PopulationSource::Loaded ? ""
               : estimate.scaled                                  ? ", scaled to the given total"
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
                   graph::to_string(r.mode), model::format_threshold(r.service),
                   r.facilities.size() - r.unsnapped,
                   fmt::format("{} ({})", people(r.within), share(r.within, r.total)),
                   fmt::format("{} ({})", people(r.beyond), share(r.beyond, r.total)),
                   fmt::format("{} ({})", people(r.cut_off), share(r.cut_off, r.total)), overload);
    }
    for (const Skipped& s : skipped) {
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

nlohmann::json summary_json(const model::PopulationEstimate& estimate,
                            const std::vector<access::ServiceAccess>& results,
                            const std::vector<Skipped>& skipped,
                            const registry::Situation& situation) {
    nlohmann::json json;
    json["facility_status"] = situation.with_status == 0 ? "unknown" : "loaded";
    json["facilities_with_status"] = situation.with_status;
    json["facilities_not_functioning"] = situation.not_functioning;
    json["edges_blocked"] = {{"walk", situation.edges_blocked[0]},
                             {"drive", situation.edges_blocked[1]}};
    json["population"] = {{"total", estimate.total},
                          {"places", estimate.places.size()},
                          {"source", model::to_string(estimate.source)},
                          {"scaled", estimate.scaled}};
    for (const access::ServiceAccess& r : results) {
        json["services"].push_back(
            {{"service", r.service.name},
             {"mode", graph::to_string(r.mode)},
             {"measure", model::to_string(r.service.measure)},
             {"threshold", r.service.threshold},
             {"threshold_source", r.service.threshold_source},
             {"facilities", r.facilities.size() - r.unsnapped},
             {"facilities_unsnapped", r.unsnapped},
             {"people", r.total},
             {"within", r.within},
             {"beyond", r.beyond},
             {"cut_off", r.cut_off},
             {"capacity_people", r.service.capacity_people
                                     ? nlohmann::json(*r.service.capacity_people)
                                     : nlohmann::json(nullptr)},
             {"overloaded_facilities", r.overloaded},
             {"people_not_taken", r.unserved}});
    }
    for (const Skipped& s : skipped) {
        json["skipped"].push_back({{"service", s.service}, {"reason", s.reason}});
    }
    return json;
}

void run_access(const AccessOptions& options, const Context& context) {
    const Logger log = context.logger();
    std::optional<graph::TravelMode> mode;
    if (!options.mode.empty()) {
        mode = graph::parse_travel_mode(options.mode);
        if (!mode) {
            throw InputError(
                fmt::format("unknown travel mode '{}' (use walk or drive)", options.mode));
        }
    }
    if (!options.per_node.empty() && options.service.empty()) {
        throw InputError("--per-node writes the times of one service: give --service too");
    }
    const model::Town imported = store::read_project(options.project);
    const registry::Registry state = registry::Registry::at(store::read_history(options.project),
                                                            date_option(options.as_of, "--as-of"));
    io::ProjectConfig config =
        io::run_config(imported.config_json, options.project, options.config);
    if (options.population_total) {
        config.population.total = options.population_total;
    }
    std::vector<model::Service> services = config.services;
    const bool one_service = !options.service.empty();
    if (one_service) {
        const model::Service* found = model::find_service(services, options.service);
        if (found == nullptr) {
            throw InputError(fmt::format("unknown service '{}' (known: {})", options.service,
                                         model::service_names(services)));
        }
        services = {*found};
    }

    const registry::Situation situation = registry::situate(imported, state, config.rubble);
    const model::Town& town = situation.town;
    log.progress("estimating population");
    std::optional<model::PopulationEstimate> loaded = registry::loaded_population(state);
    const model::PopulationEstimate estimate =
        loaded ? std::move(*loaded) : model::estimate_population(town, config.population);
    if (!estimate.scaled) {
        log.warning(fmt::format("population is an unscaled estimate from {} ({} people by "
                                "ASSUMED densities); give --population-total N to scale it",
                                model::to_string(estimate.source), people(estimate.total)));
    }
    std::map<graph::TravelMode, std::vector<access::PlaceSnap>> snaps;
    std::vector<access::ServiceAccess> results;
    std::vector<Skipped> skipped;
    for (const model::Service& service : services) {
        const graph::TravelMode service_mode = mode.value_or(service.mode);
        if (!snaps.contains(service_mode)) {
            log.progress(fmt::format("snapping {} places ({})", estimate.places.size(),
                                     graph::to_string(service_mode)));
            snaps[service_mode] = access::snap_places(town, estimate.places, service_mode);
        }
        log.progress(fmt::format("computing access to {}", service.name));
        try {
            results.push_back(access::compute_access(town, estimate.places, snaps[service_mode],
                                                     service, service_mode));
        } catch (const InputError& e) {
            if (one_service) {
                throw;
            }
            skipped.push_back({service.name, e.what()});
            continue;
        }
        const access::ServiceAccess& r = results.back();
        for (const access::FacilityLoad& load : r.facilities) {
            if (!load.snapped) {
                log.warning(fmt::format(
                    "{}: facility {} ({}) has no road usable {}; left out", service.name,
                    town.facilities[load.facility].code, town.facilities[load.facility].name,
                    service_mode == graph::TravelMode::Walk ? "on foot" : "by car"));
            }
        }
        if (r.cut_off > 0) {
            log.warning(fmt::format("{}: {} people cannot reach any facility ({})", service.name,
                                    people(r.cut_off), share(r.cut_off, r.total)));
        }
    }
    if (results.empty()) {
        std::string reasons;
        for (const Skipped& s : skipped) {
            reasons += fmt::format("\n  {}", s.reason);
        }
        throw InputError(fmt::format("{}: no service has a facility in the project:{}",
                                     options.project, reasons));
    }
    const std::filesystem::path out =
        options.out.empty() ? default_out(options.project) : std::filesystem::path(options.out);
    log.progress(fmt::format("writing {}", out.string()));
    const auto files = io::write_access_files(town, estimate.places, results, out);
    if (!options.per_node.empty()) {
        const access::ServiceAccess& r = results.front();
        io::write_node_times(options.per_node, access::node_times_us(town, r.service, r.mode));
        log.info(fmt::format("wrote per-node times to {}", options.per_node));
    }
    if (options.json) {
        fmt::print("{}\n", summary_json(estimate, results, skipped, situation).dump(2));
    } else {
        print_table(options.project, estimate, results, skipped, situation);
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
        ->check(CLI::PositiveNumber);
    access->add_option("--out", options->out,
                       "Folder for the files (default: NAME-access beside the project)");
    access->add_option("--per-node", options->per_node,
                       "Also write id,seconds per road node for --service (the graph of `export "
                       "graph`), for ../shared/bench/compare.py");
    access->add_option("--as-of", options->as_of,
                       "Use the registry (statuses, hazards, population) as reported on or before\n"
                       "this date (YYYY-MM-DD); default: the latest");
    access->add_flag("--json", options->json, "Print the summary as JSON");
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
