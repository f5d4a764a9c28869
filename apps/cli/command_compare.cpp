// dayafter compare: what-ifs side by side with the baseline, as a table, HXL CSV or JSON.
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/io/hxl.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::cli {
namespace {

struct CompareOptions {
    std::string project;
    std::vector<std::string> scenarios;
    std::string as_of;
    std::string config;
    std::optional<double> population_total;
    bool plan = false;
    std::string horizon = "180d";
    double time_limit = 20;
    std::size_t evaluations = 4000;
    std::uint64_t seed = 1;
    bool json = false;
    bool force = false;
    std::string csv;
};

std::string change(double now, double base) {
    const double d = now - base;
    return d == 0 ? "=" : fmt::format("{}{}", d > 0 ? "+" : "-", people(std::abs(d)));
}

std::string day_text(const std::optional<plan::Day>& day) {
    return day ? fmt::format("day {}", *day) : "not in horizon";
}

void print_table(const CompareOptions& o, const app::CompareAnswer& answer) {
    const app::ScenarioFigures& base = answer.scenarios.front();
    fmt::print("What-ifs on {} against the baseline '{}' (road data (c) OpenStreetMap "
               "contributors, ODbL). Nothing is stored.\n",
               o.project, base.name);
    for (std::size_t s = 0; s < base.results.size(); ++s) {
        const access::ServiceAccess& b = base.results[s];
        fmt::print("\n{} ({} {}):\n", b.service.name, graph::to_string(b.mode),
                   model::format_threshold(b.service));
        fmt::print("  {:<32} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "scenario", "within",
                   "change", "beyond", "cut off", "overloaded", "not taken");
        for (const app::ScenarioFigures& sc : answer.scenarios) {
            const access::ServiceAccess& r = sc.results[s];
            const bool capacity = r.service.capacity_people.has_value();
            fmt::print("  {:<32} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", sc.name,
                       people(r.within), change(r.within, b.within), people(r.beyond),
                       people(r.cut_off), capacity ? people(r.overloaded) : "-",
                       capacity ? people(r.unserved) : "-");
        }
    }
    if (base.plan) {
        fmt::print("\nPlans ({} currency; area under the curve in people-days gained, weighted):\n",
                   base.plan->currency);
        fmt::print("  {:<32} {:>14} {:>16} {:>14} {:>14} {:>8}\n", "scenario", "own plan",
                   "baseline's plan", "money needed", "not paid", "not done");
        for (const app::ScenarioFigures& sc : answer.scenarios) {
            const app::ScenarioPlan& p = *sc.plan;
            fmt::print("  {:<32} {:>14} {:>16} {:>14} {:>14} {:>8}\n", sc.name, people(p.gain),
                       people(p.baseline_gain), people(p.money_needed), people(p.money_missing),
                       p.not_done);
        }
        fmt::print("\n90% of the baseline's people within now are within again (own plan):\n");
        for (const app::ScenarioFigures& sc : answer.scenarios) {
            std::string days;
            for (std::size_t s = 0; s < sc.results.size(); ++s) {
                days += fmt::format("{}{}: {}", s == 0 ? "" : ", ", sc.results[s].service.name,
                                    day_text(sc.plan->day_90_of_baseline.at(s)));
            }
            fmt::print("  {:<32} {}\n", sc.name, days);
        }
        fmt::print("The baseline's plan is followed in each scenario: its order of work on the "
                   "scenario's crews, money and dates;\nthe scenario's own damage is not "
                   "repaired.\n");
    }
    for (const app::ScenarioFigures& sc : answer.scenarios) {
        if (sc.cold) {
            fmt::print("{}: adds facilities, so its access was computed from scratch.\n", sc.name);
        }
        for (const std::string& origin : sc.plan ? std::vector<std::string>{} : sc.plan_only) {
            fmt::print("{}: acts on plans only (give --plan to see it)\n", origin);
        }
        for (const std::string& note : sc.notes) {
            fmt::print("{}\n", note);
        }
    }
}

nlohmann::json to_json(const app::CompareAnswer& answer) {
    using nlohmann::json;
    const app::ScenarioFigures& base = answer.scenarios.front();
    json out = {{"baseline", base.name}, {"scenarios", json::array()}};
    for (const app::ScenarioFigures& sc : answer.scenarios) {
        json services = json::array();
        for (std::size_t s = 0; s < sc.results.size(); ++s) {
            const access::ServiceAccess& r = sc.results[s];
            json service = {{"service", r.service.name},
                            {"mode", graph::to_string(r.mode)},
                            {"total", r.total},
                            {"within", r.within},
                            {"beyond", r.beyond},
                            {"cut_off", r.cut_off},
                            {"within_change", r.within - base.results[s].within},
                            {"cut_off_change", r.cut_off - base.results[s].cut_off},
                            {"overloaded_facilities", r.overloaded},
                            {"not_taken", r.unserved}};
            if (sc.plan) {
                const auto& day = sc.plan->day_90_of_baseline.at(s);
                service["day_90_of_baseline"] = day ? json(*day) : json(nullptr);
            }
            services.push_back(std::move(service));
        }
        json entry = {{"name", sc.name},
                      {"description", sc.description},
                      {"file", sc.file.string()},
                      {"computed_from_scratch", sc.cold},
                      {"services", std::move(services)},
                      {"plan_only", sc.plan_only},
                      {"notes", sc.notes}};
        if (sc.plan) {
            entry["plan"] = {{"area_under_curve", sc.plan->gain},
                             {"baseline_plan_area_under_curve", sc.plan->baseline_gain},
                             {"money_needed", sc.plan->money_needed},
                             {"money_not_paid", sc.plan->money_missing},
                             {"currency", sc.plan->currency},
                             {"tasks", sc.plan->tasks},
                             {"tasks_not_done", sc.plan->not_done}};
        }
        out["scenarios"].push_back(std::move(entry));
    }
    return out;
}

/// One row per scenario and service, HXL-tagged (as the other CSV outputs).
void write_csv(const std::string& file, const app::CompareAnswer& answer) {
    // Built in memory, then written as every CSV file is (io::write_csv_file: an exclusive
    // temporary file renamed into place, with a BOM when the text goes beyond ASCII).
    std::ostringstream out;
    io::write_csv_row(out, {"scenario", "service", "mode", "total", "within", "within_change",
                            "beyond", "cut_off", "overloaded_facilities", "not_taken",
                            "day_90_of_baseline", "plan_area_under_curve",
                            "baseline_plan_area_under_curve", "money_needed", "money_not_paid"});
    io::write_csv_row(out, {"#meta+scenario", "#sector", "#meta+mode", "#population+total",
                            "#population+within", "#population+within+change", "#population+beyond",
                            "#population+cutoff", "#indicator+overloaded", "#population+unserved",
                            "#date+day+restored", "#indicator+auc", "#indicator+auc+baseline",
                            "#value+needed", "#value+unpaid"});
    const app::ScenarioFigures& base = answer.scenarios.front();
    const auto number = [](double v) { return fmt::format("{:.2f}", v); };
    for (const app::ScenarioFigures& sc : answer.scenarios) {
        for (std::size_t s = 0; s < sc.results.size(); ++s) {
            const access::ServiceAccess& r = sc.results[s];
            std::vector<std::string> row = {
                sc.name,           r.service.name,    std::string(graph::to_string(r.mode)),
                number(r.total),   number(r.within),  number(r.within - base.results[s].within),
                number(r.beyond),  number(r.cut_off), std::to_string(r.overloaded),
                number(r.unserved)};
            if (sc.plan) {
                const auto& day = sc.plan->day_90_of_baseline.at(s);
                row.insert(row.end(),
                           {day ? std::to_string(*day) : "", number(sc.plan->gain),
                            number(sc.plan->baseline_gain), number(sc.plan->money_needed),
                            number(sc.plan->money_missing)});
            } else {
                row.insert(row.end(), {"", "", "", "", ""});
            }
            io::write_csv_row(out, row);
        }
    }
    io::write_csv_file(file, out.str());
}

void run_compare(const CompareOptions& o, const Context& context) {
    app::CompareRequest request;
    request.read = {o.project, date_option(o.as_of, "--as-of"), o.config, o.population_total};
    for (const std::string& file : o.scenarios) {
        request.scenarios.emplace_back(file);
    }
    if (o.plan) {
        if (!(o.time_limit > 0)) {
            throw InputError("--time-limit: give seconds > 0");
        }
        request.plan = plan::PlanOptions{.horizon = horizon_days(o.horizon),
                                         .time_limit_s = o.time_limit,
                                         .max_evaluations = o.evaluations,
                                         .seed = o.seed};
    }
    if (!o.csv.empty()) {
        refuse_to_replace({o.csv}, o.force);
    }
    const app::CompareAnswer answer = app::compare(request, context.logger());
    if (!o.csv.empty()) {
        write_csv(o.csv, answer);
    }
    if (o.json) {
        fmt::print("{}\n", to_json(answer).dump(2));
    } else {
        print_table(o, answer);
        if (!o.csv.empty()) {
            fmt::print("Wrote {}\n", o.csv);
        }
    }
}

} // namespace

Runner add_compare_command(CLI::App& app, Context& context) {
    auto o = std::make_shared<CompareOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compare",
        "What-ifs side by side: each scenario file's changes (bridges blown, roads blocked,\n"
        "facilities destroyed or added, utilities down, people displaced, crews withdrawn,\n"
        "a donor's money cut, an entry point closed) applied to the project's state without\n"
        "touching it. Per service: people within the threshold, beyond, cut off, overloaded\n"
        "facilities and people they cannot take, each against the first file, the baseline.\n"
        "With --plan, each scenario's own plan and how the baseline's plan fares in it.\n"
        "Scenario files and templates: docs/scenarios.md.");
    cmd->add_option("--project", o->project, "The project (NAME.dayafter)")->required();
    cmd->add_option("scenarios", o->scenarios, "Scenario files (JSON); the first is the baseline")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_flag("--plan", o->plan,
                  "Also plan each scenario: days until 90% of the baseline's access is back, "
                  "area under the curve, money needed and not paid, and the baseline's plan "
                  "replayed under it");
    cmd->add_option("--horizon", o->horizon, "With --plan: days to plan (default 180d)");
    cmd->add_option("--time-limit", o->time_limit,
                    "With --plan: seconds of search per scenario (default 20)")
        ->check(finite_number(0, false));
    cmd->add_option("--evaluations", o->evaluations,
                    "With --plan: schedules tried per scenario at most (default 4000)");
    cmd->add_option("--seed", o->seed, "With --plan: seed of the search");
    cmd->add_flag("--json", o->json, "Print the comparison as JSON");
    cmd->add_option("--csv", o->csv, "Also write one HXL CSV row per scenario and service here");
    add_force_flag(*cmd, o->force);
    cmd->add_option("--as-of", o->as_of, "The registry as of this date (YYYY-MM-DD)");
    cmd->add_option("--config", o->config, "Configuration (JSON) over the project's")
        ->check(CLI::ExistingFile);
    cmd->add_option("--population-total", o->population_total,
                    "Scale the population estimate to this many people")
        ->check(finite_number(0, false));
    cmd->footer("Examples:\n"
                "  dayafter compare --project andorra.dayafter base.json bridges.json grid.json\n"
                "  dayafter compare --project andorra.dayafter base.json bridges.json --plan "
                "--time-limit 5 --csv whatifs.csv\n\n"
                "Exit codes: 0 done, 2 bad input (a scenario naming what the project does not "
                "have,\nwith the file and the JSON path; nothing is written).");
    return [o, cmd, &context] {
        if (cmd->parsed()) {
            run_compare(*o, context);
        }
    };
}

} // namespace dayafter::cli
