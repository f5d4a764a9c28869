#include "dayafter/report/plan_files.hpp"

#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dayafter/io/hxl.hpp"
#include "dayafter/plan/calendar.hpp"
#include "dayafter/util/text_file.hpp"

namespace dayafter::report {
namespace {

using util::TextFile;

std::filesystem::path write_schedule(const plan::Plan& plan, const std::filesystem::path& path) {
    std::ostringstream out;
    io::write_csv_row(out, {"task", "kind", "place", "lat", "lon", "start_day", "end_day", "start",
                            "end", "crew", "owner", "funder", "cost", "currency", "status"});
    io::write_csv_row(out, {"#activity+name", "#activity+type", "#loc+code", "#geo+lat", "#geo+lon",
                            "#x_day+start", "#x_day+end", "#date+start", "#date+end", "#org+impl",
                            "#org+owner", "#org+funder", "#value", "#currency+code", "#status"});
    for (std::uint32_t t = 0; t < plan.tasks.tasks.size(); ++t) {
        const plan::Task& task = plan.tasks.tasks[t];
        const plan::Placement& p = plan.schedule.jobs[t];
        auto day = [&](plan::Day d) { return p.placed() ? std::to_string(d) : std::string(); };
        auto date = [&](plan::Day d) { return p.placed() ? plan::date_after(plan.start, d) : ""; };
        io::write_csv_row(out, {task.title, std::string(model::to_string(task.kind)), task.object,
                                fmt::format("{:.6f}", task.location.lat()),
                                fmt::format("{:.6f}", task.location.lon()), day(p.start),
                                day(p.finish), date(p.start), date(p.finish), crew_of(plan, t),
                                task.owner, task.funder, fmt::format("{:.0f}", task.cost),
                                plan.tasks.currency, task_status(plan, t)});
    }
    io::write_csv_file(path, out.str());
    return path;
}

std::filesystem::path write_curve(const plan::Plan& plan, const std::filesystem::path& path) {
    std::vector<std::string> header = {"day", "date"};
    std::vector<std::string> tags = {"#x_day", "#date"};
    const bool bands = plan.bands.samples > 0;
    for (const std::string& s : plan.services) {
        header.push_back(s + "_within");
        tags.push_back("#population+with_access+" + s);
        if (bands) {
            header.insert(header.end(), {s + "_p10", s + "_p50", s + "_p90"});
            tags.insert(tags.end(),
                        {"#population+p10+" + s, "#population+p50+" + s, "#population+p90+" + s});
        }
    }
    std::ostringstream out;
    io::write_csv_row(out, header);
    io::write_csv_row(out, tags);
    std::vector<std::string> row;
    for (std::size_t d = 0; d < (plan.curve.empty() ? 0 : plan.curve.front().size()); ++d) {
        row = {std::to_string(d), plan::date_after(plan.start, static_cast<plan::Day>(d))};
        for (std::size_t s = 0; s < plan.curve.size(); ++s) {
            row.push_back(fmt::format("{:.0f}", plan.curve[s][d]));
            if (bands) {
                const auto& b = plan.bands.by_service[s];
                for (std::size_t band = 0; band < 3; ++band) {
                    row.push_back(fmt::format("{:.0f}", b[band][d]));
                }
            }
        }
        io::write_csv_row(out, row);
    }
    io::write_csv_file(path, out.str());
    return path;
}

std::filesystem::path write_tasks(const plan::Plan& plan, const std::filesystem::path& path) {
    nlohmann::json features = nlohmann::json::array();
    for (std::uint32_t t = 0; t < plan.tasks.tasks.size(); ++t) {
        const plan::Task& task = plan.tasks.tasks[t];
        const plan::Placement& p = plan.schedule.jobs[t];
        nlohmann::json properties = {{"task", task.title},
                                     {"kind", model::to_string(task.kind)},
                                     {"place", task.object},
                                     {"owner", task.owner},
                                     {"funder", task.funder},
                                     {"crew", crew_of(plan, t)},
                                     {"cost", task.cost},
                                     {"currency", plan.tasks.currency},
                                     {"status", task_status(plan, t)}};
        properties["start"] =
            p.placed() ? nlohmann::json(plan::date_after(plan.start, p.start)) : "";
        properties["end"] =
            p.placed() ? nlohmann::json(plan::date_after(plan.start, p.finish)) : "";
        features.push_back(
            {{"type", "Feature"},
             {"geometry",
              {{"type", "Point"}, {"coordinates", {task.location.lon(), task.location.lat()}}}},
             {"properties", properties}});
    }
    TextFile file(path);
    file.line(nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump());
    file.commit();
    return path;
}

} // namespace

std::string task_status(const plan::Plan& plan, std::uint32_t task) {
    const plan::Placement& p = plan.schedule.jobs[task];
    if (p.placed()) {
        return plan.tasks.tasks[task].activity.empty() ? "planned" : "under way or done (3W)";
    }
    return plan.tasks.tasks[task].impossible.empty() ? std::string(plan::to_string(p.why))
                                                     : plan.tasks.tasks[task].impossible;
}

std::string crew_of(const plan::Plan& plan, std::uint32_t task) {
    const plan::Placement& p = plan.schedule.jobs[task];
    if (!p.placed() || plan.problem.jobs[task].modes.empty()) {
        return "";
    }
    std::string crew;
    for (const plan::Demand& d : plan.problem.jobs[task].modes[p.mode].demands) {
        crew += (crew.empty() ? "" : " + ") + plan.problem.pools[d.pool].name;
    }
    return crew;
}

std::vector<std::filesystem::path> write_plan_files(const plan::Plan& plan,
                                                    const std::filesystem::path& folder) {
    util::create_folder(folder);
    return {write_schedule(plan, folder / "schedule.csv"), write_curve(plan, folder / "curve.csv"),
            write_tasks(plan, folder / "tasks.geojson")};
}

} // namespace dayafter::report
