// dayafter scenario TEMPLATE: a scenario file from a template, to edit and then compare
// (work in progress, issue #12).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/new_scenario.hpp"

namespace dayafter::cli {
namespace {

struct ScenarioOptions {
    std::string project;
    std::string as_of;
    std::string out;
    std::string waterway;
    double share = 1;
    std::vector<std::string> areas;
    std::vector<std::string> camps;
    std::string name;
    std::optional<double> delay_days;
    std::string donor;
    std::string window;
    bool force = false;
};

io::TemplateParams params_of(std::string_view name, const ScenarioOptions& o) {
    if (name == "bridges-over") {
        return io::BridgesOver{o.waterway};
    }
    if (name == "displace") {
        io::Displace d{.share = o.share, .areas = o.areas};
        for (const std::string& camp : o.camps) {
            d.camps.push_back(io::parse_camp(camp));
        }
        return d;
    }
    if (name == "grid-down") {
        return io::GridDown{};
    }
    if (name == "entry-closed") {
        return io::EntryClosed{o.name, o.delay_days};
    }
    return io::DonorWithdraws{o.donor, o.share, o.window};
}

void run_scenario(std::string_view name, const ScenarioOptions& o) {
    if (!o.out.empty()) {
        refuse_to_replace({o.out}, o.force);
    }
    app::NewScenarioRequest request{.params = params_of(name, o), .out = o.out};
    request.read.project = o.project;
    request.read.as_of = date_option(o.as_of, "--as-of");
    const app::NewScenarioAnswer answer = app::new_scenario(request);
    if (o.out.empty()) {
        std::cout << answer.document.dump(2) << '\n';
        return;
    }
    fmt::print(
        "Wrote {}: '{}', {} change{}{}.\n", o.out, answer.document.at("name").get<std::string>(),
        answer.change_count, answer.change_count == 1 ? "" : "s",
        o.project.empty() ? " (not checked: no --project)" : ", checked against the project");
    fmt::print(
        "Edit it (docs/scenarios.md), then: dayafter compare --project {} baseline.json {}\n",
        o.project.empty() ? "P.dayafter" : o.project, o.out);
}

/// The template's own options; the shared ones are added by the caller.
void add_parameters(CLI::App& cmd, std::string_view name, ScenarioOptions& o) {
    if (name == "bridges-over") {
        cmd.add_option("--waterway", o.waterway,
                       "The waterway's name as in OSM (`dayafter info` lists the waterways the\n"
                       "bridges cross; with --project an unknown name lists them too)")
            ->required();
    } else if (name == "displace") {
        cmd.add_option("--share", o.share, "The share of each area's people who leave (0.3: 30%)")
            ->required();
        cmd.add_option("--from", o.areas, "The admin areas' P-codes, comma-separated")
            ->required()
            ->delimiter(',');
        cmd.add_option("--camp", o.camps,
                       "A camp: NAME@LAT,LON[:SHARE] (repeat for several; shares left out split\n"
                       "what the others leave equally; no camp: the people leave the project)");
    } else if (name == "entry-closed") {
        cmd.add_option("--name", o.name, "The entry point (border crossing, port, aid hub)")
            ->required();
        cmd.add_option("--delay-days", o.delay_days,
                       "What arrives through it comes this many days later (default: it is lost)");
    } else if (name == "donor-withdraws") {
        cmd.add_option("--donor", o.donor, "The donor, as in the funding file")->required();
        cmd.add_option("--share", o.share, "The share of its money withdrawn (default 1: all)");
        cmd.add_option("--window", o.window, "Only this funding window (default: every window)");
    }
}

} // namespace

Runner add_scenario_command(CLI::App& app, Context& /*context*/) {
    CLI::App* scenario = app.add_subcommand(
        "scenario",
        "Write a scenario file from a template, for a seed question, to edit and run with\n"
        "`dayafter compare`. Scenario files: docs/scenarios.md; schema: "
        "docs/scenario.schema.json.");
    scenario->require_subcommand(1);
    std::string examples = "Templates, with an example each:\n";
    std::vector<Runner> runners;
    for (const io::TemplateInfo& info : io::scenario_templates()) {
        auto o = std::make_shared<ScenarioOptions>();
        const std::string name(info.name);
        CLI::App* cmd = scenario->add_subcommand(name, std::string(info.summary));
        add_parameters(*cmd, name, *o);
        cmd->add_option("--project", o->project,
                        name == "grid-down"
                            ? "The project whose power substations and power plants go down"
                            : "Check what the scenario names against this project (optional)");
        cmd->add_option("--as-of", o->as_of, "The project's state as of this date (YYYY-MM-DD)");
        cmd->add_option("--out", o->out, "The scenario file to write (default: standard output)");
        add_force_flag(*cmd, o->force);
        cmd->footer(fmt::format("Example:\n  {}\n\nExit codes: 0 written, 2 bad parameters or a "
                                "name the project does not have.",
                                info.example));
        examples += fmt::format("  {:<16} {}\n    {}\n", name, info.summary, info.example);
        runners.push_back([name, o, cmd] {
            if (cmd->parsed()) {
                run_scenario(name, *o);
            }
        });
    }
    scenario->footer(examples + "\nWith --project, every name is checked as `dayafter compare` "
                                "checks it.\nExit codes: 0 written, 2 bad parameters or a name "
                                "the project does not have.");
    return [runners] {
        for (const Runner& run : runners) {
            run();
        }
    };
}

} // namespace dayafter::cli
