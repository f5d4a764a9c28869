#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/io/graph_export.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::cli {
namespace {

struct ExportGraphOptions {
    std::string project;
    std::string mode = "walk";
    std::string service;
    std::string folder;
};

void run_export_graph(const ExportGraphOptions& options, const Context& context) {
    const auto mode = graph::parse_travel_mode(options.mode);
    if (!mode) {
        throw InputError(fmt::format("unknown travel mode '{}' (use walk or drive)", options.mode));
    }
    const model::Town town = store::read_project(options.project);
    const io::GraphExportSummary summary =
        io::export_graph(town, *mode, options.service, options.folder);
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
        "bridges.csv), so independent tools compute on the very same graph.");
    graph->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    graph->add_option("--mode", options->mode, "walk or drive")->default_val("walk");
    graph->add_option("--service", options->service,
                      "Sources are the facilities of this service only: health, hospital, bread,\n"
                      "water or education (default: every facility)");
    graph->add_option("--dir", options->folder, "The folder to write (created if missing)")
        ->required();
    graph->footer("Example:\n"
                  "  dayafter export graph --project monaco.dayafter --mode drive "
                  "--service hospital --dir out/\n"
                  "  python3 ../shared/bench/anchors_py.py --tool scipy --edges out/edges.csv "
                  "--sources out/sources.csv --out ref.csv");
    auto registry_runners = std::make_shared<std::vector<Runner>>();
    add_registry_exports(*exporter, *registry_runners);
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
