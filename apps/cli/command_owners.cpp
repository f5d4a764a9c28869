// dayafter owners: what nobody owns or funds, and what each organisation holds (3W).
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"

namespace dayafter::cli {
namespace {

struct OwnersOptions {
    std::string project;
    std::string as_of;
    bool json = false;
};

void run_owners(const OwnersOptions& options) {
    const report::OwnersReport report =
        app::owners({options.project, date_option(options.as_of, "--as-of"), {}, std::nullopt});
    if (options.json) {
        fmt::print("{}\n", report::owners_json(report).dump(2));
        return;
    }
    fmt::print("Who holds what in {} ({})\n", options.project,
               options.as_of.empty() ? "latest" : "as of " + options.as_of);
    auto list = [](std::string_view title, const std::vector<std::string>& items) {
        fmt::print("{} ({}): {}\n", title, items.size(),
                   items.empty() ? "-" : fmt::format("{}", fmt::join(items, ", ")));
    };
    list("Facilities owned by nobody", report.facilities_without_owner);
    list("Facilities funded by nobody", report.facilities_without_funder);
    list("Hazards owned by nobody", report.hazards_without_owner);
    list("Hazards funded by nobody", report.hazards_without_funder);
    fmt::print("\nOrganisations:\n");
    for (const auto& o : report.orgs) {
        std::string resources;
        for (const auto& [type, count] : o.resources) {
            resources += fmt::format("{}{} {}", resources.empty() ? "" : ", ", count, type);
        }
        std::string money;
        for (const auto& [currency, amount] : o.funding_given) {
            money += fmt::format(" gives {:.0f} {}", amount, currency);
        }
        for (const auto& [currency, amount] : o.funding_received) {
            money += fmt::format(" receives {:.0f} {}", amount, currency);
        }
        fmt::print("  {}{}: operates {}, owns {}, funds {}, {} activities{}{}\n", o.org,
                   o.registered ? "" : " (not in the organisations list)", o.operates.size(),
                   o.owns.size(), o.funds.size(), o.activities,
                   resources.empty() ? "" : "; fields " + resources, money);
    }
}

} // namespace

Runner add_owners_command(CLI::App& app, Context&) {
    auto options = std::make_shared<OwnersOptions>();
    CLI::App* command = app.add_subcommand(
        "owners", "What nobody owns or funds, and what each organisation operates, owns, funds\n"
                  "and fields (3W: who does what where).");
    command->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    command->add_option("--as-of", options->as_of,
                        "The state reported on or before this date (YYYY-MM-DD)");
    command->add_flag("--json", options->json, "Print JSON");
    command->footer("Example:\n  dayafter owners --project monaco.dayafter");
    return [options] { run_owners(*options); };
}

} // namespace dayafter::cli
