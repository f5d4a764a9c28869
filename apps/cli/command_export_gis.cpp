// dayafter export gpkg: the project as one styled GeoPackage for QGIS; export status: the
// facilities with their status as GeoJSON points.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"

namespace dayafter::cli {
namespace {

struct ExportGpkgOptions {
    std::string project;
    std::string out;
    std::string as_of;
    std::string config;
    std::string mode;
    bool no_access = false;
    bool force = false;
};

void run_export_gpkg(const ExportGpkgOptions& options, const Context& context) {
    const Logger log = context.logger();
    const app::GisExportAnswer answer = app::export_gpkg(
        {{options.project, date_option(options.as_of, "--as-of"), options.config, {}},
         options.out,
         !options.no_access,
         mode_option(options.mode),
         options.force},
        log);
    for (const report::Skipped& s : answer.skipped) {
        log.info(fmt::format("{}: left out of access: {}", s.service, s.reason));
    }
    std::string listed;
    for (const auto& [name, count] : answer.layers) {
        listed += fmt::format("{}{} ({})", listed.empty() ? "" : ", ", name, count);
    }
    log.info(fmt::format("wrote {}: {}", options.out, listed));
}

struct ExportStatusOptions {
    std::string project;
    std::string out;
    std::string as_of;
    bool force = false;
};

Runner add_export_status_command(CLI::App& exporter, Context& context) {
    auto options = std::make_shared<ExportStatusOptions>();
    CLI::App* command = exporter.add_subcommand(
        "status", "Write every facility at its position with its decoded status as GeoJSON\n"
                  "points (the GeoPackage's facilities layer alone), for web maps and QGIS.");
    command->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    command->add_option("-o,--output", options->out, "The GeoJSON file to write")->required();
    command->add_option("--as-of", options->as_of,
                        "The state reported on or before this date (YYYY-MM-DD)");
    command->add_flag("--force", options->force, "Replace the file if it exists");
    command->footer("Example:\n"
                    "  dayafter export status --project monaco.dayafter -o status.geojson\n\n"
                    "Fields: code, name, type, status (functioning, partially functioning, not\n"
                    "functioning, no status), herams, down_because, damage, operator, funders,\n"
                    "reported, source (docs/cli/export.md).");
    return [options, command, &context] {
        if (!command->parsed()) {
            return;
        }
        const std::size_t written =
            app::export_status({options->project, date_option(options->as_of, "--as-of"), {}, {}},
                               options->out, options->force);
        context.logger().info(fmt::format("wrote {}: {} facilities", options->out, written));
    };
}

} // namespace

Runner add_export_gis_command(CLI::App& exporter, Context& context) {
    auto options = std::make_shared<ExportGpkgOptions>();
    CLI::App* gpkg = exporter.add_subcommand(
        "gpkg",
        "Write the project as one GeoPackage that QGIS opens styled: roads with their state per\n"
        "travel mode, facilities with their status, hazards (areas, lines, points), admin areas,\n"
        "population places with their access to each service, and catchments.");
    gpkg->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    gpkg->add_option("-o,--output", options->out, "The GeoPackage to write (NAME.gpkg)")
        ->required();
    gpkg->add_option("--as-of", options->as_of,
                     "The state reported on or before this date (YYYY-MM-DD)");
    gpkg->add_option("--config", options->config,
                     "Configuration (JSON) over the project's, e.g. services' thresholds");
    gpkg->add_option("--mode", options->mode,
                     "Travel mode for access: walk or drive (default: each service's own)");
    gpkg->add_flag("--no-access", options->no_access,
                   "Leave out places and catchments (no population or access computed)");
    gpkg->add_flag("--force", options->force, "Replace the file if it exists");
    gpkg->footer("Example:\n"
                 "  dayafter export gpkg --project monaco.dayafter -o monaco.gpkg\n"
                 "  ogrinfo -so monaco.gpkg        # the layers and their features\n\n"
                 "Each layer's QGIS style is stored in the file's layer_styles table; the layers\n"
                 "are described in docs/cli/export.md.");
    Runner status = add_export_status_command(exporter, context);
    return [options, gpkg, status, &context] {
        if (gpkg->parsed()) {
            run_export_gpkg(*options, context);
        }
        status();
    };
}

} // namespace dayafter::cli
