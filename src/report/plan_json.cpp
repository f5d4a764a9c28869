#include "dayafter/report/plan_json.hpp"

#include "dayafter/plan/calendar.hpp"
#include "dayafter/report/plan_files.hpp"

namespace dayafter::report {
namespace {

using nlohmann::json;

/// People within on that day, or null when the horizon ends before it.
json on_day(const std::vector<double>& curve, std::size_t day) {
    return day < curve.size() ? json(curve[day]) : json(nullptr);
}

json services_json(const plan::Plan& plan) {
    json services = json::array();
    for (std::size_t s = 0; s < plan.services.size(); ++s) {
        const std::vector<double>& curve = plan.curve[s];
        services.push_back({{"service", plan.services[s]},
                            {"today", plan.today[s]},
                            {"day_7", on_day(curve, 7)},
                            {"day_30", on_day(curve, 30)},
                            {"day_90", on_day(curve, 90)},
                            {"achievable", plan.achievable[s]}});
    }
    return services;
}

json findings_json(const plan::Plan& plan) {
    json findings = json::array();
    for (const plan::Finding& f : plan.findings) {
        json held = json::object();
        for (std::size_t s = 0; s < f.held_back.size() && s < plan.services.size(); ++s) {
            held[plan.services[s]] = f.held_back[s];
        }
        const plan::Task& task = plan.tasks.tasks[f.task];
        findings.push_back(
            {{"task", task.title}, {"object", task.object}, {"what", f.what}, {"held_back", held}});
    }
    return findings;
}

} // namespace

json plan_summary_json(const plan::Plan& plan) {
    std::size_t scheduled = 0;
    for (const plan::Placement& p : plan.schedule.jobs) {
        scheduled += p.placed() ? 1 : 0;
    }
    json rules = json::array();
    for (const plan::RuleResult& r : plan.rules) {
        rules.push_back({{"name", r.name}, {"gain", r.gain}});
    }
    json money = json::array();
    for (const plan::PotUse& m : plan.money) {
        money.push_back({{"name", m.name}, {"available", m.available}, {"spent", m.spent}});
    }
    return {{"start", plan.start},
            {"horizon_days", plan.curve.empty() ? std::size_t{0} : plan.curve.front().size()},
            {"currency", plan.tasks.currency},
            {"tasks", plan.tasks.tasks.size()},
            {"scheduled", scheduled},
            {"services", services_json(plan)},
            {"gain", plan.gain},
            {"rules", rules},
            {"findings", findings_json(plan)},
            {"money", money}};
}

json plan_schedule_json(const plan::Plan& plan) {
    json tasks = json::array();
    for (std::uint32_t t = 0; t < plan.tasks.tasks.size(); ++t) {
        const plan::Task& task = plan.tasks.tasks[t];
        const plan::Placement& p = plan.schedule.jobs[t];
        const bool placed = p.placed();
        tasks.push_back({{"task", task.title},
                         {"kind", model::to_string(task.kind)},
                         {"object", task.object},
                         {"start", placed ? json(p.start) : json(nullptr)},
                         {"finish", placed ? json(p.finish) : json(nullptr)},
                         {"start_date", placed ? plan::date_after(plan.start, p.start) : ""},
                         {"finish_date", placed ? plan::date_after(plan.start, p.finish) : ""},
                         {"crew", crew_of(plan, t)},
                         {"owner", task.owner},
                         {"funder", task.funder},
                         {"cost", task.cost},
                         {"status", task_status(plan, t)}});
    }
    return tasks;
}

} // namespace dayafter::report
