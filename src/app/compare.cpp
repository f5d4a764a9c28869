// The what-if use case: scenarios side by side with the baseline (include/dayafter/app/app.hpp).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "dayafter/access/session.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/io/scenario_file.hpp"
#include "dayafter/plan/access_curve.hpp"
#include "dayafter/plan/planner.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "dayafter/snapshot/scenario_state.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::app {
namespace {

std::vector<access::ServiceAccess> computed(const access::AccessSession& session) {
    std::vector<access::ServiceAccess> results;
    for (std::size_t s = 0; s < session.service_count(); ++s) {
        access::ServiceAccess result = session.result(s);
        if (result.status == access::AccessStatus::Computed) {
            results.push_back(std::move(result));
        }
    }
    return results;
}

/// The baseline's plan followed in another scenario: its order of work (tasks matched by title)
/// decoded on the scenario's crews, money and dates, so a crew withdrawn or delayed, or money cut,
/// moves or stops its tasks; a task the baseline does not know (the scenario's own damage) is not
/// done, nor is anything waiting for it.
plan::Schedule followed(const plan::Plan& baseline, const plan::Plan& own) {
    std::map<std::string, std::uint32_t> index;
    for (std::uint32_t t = 0; t < own.tasks.tasks.size(); ++t) {
        index.emplace(own.tasks.tasks[t].title, t);
    }
    plan::Problem problem = own.problem;
    std::vector<bool> listed(problem.jobs.size(), false);
    std::vector<std::uint32_t> order;
    for (const std::uint32_t j : baseline.order) {
        const auto found = index.find(baseline.tasks.tasks[j].title);
        if (found != index.end() && !listed[found->second]) {
            listed[found->second] = true;
            order.push_back(found->second);
        }
    }
    for (std::uint32_t j = 0; j < problem.jobs.size(); ++j) {
        if (!listed[j]) {
            problem.jobs[j].modes.clear(); // the baseline's plan does not do it
            order.push_back(j);
        }
    }
    return plan::decode(problem, order);
}

ScenarioPlan summarize(const plan::Plan& own, const plan::Plan& baseline,
                       const snapshot::Snapshot& state, const plan::PlanOptions& options) {
    ScenarioPlan out;
    out.gain = own.gain;
    out.currency = own.tasks.currency;
    out.tasks = own.tasks.tasks.size();
    for (std::size_t t = 0; t < own.tasks.tasks.size(); ++t) {
        const bool can =
            own.tasks.tasks[t].impossible.empty() && own.tasks.tasks[t].activity.empty();
        out.money_needed += can ? own.tasks.tasks[t].cost : 0;
        const plan::Unplaced why = own.schedule.jobs[t].why;
        out.money_missing += why == plan::Unplaced::NobodyPays ? own.tasks.tasks[t].cost : 0;
        out.not_done += own.schedule.jobs[t].placed() ? 0 : 1;
    }
    for (std::size_t s = 0; s < own.services.size(); ++s) {
        // 90% of the baseline's people within now: from 0 to baseline.today, share 0.9.
        out.day_90_of_baseline.push_back(
            plan::day_reaching(own.curve[s], 0, baseline.today.at(s), 0.9));
    }
    plan::AccessCurve curve(state, own.tasks, options.horizon);
    out.baseline_gain = curve.gain(followed(baseline, own));
    return out;
}

} // namespace

CompareAnswer compare(const CompareRequest& request, const Logger& log) {
    if (request.scenarios.empty()) {
        throw InputError("compare: give at least one scenario file (the first is the baseline)");
    }
    CompareAnswer answer{open_snapshot(request.read), {}};
    const snapshot::Snapshot& snapshot = answer.snapshot;
    std::vector<model::Scenario> scenarios;
    std::vector<snapshot::ScenarioOverlay> overlays;
    const snapshot::WayIndex ways(snapshot);
    for (const std::filesystem::path& file : request.scenarios) {
        scenarios.push_back(io::read_scenario(file));
        overlays.push_back(snapshot::scenario_overlay(snapshot, scenarios.back(), &ways));
        answer.scenarios.push_back({.name = scenarios.back().name,
                                    .description = scenarios.back().description,
                                    .file = file,
                                    .cold = !overlays.back().added_facilities.empty(),
                                    .plan_only = overlays.back().plan_only});
    }
    log.progress(fmt::format("computing access for {} scenarios", overlays.size()));
    access::AccessSession session(snapshot, snapshot.config().services);
    std::optional<model::Town> imported;
    const auto state_of = [&](std::size_t k, const std::string& start) {
        if (!imported) {
            imported = store::read_project(request.read.project);
        }
        snapshot::ScenarioState state =
            snapshot::scenario_state(snapshot, scenarios[k], overlays[k], start);
        answer.scenarios[k].notes = state.notes;
        return snapshot::Snapshot::build(*imported, std::move(state.registry), snapshot.config(),
                                         snapshot.as_of());
    };
    const std::string start = request.plan && !request.plan->start.empty()
                                  ? request.plan->start
                                  : plan::default_start(snapshot);
    for (std::size_t k = 0; k < overlays.size(); ++k) {
        if (answer.scenarios[k].cold) {
            const snapshot::Snapshot state = state_of(k, start);
            answer.scenarios[k].results =
                computed(access::AccessSession(state, state.config().services));
            continue;
        }
        const std::size_t places_before = session.places().size();
        session.apply(overlays[k].overlay);
        answer.scenarios[k].results = computed(session);
        session.apply(snapshot::undo(snapshot, overlays[k].overlay, places_before));
    }
    if (!request.plan) {
        return answer;
    }
    plan::PlanOptions options = *request.plan;
    options.start = start;              // every scenario from the same day 0
    std::optional<plan::Plan> baseline; // the first scenario's, which the others are held to
    for (std::size_t k = 0; k < overlays.size(); ++k) {
        log.progress(fmt::format("planning scenario {} of {}: {}", k + 1, overlays.size(),
                                 answer.scenarios[k].name));
        const snapshot::Snapshot state = state_of(k, start);
        plan::Plan own = plan::make_plan(state, options);
        if (!own.checks.empty()) {
            throw Error(fmt::format("the plan of {} breaks its own rules (a bug): {}",
                                    answer.scenarios[k].name, own.checks.front()));
        }
        answer.scenarios[k].plan = summarize(own, baseline ? *baseline : own, state, options);
        if (!baseline) {
            baseline = std::move(own);
        }
    }
    return answer;
}

} // namespace dayafter::app
