// dayafter report: access, status, owners, a plan and the what-ifs as one offline HTML page.
#include <cctype>
#include <chrono>
#include <optional>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "computed_access.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/io/replace_file.hpp"
#include "dayafter/report/report_page.hpp"
#include "dayafter/util/text_file.hpp"

namespace dayafter::app {
namespace {

using nlohmann::json;

/// "Monaco" from "monaco.osm.pbf", "Andorra" from "andorra-latest.osm.pbf".
std::string town_name(const model::SourceInfo& source, const std::filesystem::path& project) {
    std::string name = source.file_name.empty() ? project.stem().string() : source.file_name;
    name = name.substr(0, name.find('.'));
    if (const std::size_t dash = name.find("-latest"); dash != std::string::npos) {
        name.resize(dash);
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '_' || name[i] == '-') {
            name[i] = ' ';
        }
        if (i == 0 || name[i - 1] == ' ') {
            name[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[i])));
        }
    }
    return name;
}

/// The what-ifs as the page's contract has them (docs/report-data.md, `scenarios`).
json scenarios_json(const CompareAnswer& answer) {
    json list = json::array();
    const ScenarioFigures& base = answer.scenarios.front();
    for (const ScenarioFigures& sc : answer.scenarios) {
        json services = json::array();
        for (std::size_t s = 0; s < sc.results.size(); ++s) {
            const access::ServiceAccess& r = sc.results[s];
            services.push_back({{"service", r.service.name},
                                {"within", r.within},
                                {"within_change", r.within - base.results[s].within},
                                {"beyond", r.beyond},
                                {"cut_off", r.cut_off},
                                {"not_taken", r.unserved}});
        }
        json plan = nullptr;
        if (sc.plan) {
            plan = {{"own_plan", sc.plan->gain},
                    {"baseline_plan", sc.plan->baseline_gain},
                    {"money_needed", std::round(sc.plan->money_needed)},
                    {"not_paid", std::round(sc.plan->money_missing)},
                    {"not_done", sc.plan->not_done}};
        }
        list.push_back({{"name", sc.name},
                        {"description", sc.description},
                        {"file", sc.file.filename().string()},
                        {"computed_from_scratch", sc.cold},
                        {"notes", sc.notes},
                        {"services", std::move(services)},
                        {"plan", std::move(plan)}});
    }
    return {{"baseline", base.name}, {"list", std::move(list)}};
}

} // namespace

ReportAnswer write_report(const ReportRequest& request, const Logger& log) {
    io::check_replaceable(request.out, request.replace);
    ReportAnswer answer;

    json scenarios = {{"baseline", ""}, {"list", json::array()}};
    std::optional<CompareAnswer> compared;
    if (!request.scenarios.empty()) {
        log.progress(fmt::format("comparing {} what-ifs", request.scenarios.size()));
        CompareRequest compare_request{request.read, request.scenarios, std::nullopt};
        if (request.plan_scenarios) {
            compare_request.plan = request.plan;
        }
        compared = compare(compare_request, log);
        scenarios = scenarios_json(*compared);
        answer.scenarios = scenarios["list"].size();
    }
    // compare read the same state; the project is read once.
    const snapshot::Snapshot snapshot =
        compared ? std::move(compared->snapshot) : open_snapshot(request.read, {});

    log.progress("estimating population and computing access");
    const std::span<const model::Place> places = snapshot.population().places;
    const std::vector<access::ServiceAccess> results =
        computed_access(snapshot, std::nullopt, answer.skipped);

    log.progress("deriving repair tasks and scheduling them");
    plan::PlanOptions options = request.plan;
    options.progress = [&log](std::size_t evaluations, double best) {
        log.progress(
            fmt::format("{} schedules tried, best {:.0f} people-days gained", evaluations, best));
    };
    const plan::Plan plan = plan::make_plan(snapshot, options);
    if (!plan.checks.empty()) {
        throw Error(fmt::format("the plan breaks its own rules (a bug): {}", plan.checks.front()));
    }

    log.progress("writing the report");
    const report::StatusReport status = report::status_report(snapshot);
    const report::OwnersReport owners = report::owners_report(snapshot);
    report::ReportInputs in{snapshot, places, results, status, owners, plan};
    in.scenarios = std::move(scenarios);
    in.town = request.town.empty() ? town_name(snapshot.town().source, request.read.project)
                                   : request.town;
    in.project = request.read.project.filename().string();
    in.illustrative_note = request.illustrative_note;
    in.generated_at =
        fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                    std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    in.generated_by = std::string("dayafter ") + DAYAFTER_VERSION;
    in.plan_method = fmt::format("dayafter plan: {}, {} schedules tried, horizon {} days",
                                 plan.solver, plan.evaluations, options.horizon);
    const json data = report::report_data(in);
    const std::string page = report::fill_report_page(report::report_page_template(), data);

    util::TextFile file(request.out);
    file.write(page);
    file.commit();
    answer.bytes = page.size();
    answer.roads = data["map"]["roads"]["features"].size();
    answer.facilities = data["map"]["facilities"]["features"].size();
    answer.hazards = data["map"]["hazards"]["features"].size();
    answer.places = data["map"]["places"]["features"].size();
    answer.tasks = data["schedule"]["tasks"].size();
    answer.illustrative = data["meta"]["illustrative"].get<bool>();
    return answer;
}

} // namespace dayafter::app
