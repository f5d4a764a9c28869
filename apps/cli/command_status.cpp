// dayafter status: facilities by service and functionality, gaps, single points of failure.
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"

namespace dayafter::cli {
namespace {

struct StatusOptions {
    std::string project;
    std::string as_of;
    std::string config; // a configuration over the project's, for this run
    int by_area = 0;    // admin level to group by, 0: none
    bool json = false;
};

void print_areas(const report::AreaReport& report) {
    if (report.areas.empty()) {
        fmt::print("\nNo admin areas of level {} are loaded (dayafter load population "
                   "areas.geojson).\n",
                   report.level);
        return;
    }
    fmt::print("\nBy admin area (level {}): facilities fully / partially / not functioning / no "
               "status; people loaded (displaced); 3W activities; organisations\n",
               report.level);
    auto row = [](const report::AreaStatus& a, const std::string& label) {
        fmt::print("  {:<28} {:>3} {:>3} {:>3} {:>3}  {:>9.0f} {:<9}  {:>3}  {}\n", label, a.fully,
                   a.partially, a.not_functioning, a.no_status, a.people,
                   fmt::format("({:.0f})", a.displaced), a.activities,
                   a.orgs.empty() ? "none" : fmt::format("{}", fmt::join(a.orgs, ", ")));
    };
    for (const auto& a : report.areas) {
        row(a, a.name.empty() ? a.pcode : fmt::format("{} {}", a.pcode, a.name));
    }
    row(report.outside, "(in no area)");
}

void print_services(const report::StatusReport& report) {
    fmt::print("{:<10} {:>6} {:>9} {:>4} {:>12} {:>9}  {}\n", "service", "fully", "partially",
               "not", "no power/wa", "no status", "causes named (facilities)");
    for (const auto& s : report.services) {
        std::string causes;
        for (const auto& [cause, count] : s.causes) {
            causes += fmt::format("{}{} {}", causes.empty() ? "" : ", ", cause, count);
        }
        fmt::print("{:<10} {:>6} {:>9} {:>4} {:>12} {:>9}  {}\n", s.service, s.fully, s.partially,
                   s.not_functioning, s.down_by_dependency, s.unknown, causes);
    }
    if (!report.down.empty()) {
        fmt::print("\nNot functioning:\n");
        for (const auto& [facility, why] : report.down) {
            fmt::print("  {:<14} {}\n", facility, why);
        }
    }
}

void print_gaps(const report::StatusReport& report) {
    if (!report.staff.empty() || !report.equipment.empty()) {
        fmt::print("\nGaps (have of need):\n");
        for (const auto& g : report.staff) {
            fmt::print("  {:<14} staff {}: {} of {}\n", g.facility, g.what, g.have, g.need);
        }
        for (const auto& g : report.equipment) {
            fmt::print("  {:<14} equipment {}: {} of {} working\n", g.facility, g.what, g.have,
                       g.need);
        }
    }
    if (!report.single_points.empty()) {
        fmt::print("\nSingle points of failure:\n");
        for (const auto& p : report.single_points) {
            fmt::print("  {:<14} {}\n", p.facility, p.reason);
        }
    }
}

std::string rubble_rule(const model::RubbleRule& rubble) {
    std::string rule;
    for (const auto& [name, c] : rubble.classes) {
        if (c.walk != model::Effect::None || c.drive != model::Effect::None) {
            rule += fmt::format("{}{} within {} m: foot {}, car {}", rule.empty() ? "" : "; ", name,
                                c.within_m, to_string(c.walk), to_string(c.drive));
        }
    }
    return rule.empty() ? "rubble changes no road" : rule;
}

void run_status(const StatusOptions& options) {
    const app::StatusAnswer answer = app::status(
        {options.project, date_option(options.as_of, "--as-of"), options.config, std::nullopt},
        options.by_area);
    if (options.json) {
        fmt::print("{}\n",
                   report::status_json(answer.snapshot, answer.status, answer.areas).dump(2));
        return;
    }
    fmt::print("Facility status in {} ({})\n", options.project,
               options.as_of.empty() ? "latest" : "as of " + options.as_of);
    print_services(answer.status);
    print_gaps(answer.status);
    const snapshot::SituationCounts& c = answer.snapshot.counts();
    fmt::print("\nHazards: {} edges blocked on foot, {} by car; {} slowed on foot, {} by car.\n",
               c.edges_blocked[0], c.edges_blocked[1], c.edges_slowed[0], c.edges_slowed[1]);
    if (answer.areas) {
        print_areas(*answer.areas);
    }
    fmt::print("Rubble rule (ASSUMPTION, change it in the configuration's \"rubble\" section): "
               "{}.\n",
               rubble_rule(answer.snapshot.config().rubble));
}

} // namespace

Runner add_status_command(CLI::App& app, Context&) {
    auto options = std::make_shared<StatusOptions>();
    CLI::App* command = app.add_subcommand(
        "status", "Facilities by service and functionality (HeRAMS A1/A2/A3), with causes, staff\n"
                  "and equipment gaps, facilities down for want of power or water, single\n"
                  "points of failure, and what hazards do to the roads.");
    command->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    command->add_option("--as-of", options->as_of,
                        "The state reported on or before this date (YYYY-MM-DD)");
    command
        ->add_option("--config", options->config,
                     "Configuration (JSON) over the project's for this run, e.g. a \"rubble\" "
                     "section with other distances (docs/cli/load.md)")
        ->check(CLI::ExistingFile);
    command
        ->add_option("--by-area", options->by_area,
                     "Also show facilities, people and 3W activities per loaded admin area of "
                     "this level (1: ADM1, 2: ADM2...)")
        ->check(CLI::Range(1, 4));
    command->add_flag("--json", options->json, "Print JSON");
    command->footer("Examples:\n  dayafter status --project monaco.dayafter --as-of 2017-12-31\n"
                    "  dayafter status --project monaco.dayafter --by-area 2");
    return [options] { run_status(*options); };
}

} // namespace dayafter::cli
