// dayafter info: what the import made of the extract.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/model/town_summary.hpp"

namespace dayafter::cli {
namespace {

struct InfoOptions {
    std::string project;
    bool json = false;
};

void print_text(const model::Town& town, const model::TownSummary& s) {
    std::cout << fmt::format(
        "project source   {} (OSM data of {}), (c) OpenStreetMap contributors\n",
        town.source.file_name,
        town.source.osm_timestamp.empty() ? "unknown date" : town.source.osm_timestamp);
    std::cout << fmt::format("road network     {} nodes, {} edges from {} OSM ways, {:.1f} km\n",
                             s.node_count, s.edge_count, town.report.road_ways, s.road_km);
    for (const auto& [road_class, km] : s.road_km_by_class) {
        std::cout << fmt::format("  {:<16} {:>9.2f} km\n", road_class, km);
    }
    for (const graph::TravelMode mode : graph::kTravelModes) {
        const model::ModeConnectivity& c = s.modes[static_cast<std::size_t>(mode)];
        std::cout << fmt::format(
            "{:<16} {:.1f} km usable, {} components; the largest holds {:.1f}% of nodes "
            "({} of {})\n",
            graph::to_string(mode), c.road_km, c.component_count, 100.0 * c.largest_component_share,
            c.largest_component_nodes, c.usable_nodes);
    }
    std::cout << fmt::format("bridges          {} ({} over waterways; {} waterways mapped)\n",
                             s.bridge_count, s.bridges_over_water, s.waterway_count);
    for (const auto& [water, count] : s.bridges_by_waterway) {
        std::cout << fmt::format("  over {:<30} {}\n", water, count);
    }
    std::cout << fmt::format("facilities       {}\n", s.facility_count);
    for (const auto& [type, count] : s.facilities_by_type) {
        std::cout << fmt::format("  {:<16} {:>5}\n", type, count);
    }
    std::cout << fmt::format("buildings        {} ({} with levels), {:.0f} m2 of footprint\n",
                             s.building_count, s.buildings_with_levels, s.building_footprint_m2);
    std::cout << fmt::format("bounding box     {:.5f},{:.5f} - {:.5f},{:.5f} (lon,lat)\n",
                             s.bounds.min_lon, s.bounds.min_lat, s.bounds.max_lon,
                             s.bounds.max_lat);
    if (town.report.ways_missing_nodes > 0) {
        std::cout << fmt::format("skipped          {} ways referencing missing nodes\n",
                                 town.report.ways_missing_nodes);
    }
}

} // namespace

Runner add_info_command(CLI::App& app, Context& /*context*/) {
    auto options = std::make_shared<InfoOptions>();
    CLI::App* info = app.add_subcommand(
        "info",
        "Summarise a project: nodes, edges, km of road by class, connectivity per travel mode,\n"
        "bridges (and the waterways they cross), facilities by type, buildings, bounding box.");
    info->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    info->add_flag("--json", options->json, "Print one JSON object instead of text");
    info->footer("Example:\n  dayafter info --project monaco.dayafter --json");
    return [options, info] {
        if (!info->parsed()) {
            return;
        }
        const app::InfoAnswer answer = app::info(options->project);
        const model::Town& town = answer.town;
        const model::TownSummary& summary = answer.summary;
        if (options->json) {
            std::cout << report::info_json(town, summary).dump(2) << '\n';
        } else {
            print_text(town, summary);
        }
    };
}

} // namespace dayafter::cli
