// dayafter export: the routable graph, and each registry kind in the format it is loaded from.
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/io/hxl.hpp"
#include "dayafter/util/error.hpp"
#include "dayafter/util/text_file.hpp"

namespace dayafter::cli {
namespace {

struct ExportGraphOptions {
    std::string project;
    std::string mode = "walk";
    std::string service;
    std::string folder;
    std::string as_of;
    bool force = false;
};

struct ExportKindOptions {
    std::string project;
    std::string as_of;
    std::string kind;
    std::string out;
    std::string format;
    bool force = false;
};

void run_export_kind(const ExportKindOptions& options) {
    const registry::Kind kind = kind_option(options.kind);
    const bool to_geojson = options.format == "geojson" ||
                            (options.format.empty() && (options.out.ends_with(".geojson") ||
                                                        kind == registry::Kind::Hazards));
    if (!options.format.empty() && options.format != "geojson" && options.format != "hxl") {
        throw InputError(fmt::format("unknown format '{}' (use hxl or geojson)", options.format));
    }
    const app::ReadRequest read{
        options.project, date_option(options.as_of, "--as-of"), {}, std::nullopt};
    const auto format = to_geojson ? report::ExportFormat::GeoJson : report::ExportFormat::Hxl;
    if (options.out.empty() || options.out == "-") {
        app::export_kind(read, kind, format, std::cout);
        return;
    }
    refuse_to_replace({options.out}, options.force);
    std::ostringstream text;
    app::export_kind(read, kind, format, text);
    if (format == report::ExportFormat::Hxl) {
        io::write_csv_file(options.out, text.str());
        return;
    }
    util::TextFile file(options.out);
    file.write(text.str());
    file.commit();
}

void add_registry_exports(CLI::App& exporter, std::vector<Runner>& runners) {
    for (const registry::Kind kind : registry::kKinds) {
        auto options = std::make_shared<ExportKindOptions>();
        options->kind = std::string(to_string(kind));
        CLI::App* command = exporter.add_subcommand(
            std::string(to_string(kind)),
            fmt::format("Write the registry's {} ({}) so that `dayafter load {}` reads them back",
                        to_string(kind),
                        kind == registry::Kind::Hazards ? "GeoJSON"
                        : kind == registry::Kind::Population
                            ? "HXL CSV; admin areas as GeoJSON with --format geojson"
                            : "HXL CSV",
                        to_string(kind)));
        command->add_option("--project", options->project, "The project")->required();
        command->add_option("-o,--output", options->out, "The file (default: standard output)");
        command->add_option("--format", options->format,
                            "hxl or geojson (default: by the file's extension)");
        add_force_flag(*command, options->force);
        command->add_option("--as-of", options->as_of, "The state as of this date");
        command->footer(fmt::format("Example:\n  dayafter export {} --project monaco.dayafter -o "
                                    "{}{}",
                                    to_string(kind), to_string(kind),
                                    kind == registry::Kind::Hazards ? ".geojson" : ".csv"));
        runners.push_back([options, command] {
            if (command->parsed()) {
                run_export_kind(*options);
            }
        });
    }
}

void run_export_graph(const ExportGraphOptions& options, const Context& context) {
    const auto mode = mode_option(options.mode.empty() ? "walk" : options.mode);
    // The files io::export_graph writes (io/graph_export.hpp).
    const std::filesystem::path folder = options.folder;
    refuse_to_replace({folder / "nodes.csv", folder / "edges.csv", folder / "sources.csv",
                       folder / "osm_ids.csv", folder / "bridges.csv"},
                      options.force);
    const io::GraphExportSummary summary = app::export_graph(
        {options.project, date_option(options.as_of, "--as-of"), {}, std::nullopt}, *mode,
        options.service, options.folder);
    context.logger().info(fmt::format("wrote {} nodes, {} arcs, {} sources ({}) to {}",
                                      summary.node_count, summary.arc_count, summary.source_count,
                                      options.service.empty() ? "all facilities" : options.service,
                                      options.folder));
}

} // namespace

Runner add_export_command(CLI::App& app, Context& context) {
    CLI::App* exporter = app.add_subcommand("export", "Write project data for other tools");
    exporter->require_subcommand(1);
    auto options = std::make_shared<ExportGraphOptions>();
    CLI::App* graph = exporter->add_subcommand(
        "graph",
        "Write the routable graph of one travel mode exactly as dayafter uses it, in the network\n"
        "format of the reference runners (nodes.csv, edges.csv, sources.csv, osm_ids.csv,\n"
        "bridges.csv), so independent tools compute on the very same graph: with the hazards'\n"
        "effects at the date, and only functioning facilities as sources (as `access` uses it).");
    graph->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    graph->add_option("--mode", options->mode, "walk or drive")->default_val("walk");
    graph->add_option("--service", options->service,
                      "Sources are the facilities of this service only: health, hospital, bread,\n"
                      "water or education (default: every facility)");
    graph->add_option("--as-of", options->as_of,
                      "The hazards and statuses reported on or before this date (YYYY-MM-DD)");
    graph->add_option("--dir", options->folder, "The folder to write (created if missing)")
        ->required();
    add_force_flag(*graph, options->force);
    graph->footer("Example:\n"
                  "  dayafter export graph --project monaco.dayafter --mode drive "
                  "--service hospital --dir out/\n"
                  "  python3 ../shared/bench/anchors_py.py --tool scipy --edges out/edges.csv "
                  "--sources out/sources.csv --out ref.csv");
    auto registry_runners = std::make_shared<std::vector<Runner>>();
    add_registry_exports(*exporter, *registry_runners);
    registry_runners->push_back(add_export_gis_command(*exporter, context));
    registry_runners->push_back(add_export_traveltime_command(*exporter, context));
    return [options, graph, registry_runners, &context] {
        if (graph->parsed()) {
            run_export_graph(*options, context);
        }
        for (const Runner& run : *registry_runners) {
            run();
        }
    };
}

} // namespace dayafter::cli
