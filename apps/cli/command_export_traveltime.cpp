// dayafter export traveltime: a travel-time raster, one band per service (#14).
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/export_traveltime.hpp"

namespace dayafter::cli {
namespace {

struct ExportTravelTimeOptions {
    std::string project;
    std::string out;
    std::string as_of;
    std::string mode;
    double cell_m = app::kDefaultCellM;
    bool force = false;
};

void run_export_traveltime(const ExportTravelTimeOptions& options, const Context& context) {
    const Logger log = context.logger();
    const app::TravelTimeExportAnswer answer = app::export_traveltime(
        {.read = {options.project, date_option(options.as_of, "--as-of"), {}, {}},
         .out = options.out,
         .mode = mode_option(options.mode),
         .cell_m = options.cell_m,
         .replace = options.force},
        log);
    std::string listed;
    for (const app::TravelTimeBand& band : answer.bands) {
        listed += fmt::format("{}{} ({}, {} cells with a time)", listed.empty() ? "" : ", ",
                              band.service, graph::to_string(band.mode), band.cells_with_time);
        if (!band.problem.empty()) {
            log.info(fmt::format("{}: no time anywhere: {}", band.service, band.problem));
        }
    }
    log.info(fmt::format("wrote {}: {} x {} cells of {:g} m, {} near a road; bands: {}",
                         options.out, answer.grid.columns, answer.grid.rows, options.cell_m,
                         answer.cells_near_road, listed));
}

} // namespace

Runner add_export_traveltime_command(CLI::App& exporter, Context& context) {
    auto options = std::make_shared<ExportTravelTimeOptions>();
    CLI::App* verb = exporter.add_subcommand(
        "traveltime",
        "Write a travel-time raster (GeoTIFF, EPSG:4326): one Float32 band per service of the\n"
        "configuration, in minutes from each cell's centre to the nearest functioning facility\n"
        "over the network as it is, by the rule access uses for a population place (nearest\n"
        "usable road node, plus the walk to it at 5 km/h). Cells more than 500 m from a usable\n"
        "road, or cut off from every facility, hold nodata (-9999).");
    verb->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    verb->add_option("-o,--output", options->out, "The GeoTIFF to write (NAME.tif)")->required();
    verb->add_option("--as-of", options->as_of,
                     "The hazards and statuses reported on or before this date (YYYY-MM-DD)");
    verb->add_option("--mode", options->mode,
                     "Travel mode: walk or drive (default: each service's own)");
    verb->add_option("--cell", options->cell_m,
                     fmt::format("Cell size in metres (default: {:g}; at most {:g} million cells)",
                                 app::kDefaultCellM, geo::kMaxGridCells / 1e6))
        ->check(finite_number(0, false));
    add_force_flag(*verb, options->force);
    verb->footer("Example:\n"
                 "  dayafter export traveltime --project monaco.dayafter --mode walk -o times.tif\n"
                 "  gdalinfo -stats times.tif       # the bands (one per service) and their "
                 "minutes\n\n"
                 "The raster covers the roads' extent plus one cell; docs/cli/export.md describes "
                 "the\nrule, the bands and their metadata.");
    return [options, verb, &context] {
        if (verb->parsed()) {
            run_export_traveltime(*options, context);
        }
    };
}

} // namespace dayafter::cli
