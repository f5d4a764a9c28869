// The subcommands of the dayafter CLI. Each add_* function registers a subcommand on the app and
// returns the function to run when the user chose it. Commands only parse, call the library and
// print; errors travel up as exceptions and main() turns them into exit codes.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "dayafter/graph/road_class.hpp"
#include "dayafter/plan/schedule.hpp"
#include "dayafter/registry/registry.hpp"
#include "dayafter/util/log.hpp"

namespace dayafter::cli {

class Console;

/// What the global options set, shared by every verb.
struct Context {
    bool quiet = false;
    /// Where messages go; set once the command line is parsed.
    std::shared_ptr<Console> console;
    /// Progress and warnings go to the console; progress is dropped with --quiet.
    [[nodiscard]] Logger logger() const;
};

using Runner = std::function<void()>;

/// Who runs the command, for the registry's loads: $USER, else the account's name.
[[nodiscard]] std::string login_name();
/// An ISO 8601 date option (nothing when empty); InputError naming the option otherwise.
[[nodiscard]] std::optional<std::string> date_option(const std::string& text,
                                                     std::string_view option);
/// A registry kind named on the command line; InputError listing the kinds otherwise.
[[nodiscard]] registry::Kind kind_option(const std::string& text);
/// A travel mode option (nothing when empty); InputError naming the value otherwise.
[[nodiscard]] std::optional<graph::TravelMode> mode_option(const std::string& text);
/// 12345.6 -> "12,346".
[[nodiscard]] std::string people(double count);
/// "180d", "26w" or "180" as days; InputError naming --horizon otherwise.
[[nodiscard]] plan::Day horizon_days(const std::string& text);
/// An option check: a finite number above `low` (or equal to it, when `low_allowed`); NaN,
/// infinities and text are refused (exit 2 naming the option).
[[nodiscard]] CLI::Validator finite_number(double low, bool low_allowed);
/// "12.5%", or "-" when the total is 0.
[[nodiscard]] std::string share(double part, double total);
/// Refuses (InputError, exit 2, naming the file) to replace any of `files` that exists, unless
/// `force`; call it before the work, so that a long run is not lost at the end. A link counts as
/// existing even when it points nowhere.
void refuse_to_replace(const std::vector<std::filesystem::path>& files, bool force);
/// The --force flag of a verb that writes files.
void add_force_flag(CLI::App& verb, bool& force);

Runner add_import_command(CLI::App& app, Context& context);
Runner add_export_command(CLI::App& app, Context& context);
/// `export gpkg`, added to the export command.
Runner add_export_gis_command(CLI::App& exporter, Context& context);
/// `export traveltime`, added to the export command.
Runner add_export_traveltime_command(CLI::App& exporter, Context& context);
Runner add_info_command(CLI::App& app, Context& context);
Runner add_access_command(CLI::App& app, Context& context);
Runner add_load_command(CLI::App& app, Context& context);
Runner add_status_command(CLI::App& app, Context& context);
Runner add_owners_command(CLI::App& app, Context& context);
Runner add_history_command(CLI::App& app, Context& context);
Runner add_plan_command(CLI::App& app, Context& context);
Runner add_compare_command(CLI::App& app, Context& context);
Runner add_scenario_command(CLI::App& app, Context& context);
Runner add_rcpsp_command(CLI::App& app, Context& context);
Runner add_plans_command(CLI::App& app, Context& context);
Runner add_report_command(CLI::App& app, Context& context);
Runner add_help_command(CLI::App& app, Context& context);

} // namespace dayafter::cli
