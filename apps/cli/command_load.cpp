// dayafter load KIND FILE: a partner's file into the project's registry.
#include <cstdlib>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::cli {
namespace {

struct LoadOptions {
    std::string kind;
    std::string file;
    std::string project;
    std::string reported;
    std::string by;
    std::string layer;
    std::string mapping;
    double match_within_m = 50;
    bool dry_run = false;
};

void run_load(const LoadOptions& options, const Context& context) {
    const registry::Kind kind = kind_option(options.kind);
    const Logger log = context.logger();
    const app::LoadAnswer answer = app::load(
        {kind,
         options.file,
         options.project,
         {date_option(options.reported, "--reported"), options.match_within_m,
          [&log](std::string_view text) { log.progress(text); },
          options.layer.empty() ? std::nullopt : std::optional(options.layer),
          options.mapping.empty() ? std::nullopt
                                  : std::optional(std::filesystem::path(options.mapping))},
         options.by.empty() ? login_name() : options.by,
         options.dry_run},
        log);
    const registry::LoadPlan& plan = answer.plan;
    for (const std::string& note : plan.notes) {
        log.info(note);
    }
    if (!plan.problems.empty()) {
        for (const std::string& problem : plan.problems) {
            std::cerr << problem << '\n';
        }
        throw InputError(fmt::format("{}: refused, {} problem{} (listed above); the project is "
                                     "unchanged",
                                     options.file, plan.problems.size(),
                                     plan.problems.size() == 1 ? "" : "s"));
    }
    std::size_t added = 0;
    for (const registry::Change& change : plan.changes) {
        added += change.is_new ? 1 : 0;
        if (options.dry_run) {
            fmt::print("{} {} {} (line {}){}\n", change.is_new ? "new    " : "changed",
                       to_string(kind), change.key, change.line,
                       change.fields.empty() ? ""
                                             : fmt::format(": {}", fmt::join(change.fields, ", ")));
        }
    }
    const std::string summary =
        fmt::format("{}: {} rows, {} new, {} changed, {} unchanged", options.file, plan.rows, added,
                    plan.changes.size() - added, plan.unchanged);
    if (options.dry_run) {
        fmt::print("{} (dry run: nothing written)\n", summary);
        return;
    }
    if (plan.records.empty()) {
        fmt::print("{}: nothing to change\n", summary);
        return;
    }
    fmt::print("{}\n", summary);
}

} // namespace

Runner add_load_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<LoadOptions>();
    CLI::App* command = app.add_subcommand(
        "load",
        "Load a partner's file into the project's registry: facility statuses (HeRAMS, HXL CSV),\n"
        "hazards (GeoJSON, UNOSAT or Copernicus EMS damage layers), population (HXL CSV points, "
        "HXL CSV counts per admin area by P-code\n"
        "as OCHA COD-PS, GeoJSON admin areas with P-codes, or a GeoTIFF raster), orgs,\n"
        "resources, funding or activities (3W, HXL CSV). Tables may also be XLSX, ODS or a\n"
        "GeoPackage table, and GeoJSON a Shapefile (zipped too), GeoPackage, FileGDB or KML\n"
        "layer (through GDAL). The whole file is\n"
        "checked first; any problem refuses all of it (every problem is listed as file:line),\n"
        "and the project is left unchanged. Loading a file again changes nothing. Every change\n"
        "is kept with who loaded it, when, the date it reports on and its source file\n"
        "(see `dayafter history`). A row says only what it says: an empty cell or a missing\n"
        "column keeps the earlier value, and a cell reading `unknown` clears it.\n"
        "Columns: docs/cli/load.md.");
    command->add_option("kind", options->kind, fmt::format("One of: {}", registry::kind_list()))
        ->required();
    command->add_option("file", options->file, "The file to load")->required();
    command->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    command->add_option("--reported", options->reported,
                        "The date rows report on when they have no #date+reported (YYYY-MM-DD)");
    command->add_option("--by", options->by, "Who is loading it (default: the login name)");
    command
        ->add_option("--match-within", options->match_within_m,
                     "Facility rows with no known code match the nearest mapped facility of\n"
                     "their type within this many metres")
        ->default_val(50)
        ->check(finite_number(0, true));
    command->add_option("--layer", options->layer,
                        "The layer (or sheet) to read from a file with several: a GeoPackage,\n"
                        "FileGDB or workbook");
    command->add_option("--mapping", options->mapping,
                        "A JSON file of column header to HXL tag, for a table without a\n"
                        "hashtag row ({\"HFFUNCT\": \"#status+functionality\", ...})");
    command->add_flag("--dry-run", options->dry_run, "Show what would change; write nothing");
    command->footer("Examples:\n"
                    "  dayafter load facilities herams-2017-12.csv --project monaco.dayafter\n"
                    "  dayafter load hazards unosat-damage.geojson --project monaco.dayafter "
                    "--dry-run");
    return [options, &context] { run_load(*options, context); };
}

} // namespace dayafter::cli
