// dayafter history: every recorded change, who recorded it, when, and from which file and line.
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"

namespace dayafter::cli {
namespace {

struct HistoryOptions {
    std::string project;
    std::string object;
    std::string org;
    std::string kind;
    std::string since;
    std::string until;
    bool json = false;
};

void run_history(const HistoryOptions& options) {
    std::size_t recorded = 0;
    const std::vector<report::HistoryRow> rows =
        app::history(options.project,
                     {options.object, options.org, options.kind,
                      date_option(options.since, "--since"), date_option(options.until, "--until")},
                     &recorded);
    if (options.json) {
        fmt::print("{}\n", report::history_json(rows).dump(2));
        return;
    }
    fmt::print("{:<20} {:<10} {:<10} {:<10} {:<16} {:<30} {}\n", "recorded", "by", "reported",
               "kind", "object", "change", "source");
    for (const report::HistoryRow& row : rows) {
        const std::string change = row.is_new
                                       ? std::string("new")
                                       : fmt::format("changed: {}", fmt::join(row.fields, ", "));
        fmt::print("{:<20} {:<10} {:<10} {:<10} {:<16} {:<30} {}\n", row.recorded_at,
                   row.recorded_by, row.reported, row.kind, row.key, change, row.source);
    }
    fmt::print("{} change{} of {} recorded\n", rows.size(), rows.size() == 1 ? "" : "s", recorded);
}

} // namespace

Runner add_history_command(CLI::App& app, Context&) {
    auto options = std::make_shared<HistoryOptions>();
    CLI::App* command = app.add_subcommand(
        "history", "Every recorded change: when it was recorded, by whom, the date it reports on,\n"
                   "what changed and from which file and line.");
    command->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    command->add_option("--object", options->object, "Only this object (key or partner code)");
    command->add_option("--org", options->org, "Only changes naming this organisation");
    command->add_option("--kind", options->kind,
                        fmt::format("Only this kind ({})", registry::kind_list()));
    command->add_option("--since", options->since, "Reported on or after (YYYY-MM-DD)");
    command->add_option("--until", options->until, "Reported on or before (YYYY-MM-DD)");
    command->add_flag("--json", options->json, "Print JSON");
    command->footer("Example:\n  dayafter history --project monaco.dayafter --object w123");
    return [options] { run_history(*options); };
}

} // namespace dayafter::cli
