#include "exact_plan.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::plan {

std::vector<Requirement> restoration_requirements(AccessCurve& curve, std::uint32_t task_count) {
    // Per service, done -> places within: the enumeration asks the same sets for many places.
    std::vector<std::map<std::vector<bool>, std::vector<bool>>> seen(curve.services().size());
    auto within_s = [&](const std::vector<bool>& done, std::size_t s) -> const std::vector<bool>& {
        auto it = seen[s].find(done);
        if (it == seen[s].end()) {
            it = seen[s].emplace(done, curve.places_within(done, s)).first;
        }
        return it->second;
    };
    const std::vector<std::vector<bool>> now =
        curve.places_within(std::vector<bool>(task_count, false));
    const std::vector<std::vector<bool>> all =
        curve.places_within(std::vector<bool>(task_count, true));
    const std::vector<model::Place>& places = curve.places();
    // Places of one service needing the same task sets are one requirement.
    std::map<std::pair<std::size_t, std::vector<std::vector<std::uint32_t>>>, double> merged;
    for (std::size_t s = 0; s < now.size(); ++s) {
        if (now[s].size() != places.size() || all[s].size() != places.size()) {
            continue; // a service with no facility to reach: nothing to restore
        }
        for (std::size_t p = 0; p < places.size(); ++p) {
            if (now[s][p] || !all[s][p] || places[p].population <= 0) {
                continue;
            }
            auto sets = minimal_sets(
                task_count, [&](const std::vector<bool>& done) { return within_s(done, s)[p]; },
                256);
            std::sort(sets.begin(), sets.end());
            merged[{s, sets}] += curve.weights()[s] * places[p].population;
        }
    }
    std::vector<Requirement> requirements;
    for (auto& [key, weight] : merged) {
        requirements.push_back(
            {.weight = weight, .any_of = key.second, .label = curve.services()[key.first]});
    }
    return requirements;
}

ExactPlan plan_exactly(const Problem& problem, AccessCurve& curve, double time_limit_s) {
    ExactPlan plan;
    const auto began = std::chrono::steady_clock::now();
    const std::vector<Requirement> requirements =
        restoration_requirements(curve, static_cast<std::uint32_t>(problem.jobs.size()));
    plan.requirements = requirements.size();
    plan.requirement_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    plan.result = solve_exact(problem, requirements, {.time_limit_s = time_limit_s});
    if (plan.result.schedule.jobs.empty()) {
        throw InputError(fmt::format("the exact solver found no plan within --time-limit {} s: "
                                     "give it more time, or use --solver heuristic",
                                     time_limit_s));
    }
    const Schedule& mip = plan.result.schedule;
    plan.order.resize(problem.jobs.size());
    std::iota(plan.order.begin(), plan.order.end(), 0U);
    auto start = [&](std::uint32_t j) {
        return mip.jobs[j].placed() ? mip.jobs[j].start : std::numeric_limits<Day>::max();
    };
    std::stable_sort(plan.order.begin(), plan.order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return start(a) < start(b); });
    // Decoding the MIP's order places every job that fits (the MIP may leave out work that
    // gains nothing); keep it when it is worth as much.
    Schedule decoded = decode(problem, plan.order);
    plan.schedule = curve.gain(decoded) >= curve.gain(mip) - 1e-6 ? std::move(decoded) : mip;
    return plan;
}

} // namespace dayafter::plan
