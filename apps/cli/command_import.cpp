#include <chrono>
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"

namespace dayafter::cli {
namespace {

struct ImportOsmOptions {
    std::string input;
    std::string project;
    std::string config;
    bool force = false;
    bool discard_registry = false;
    bool update = false;
};

void run_import_osm(const ImportOsmOptions& options, const Context& context) {
    const auto start = std::chrono::steady_clock::now();
    const Logger log = context.logger();
    const model::Town town =
        app::import_osm({options.input, options.project, options.config, options.force,
                         options.discard_registry, options.update, login_name()},
                        log);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    log.info(fmt::format(
        "imported {} into {} in {:.2f} s: {} road ways -> {} nodes, {} edges; {} bridges; {} "
        "facilities; {} buildings",
        options.input, options.project, seconds, town.report.road_ways, town.roads.node_count(),
        town.roads.edge_count(), town.bridges.size(), town.facilities.size(),
        town.buildings.size()));
    if (town.report.buildings_without_area > 0) {
        log.warning(fmt::format("{} building(s) without a valid footprint were left out",
                                town.report.buildings_without_area));
    }
    if (town.report.facilities_unsnapped > 0) {
        log.warning(fmt::format("{} facility(ies) have no usable road in some travel mode",
                                town.report.facilities_unsnapped));
    }
}

} // namespace

Runner add_import_command(CLI::App& app, Context& context) {
    CLI::App* import = app.add_subcommand("import", "Create a project from outside data");
    import->require_subcommand(1);
    auto options = std::make_shared<ImportOsmOptions>();
    CLI::App* osm = import->add_subcommand(
        "osm",
        "Create a project from an OpenStreetMap extract: roads split at junctions (with one-way\n"
        "rules, bridges and the waterways they cross), essential-service facilities snapped to\n"
        "the road network, and building footprints.");
    osm->add_option("FILE", options->input,
                    "The extract: .osm.pbf, .osm, .osm.bz2, .osm.gz or .opl")
        ->required();
    osm->add_option("--project", options->project, "The project file to create (NAME.dayafter)")
        ->required();
    osm->add_flag("--force", options->force,
                  "Replace the project if it already exists (only a dayafter project, and one\n"
                  "without a registry unless --discard-registry is given)");
    osm->add_flag("--discard-registry", options->discard_registry,
                  "With --force: replace even a project that holds a registry, dropping every\n"
                  "load recorded in it")
        ->needs("--force");
    osm->add_flag("--update", options->update,
                  "Replace the map of an existing project and keep its registry (loads,\n"
                  "records, plans). Facilities whose code the new map lacks are re-matched by\n"
                  "OSM id, then by position (same type within 50 m), their history moved in\n"
                  "one load; what matches nothing is listed")
        ->excludes("--force");
    osm->add_option("--config", options->config,
                    "Project configuration (JSON) over the defaults, kept in the project:\n"
                    "speeds, services and population (docs/cli/access.md), e.g.\n"
                    "{\"speeds_kmh\": {\"drive\": {\"track\": 15}},\n"
                    " \"population\": {\"total\": 38000}}")
        ->check(CLI::ExistingFile);
    osm->footer(
        "Example:\n"
        "  dayafter import osm tests/data/osm/monaco/monaco.osm.pbf --project monaco.dayafter\n\n"
        "Default speeds: driving by road class from OSRM's car profile, walking 5 km/h\n"
        "(see docs/cli/import.md for the table and sources). The import writes the project in\n"
        "one go: on any error no project file is left behind.");
    return [options, osm, &context] {
        if (osm->parsed()) {
            run_import_osm(*options, context);
        }
    };
}

} // namespace dayafter::cli
