// dayafter help [VERB [SUBVERB]]: the help of a verb, for those who type help first.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "verbs.hpp"

namespace dayafter::cli {

Runner add_help_command(CLI::App& app, Context& /*context*/) {
    auto words = std::make_shared<std::vector<std::string>>();
    CLI::App* help = app.add_subcommand(
        "help", "Print the help of a verb: 'dayafter help import osm' is 'dayafter import osm "
                "--help'");
    help->add_option("VERB", *words,
                     "The verb, and its subverb if it has them (default: none, "
                     "the help of dayafter itself)");
    help->footer("Example:\n  dayafter help access");
    return [words, help, &app] {
        if (help->parsed()) {
            std::cout << help_text(app, *words);
        }
    };
}

} // namespace dayafter::cli
