// dayafter: the command-line client of the library. Exit codes: 0 ok, 1 failure, 2 bad usage or
// bad input.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.hpp"
#include "console.hpp"
#include "dayafter/store/notices.hpp"
#include "dayafter/util/error.hpp"
#include "verbs.hpp"

namespace dayafter::cli {
namespace {

/// -q after the verb as before it: every verb gets its own copy, bound to the same flag.
void add_quiet_flags(CLI::App& app, Context& context) {
    for (CLI::App* verb : verbs_of(app)) {
        verb->add_flag("-q,--quiet", context.quiet, "Print no progress messages")
            ->group("Global options");
        add_quiet_flags(*verb, context);
    }
}

/// `dayafter --completion bash` prints the completion script; hidden, for packaging.
void add_completion_option(CLI::App& app) {
    app.add_option_function<std::string>(
           "--completion",
           [&app](const std::string& shell) {
               std::cout << (shell == "bash" ? bash_completion(app) : "");
               throw CLI::Success();
           },
           "Print the completion script for SHELL (bash)")
        ->check(CLI::IsMember({"bash"}))
        ->trigger_on_parse()
        ->group("");
}

} // namespace
} // namespace dayafter::cli

int main(int argc, char** argv) {
    using namespace dayafter;
    CLI::App app{
        "dayafter: plans the restoration of essential services in a city retaken after fighting.\n"
        "Map data in examples: (c) OpenStreetMap contributors, ODbL 1.0.\n\n"
        "Start with:  dayafter import osm town.osm.pbf --project town.dayafter\n"
        "             dayafter info --project town.dayafter",
        "dayafter"};
    app.set_version_flag("--version", std::string("dayafter ") + DAYAFTER_VERSION);
    app.require_subcommand(1);
    app.footer("Exit codes: 0 ok, 1 failure, 2 bad usage or bad input.\n"
               "Run 'dayafter help VERB' or 'dayafter VERB --help' for the options and an example "
               "of each verb.\n"
               "Global options may also follow the verb.");
    cli::Context context;
    app.add_flag("-q,--quiet", context.quiet, "Print no progress messages");
    std::vector<std::pair<CLI::App*, cli::Runner>> commands;
    auto add = [&](auto add_command) {
        const std::size_t before = app.get_subcommands({}).size();
        cli::Runner runner = add_command(app, context);
        commands.emplace_back(app.get_subcommands({}).at(before), std::move(runner));
    };
    add(cli::add_import_command);
    add(cli::add_export_command);
    add(cli::add_info_command);
    add(cli::add_access_command);
    add(cli::add_load_command);
    add(cli::add_status_command);
    add(cli::add_owners_command);
    add(cli::add_history_command);
    add(cli::add_plan_command);
    add(cli::add_compare_command);
    add(cli::add_scenario_command);
    add(cli::add_rcpsp_command);
    add(cli::add_plans_command);
    add(cli::add_report_command);
    add(cli::add_help_command);
    cli::add_quiet_flags(app, context);
    cli::add_completion_option(app);

    const std::vector<std::string> words(argv + 1, argv + argc);
    if (const auto unknown = cli::find_unknown_verb(app, words)) {
        std::cerr << "dayafter: error: " << unknown->message() << '\n';
        return 2;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    context.console =
        std::make_shared<cli::Console>(cli::Console::style_for_stderr(), !context.quiet);
    // Waiting for another writer and rolling back a killed one's write happen inside any verb.
    store::set_notices(context.logger());
    try {
        for (const auto& [command, run] : commands) {
            if (command->parsed()) {
                run();
            }
        }
    } catch (const InputError& e) {
        context.console->finish();
        std::cerr << "dayafter: error: " << e.what() << '\n';
        return 2;
    } catch (const Error& e) {
        context.console->finish();
        std::cerr << "dayafter: error: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        context.console->finish();
        std::cerr << "dayafter: unexpected error: " << e.what() << '\n';
        return 1;
    }
    context.console->finish();
    return 0;
}
