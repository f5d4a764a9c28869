// The registry verbs: load, status, owners, history, and export of registry kinds.
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "dayafter/io/project_config.hpp"
#include "dayafter/registry/export.hpp"
#include "dayafter/registry/load.hpp"
#include "dayafter/registry/reports.hpp"
#include "dayafter/registry/situation.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/store/registry_store.hpp"
#include "dayafter/util/error.hpp"
#include "dayafter/util/text_file.hpp"

namespace dayafter::cli {
namespace {

constexpr std::string_view kKindList =
    "facilities, hazards, population, orgs, resources, funding, activities";

registry::Kind kind_or_throw(const std::string& text) {
    const auto kind = registry::parse_kind(text);
    if (!kind) {
        throw InputError(fmt::format("unknown kind '{}' (use one of: {})", text, kKindList));
    }
    return *kind;
}

std::string login_name() {
    if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') {
        return user;
    }
    if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr) {
        return entry->pw_name;
    }
    return "unknown";
}

std::string now_utc() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

// ---- load --------------------------------------------------------------------------------------

struct LoadOptions {
    std::string kind;
    std::string file;
    std::string project;
    std::string reported;
    std::string by;
    double match_within_m = 50;
    bool dry_run = false;
};

void run_load(const LoadOptions& options, const Context& context) {
    const registry::Kind kind = kind_or_throw(options.kind);
    const Logger log = context.logger();
    const model::Town town = store::read_project(options.project);
    const store::History history = store::read_history(options.project);
    log.progress(fmt::format("reading {}", options.file));
    const registry::LoadPlan plan =
        registry::plan_load(kind, options.file, town, history,
                            {date_option(options.reported, "--reported"), options.match_within_m,
                             [&log](std::string_view text) { log.progress(text); }});
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
    const store::Load load{0,
                           std::string(to_string(kind)),
                           std::filesystem::path(options.file).filename().string(),
                           now_utc(),
                           options.by.empty() ? login_name() : options.by,
                           std::string("dayafter ") + DAYAFTER_VERSION};
    log.progress(fmt::format("writing {} records to {}", plan.records.size(), options.project));
    store::append_load(options.project, load, plan.records, plan.current);
    fmt::print("{}\n", summary);
}

// ---- reading commands ---------------------------------------------------------------------------

struct ReadOptions {
    std::string project;
    std::string as_of;
    std::string config; // a configuration over the project's, for this run
    int by_area = 0;    // admin level to group by (status), 0: none
    bool json = false;
};

struct ProjectState {
    model::Town town;
    store::History history;
    registry::Registry registry;
    io::ProjectConfig config;
};

ProjectState read_state(const ReadOptions& options) {
    ProjectState state{store::read_project(options.project), {}, {}, {}};
    state.history = store::read_history(options.project);
    state.registry = registry::Registry::at(state.history, date_option(options.as_of, "--as-of"));
    state.config = io::run_config(state.town.config_json, options.project, options.config);
    return state;
}

std::string as_of_text(const ReadOptions& options) {
    return options.as_of.empty() ? "latest" : "as of " + options.as_of;
}

void print_areas(const registry::AreaReport& report) {
    if (report.areas.empty()) {
        fmt::print("\nNo admin areas of level {} are loaded (dayafter load population "
                   "areas.geojson).\n",
                   report.level);
        return;
    }
    fmt::print("\nBy admin area (level {}): facilities fully / partially / not functioning / no "
               "status; people loaded (displaced); 3W activities; organisations\n",
               report.level);
    auto row = [](const registry::AreaStatus& a, const std::string& label) {
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

void run_status(const ReadOptions& options) {
    const ProjectState state = read_state(options);
    const registry::Situation situation =
        registry::situate(state.town, state.registry, state.config.rubble);
    const registry::StatusReport report =
        registry::status_report(situation, state.registry, state.config.services);
    if (options.json) {
        nlohmann::json json;
        json["as_of"] = options.as_of.empty() ? nlohmann::json() : nlohmann::json(options.as_of);
        for (const auto& s : report.services) {
            json["services"].push_back({{"service", s.service},
                                        {"fully", s.fully},
                                        {"partially", s.partially},
                                        {"not_functioning", s.not_functioning},
                                        {"down_by_dependency", s.down_by_dependency},
                                        {"unknown", s.unknown},
                                        {"causes", s.causes}});
        }
        for (const auto& [facility, why] : report.down) {
            json["down"].push_back({{"facility", facility}, {"why", why}});
        }
        for (const auto& p : report.single_points) {
            json["single_points_of_failure"].push_back(
                {{"facility", p.facility}, {"reason", p.reason}});
        }
        if (options.by_area > 0) {
            const registry::AreaReport areas =
                registry::area_report(situation, state.registry, options.by_area);
            auto area_json = [](const registry::AreaStatus& a) {
                return nlohmann::json{{"pcode", a.pcode},
                                      {"name", a.name},
                                      {"fully", a.fully},
                                      {"partially", a.partially},
                                      {"not_functioning", a.not_functioning},
                                      {"no_status", a.no_status},
                                      {"people", a.people},
                                      {"displaced", a.displaced},
                                      {"activities", a.activities},
                                      {"orgs", a.orgs}};
            };
            json["areas"] = nlohmann::json::array();
            for (const auto& a : areas.areas) {
                json["areas"].push_back(area_json(a));
            }
            json["outside_areas"] = area_json(areas.outside);
        }
        json["hazards"] = {{"edges_blocked_walk", situation.edges_blocked[0]},
                           {"edges_blocked_drive", situation.edges_blocked[1]},
                           {"edges_slowed_walk", situation.edges_slowed[0]},
                           {"edges_slowed_drive", situation.edges_slowed[1]}};
        fmt::print("{}\n", json.dump(2));
        return;
    }
    fmt::print("Facility status in {} ({})\n", options.project, as_of_text(options));
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
    fmt::print("\nHazards: {} edges blocked on foot, {} by car; {} slowed on foot, {} by car.\n",
               situation.edges_blocked[0], situation.edges_blocked[1], situation.edges_slowed[0],
               situation.edges_slowed[1]);
    std::string rule;
    for (const auto& [name, c] : state.config.rubble.classes) {
        if (c.walk != registry::Effect::None || c.drive != registry::Effect::None) {
            rule += fmt::format("{}{} within {} m: foot {}, car {}", rule.empty() ? "" : "; ", name,
                                c.within_m, to_string(c.walk), to_string(c.drive));
        }
    }
    if (options.by_area > 0) {
        print_areas(registry::area_report(situation, state.registry, options.by_area));
    }
    fmt::print("Rubble rule (ASSUMPTION, change it in the configuration's \"rubble\" section): "
               "{}.\n",
               rule.empty() ? "rubble changes no road" : rule);
}

void run_owners(const ReadOptions& options) {
    const ProjectState state = read_state(options);
    const registry::OwnersReport report = registry::owners_report(state.registry);
    if (options.json) {
        nlohmann::json json;
        json["facilities_without_owner"] = report.facilities_without_owner;
        json["facilities_without_funder"] = report.facilities_without_funder;
        json["hazards_without_owner"] = report.hazards_without_owner;
        json["hazards_without_funder"] = report.hazards_without_funder;
        for (const auto& o : report.orgs) {
            json["orgs"].push_back({{"org", o.org},
                                    {"registered", o.registered},
                                    {"operates", o.operates},
                                    {"owns", o.owns},
                                    {"funds", o.funds},
                                    {"activities", o.activities},
                                    {"resources", o.resources},
                                    {"funding_given", o.funding_given},
                                    {"funding_received", o.funding_received}});
        }
        fmt::print("{}\n", json.dump(2));
        return;
    }
    fmt::print("Who holds what in {} ({})\n", options.project, as_of_text(options));
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

struct HistoryOptions {
    std::string project;
    std::string object;
    std::string org;
    std::string kind;
    std::string since;
    std::string until;
    bool json = false;
};

bool mentions(const nlohmann::json& data, const std::string& org) {
    for (const char* field : {"operator", "org", "donor", "recipient", "owner", "funder"}) {
        if (data.contains(field) && data[field] == org) {
            return true;
        }
    }
    return data.contains("funders") &&
           std::find(data["funders"].begin(), data["funders"].end(), org) != data["funders"].end();
}

void run_history(const HistoryOptions& options) {
    const store::History history = store::read_history(options.project);
    const auto since = date_option(options.since, "--since");
    const auto until = date_option(options.until, "--until");
    if (!options.kind.empty()) {
        kind_or_throw(options.kind);
    }
    std::map<std::int64_t, const store::Load*> loads;
    for (const store::Load& load : history.loads) {
        loads[load.id] = &load;
    }
    std::map<std::string, nlohmann::json> previous;
    nlohmann::json rows = nlohmann::json::array();
    for (const store::Record& record : history.records) {
        const nlohmann::json data = nlohmann::json::parse(record.data);
        const std::string id = record.kind + "/" + record.key;
        // The fields this version sets, changes or clears, against the state recorded before it.
        const auto before = previous.find(id);
        const bool is_new = before == previous.end();
        nlohmann::json& state = previous[id];
        const nlohmann::json old_state = state;
        if (const auto kind = registry::parse_kind(record.kind)) {
            registry::apply_version(*kind, state, data);
        }
        const std::vector<std::string> fields =
            is_new ? std::vector<std::string>{} : registry::changed_fields(old_state, state);
        const bool matches_object = options.object.empty() || record.key == options.object ||
                                    data.value("ext_code", "") == options.object;
        if (!matches_object || (!options.org.empty() && !mentions(data, options.org)) ||
            (!options.kind.empty() && record.kind != options.kind) ||
            (since && record.reported < *since) || (until && record.reported > *until)) {
            continue;
        }
        const store::Load& load = *loads.at(record.load_id);
        rows.push_back({{"recorded_at", load.recorded_at},
                        {"recorded_by", load.recorded_by},
                        {"reported", record.reported},
                        {"kind", record.kind},
                        {"key", record.key},
                        {"change", is_new ? "new" : "changed"},
                        {"fields", fields},
                        {"source", fmt::format("{}:{}", load.source_file, record.line)}});
    }
    if (options.json) {
        fmt::print("{}\n", rows.dump(2));
        return;
    }
    fmt::print("{:<20} {:<10} {:<10} {:<10} {:<16} {:<30} {}\n", "recorded", "by", "reported",
               "kind", "object", "change", "source");
    for (const auto& row : rows) {
        const std::string change =
            row["change"] == "new"
                ? std::string("new")
                : fmt::format("changed: {}",
                              fmt::join(row["fields"].get<std::vector<std::string>>(), ", "));
        fmt::print("{:<20} {:<10} {:<10} {:<10} {:<16} {:<30} {}\n",
                   row["recorded_at"].get<std::string>(), row["recorded_by"].get<std::string>(),
                   row["reported"].get<std::string>(), row["kind"].get<std::string>(),
                   row["key"].get<std::string>(), change, row["source"].get<std::string>());
    }
    fmt::print("{} change{} of {} recorded\n", rows.size(), rows.size() == 1 ? "" : "s",
               history.records.size());
}

struct ExportKindOptions {
    ReadOptions read;
    std::string kind;
    std::string out;
    std::string format;
};

void run_export_kind(const ExportKindOptions& options) {
    const registry::Kind kind = kind_or_throw(options.kind);
    const bool to_geojson = options.format == "geojson" ||
                            (options.format.empty() && (options.out.ends_with(".geojson") ||
                                                        kind == registry::Kind::Hazards));
    if (!options.format.empty() && options.format != "geojson" && options.format != "hxl") {
        throw InputError(fmt::format("unknown format '{}' (use hxl or geojson)", options.format));
    }
    const ProjectState state = read_state(options.read);
    const auto format = to_geojson ? registry::ExportFormat::GeoJson : registry::ExportFormat::Hxl;
    if (options.out.empty() || options.out == "-") {
        registry::write_kind(kind, state.registry, std::cout, format);
        return;
    }
    std::ostringstream text;
    registry::write_kind(kind, state.registry, text, format);
    util::TextFile file(options.out);
    file.write(text.str());
    file.commit();
}

} // namespace

std::optional<std::string> date_option(const std::string& text, std::string_view option) {
    if (text.empty()) {
        return std::nullopt;
    }
    const auto date = registry::parse_iso_date(text);
    if (!date) {
        throw InputError(fmt::format("{} '{}' is not an ISO 8601 date (YYYY-MM-DD)", option, text));
    }
    return date;
}

Runner add_load_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<LoadOptions>();
    CLI::App* command = app.add_subcommand(
        "load",
        "Load a partner's file into the project's registry: facility statuses (HeRAMS, HXL CSV),\n"
        "hazards (GeoJSON), population (HXL CSV points, GeoJSON admin areas with P-codes, or a\n"
        "GeoTIFF raster), orgs, resources, funding or activities (3W, HXL CSV). The whole file is\n"
        "checked first; any problem refuses all of it (every problem is listed as file:line),\n"
        "and the project is left unchanged. Loading a file again changes nothing. Every change\n"
        "is kept with who loaded it, when, the date it reports on and its source file\n"
        "(see `dayafter history`). A row says only what it says: an empty cell or a missing\n"
        "column keeps the earlier value, and a cell reading `unknown` clears it.\n"
        "Columns: docs/cli/load.md.");
    command->add_option("kind", options->kind, fmt::format("One of: {}", kKindList))->required();
    command->add_option("file", options->file, "The file to load")->required();
    command->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    command->add_option("--reported", options->reported,
                        "The date rows report on when they have no #date+reported (YYYY-MM-DD)");
    command->add_option("--by", options->by, "Who is loading it (default: the login name)");
    command
        ->add_option("--match-within", options->match_within_m,
                     "Facility rows with no known code match the nearest mapped facility of\n"
                     "their type within this many metres")
        ->default_val(50);
    command->add_flag("--dry-run", options->dry_run, "Show what would change; write nothing");
    command->footer("Examples:\n"
                    "  dayafter load facilities herams-2017-12.csv --project monaco.dayafter\n"
                    "  dayafter load hazards unosat-damage.geojson --project monaco.dayafter "
                    "--dry-run");
    return [options, &context] { run_load(*options, context); };
}

Runner add_status_command(CLI::App& app, Context&) {
    auto options = std::make_shared<ReadOptions>();
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

Runner add_owners_command(CLI::App& app, Context&) {
    auto options = std::make_shared<ReadOptions>();
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

Runner add_history_command(CLI::App& app, Context&) {
    auto options = std::make_shared<HistoryOptions>();
    CLI::App* command = app.add_subcommand(
        "history", "Every recorded change: when it was recorded, by whom, the date it reports on,\n"
                   "what changed and from which file and line.");
    command->add_option("--project", options->project, "The project (NAME.dayafter)")->required();
    command->add_option("--object", options->object, "Only this object (key or partner code)");
    command->add_option("--org", options->org, "Only changes naming this organisation");
    command->add_option("--kind", options->kind, fmt::format("Only this kind ({})", kKindList));
    command->add_option("--since", options->since, "Reported on or after (YYYY-MM-DD)");
    command->add_option("--until", options->until, "Reported on or before (YYYY-MM-DD)");
    command->add_flag("--json", options->json, "Print JSON");
    command->footer("Example:\n  dayafter history --project monaco.dayafter --object w123");
    return [options] { run_history(*options); };
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
        command->add_option("--project", options->read.project, "The project")->required();
        command->add_option("-o,--output", options->out, "The file (default: standard output)");
        command->add_option("--format", options->format,
                            "hxl or geojson (default: by the file's extension)");
        command->add_option("--as-of", options->read.as_of, "The state as of this date");
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

} // namespace dayafter::cli
