#include "dayafter/plan/planner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <span>

#include <fmt/format.h>

#include "dayafter/geo/coord.hpp"
#include "dayafter/plan/access_curve.hpp"
#include "dayafter/plan/calendar.hpp"
#include "dayafter/util/error.hpp"
#include "exact_plan.hpp"

namespace dayafter::plan {
namespace {

using Clock = std::chrono::steady_clock;
using Order = std::vector<std::uint32_t>;

double weighted(const std::vector<double>& within, const std::vector<double>& weights) {
    return std::inner_product(within.begin(), within.end(), weights.begin(), 0.0);
}

/// Task t and every task that waits for it, directly or not; `order` is topological_order().
std::vector<bool> with_dependents(const Problem& problem, std::span<const std::uint32_t> order,
                                  std::uint32_t t) {
    std::vector<bool> in(problem.jobs.size(), false);
    in[t] = true;
    for (const std::uint32_t j : order) {
        for (const std::uint32_t p : problem.jobs[j].predecessors) {
            in[j] = in[j] || in[p];
        }
    }
    return in;
}

class Planner {
public:
    Planner(const snapshot::Snapshot& snapshot, const PlanOptions& options, Plan& plan)
        : snapshot_(snapshot), options_(options), plan_(plan),
          curve_(snapshot, plan.tasks, options.horizon), rng_(options.seed) {}

    void run() {
        const Clock::time_point began = Clock::now();
        held_back_by_task();
        Order best = rules();
        if (options_.solver == Solver::Exact) {
            exact();
        } else {
            best_gain_ = score(best);
            search(best, began);
            plan_.order = best;
            plan_.schedule = decode(plan_.problem, best);
            plan_.solver =
                fmt::format("heuristic, seed {}{}", options_.seed,
                            options_.objective == Objective::Makespan ? ", shortest makespan" : "");
        }
        plan_.gain = curve_.gain(plan_.schedule);
        plan_.curve = curve_.curve(plan_.schedule);
        plan_.services = curve_.services();
        plan_.today = curve_.today();
        plan_.checks = check(plan_.problem, plan_.schedule);
        recheck_objective();
        achievable();
        findings();
        money();
        bands();
        plan_.evaluations = evaluations_;
        plan_.seconds = std::chrono::duration<double>(Clock::now() - began).count();
    }

private:
    double score(const Order& order) {
        ++evaluations_;
        const Schedule schedule = decode(plan_.problem, order);
        if (options_.objective == Objective::Makespan) {
            return -static_cast<double>(schedule.makespan());
        }
        return curve_.gain(schedule);
    }

    void exact() {
        if (plan_.tasks.tasks.size() > kExactMaxTasks) {
            throw InputError(fmt::format("the exact solver is for small plans (at most {} tasks; "
                                         "this one has {}): use --solver heuristic",
                                         kExactMaxTasks, plan_.tasks.tasks.size()));
        }
        ExactPlan found = plan_exactly(plan_.problem, curve_, options_.time_limit_s);
        plan_.order = std::move(found.order);
        plan_.schedule = std::move(found.schedule);
        plan_.solver = fmt::format(
            "exact (CBC): {}, bound {:.0f}; {} requirements found in {:.1f} s, MIP {:.1f} s",
            to_string(found.result.status), found.result.bound, found.requirements,
            found.requirement_seconds, found.result.seconds);
    }

    /// Per task and service, the people who would have the service with everything done but
    /// this task and what waits for it.
    void held_back_by_task() {
        const std::size_t n = plan_.tasks.tasks.size();
        const std::vector<double> all = curve_.within_when_done(std::vector<bool>(n, true));
        held_.resize(n);
        value_.resize(n);
        const std::vector<std::uint32_t> order = topological_order(plan_.problem);
        for (std::uint32_t t = 0; t < n; ++t) {
            std::vector<bool> done = with_dependents(plan_.problem, order, t);
            done.flip();
            const std::vector<double> without = curve_.within_when_done(done);
            for (std::size_t s = 0; s < all.size(); ++s) {
                held_[t].push_back(std::max(0.0, all[s] - without[s]));
            }
            value_[t] = weighted(held_[t], curve_.weights());
        }
    }

    Order sorted_by(const std::function<double(std::uint32_t)>& key) const {
        Order order(plan_.tasks.tasks.size());
        std::iota(order.begin(), order.end(), 0U);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return key(a) > key(b); });
        return order;
    }

    /// The rules planners use; returns the best order among them.
    Order rules() {
        const auto& tasks = plan_.tasks.tasks;
        geo::Coord centre = tasks.empty() ? geo::Coord{} : tasks.front().location;
        if (!snapshot_.town().roads.node_coord.empty()) {
            double lat = 0;
            double lon = 0;
            for (const geo::Coord c : snapshot_.town().roads.node_coord.raw()) {
                lat += c.lat();
                lon += c.lon();
            }
            const auto n = static_cast<double>(snapshot_.town().roads.node_count());
            centre = geo::Coord::from_degrees(lon / n, lat / n);
        }
        std::vector<std::pair<std::string, Order>> candidates = {
            {"most people first", sorted_by([&](std::uint32_t t) { return value_[t]; })},
            {"most people per dollar first",
             sorted_by([&](std::uint32_t t) { return value_[t] / std::max(1.0, tasks[t].cost); })},
            {"biggest damage first",
             sorted_by([&](std::uint32_t t) { return tasks[t].amount * tasks[t].days; })},
            {"nearest first", sorted_by([&](std::uint32_t t) {
                 return -geo::distance_m(centre, tasks[t].location);
             })},
            {"cheapest first", sorted_by([&](std::uint32_t t) { return -tasks[t].cost; })},
            {"largest immediate gain (greedy)", greedy()},
        };
        Order best;
        double best_gain = -std::numeric_limits<double>::infinity();
        for (auto& [name, order] : candidates) {
            const double gain = score(order);
            const Schedule schedule = decode(plan_.problem, order);
            plan_.rules.push_back({name, curve_.gain(schedule), order, curve_.curve(schedule)});
            if (gain > best_gain) {
                best_gain = gain;
                best = order;
            }
        }
        return best;
    }

    /// Repeatedly the task whose completion adds the most people per day of work, among those
    /// whose predecessors are taken; tasks that add nobody follow in their natural order.
    Order greedy() {
        const std::size_t n = plan_.tasks.tasks.size();
        std::vector<bool> done(n, false);
        Order order;
        std::vector<double> now = curve_.today();
        const Order by_value = sorted_by([&](std::uint32_t x) { return value_[x]; });
        while (true) {
            std::uint32_t pick = static_cast<std::uint32_t>(n);
            double best = 0;
            std::size_t tried = 0;
            for (const std::uint32_t t : by_value) {
                if (done[t] || value_[t] <= 0 || tried >= 40 || !ready(t, done)) {
                    continue;
                }
                ++tried;
                done[t] = true;
                const double gain = weighted(curve_.within_when_done(done), curve_.weights()) -
                                    weighted(now, curve_.weights());
                done[t] = false;
                const double per_day = gain / std::max<Day>(1, plan_.tasks.tasks[t].days);
                if (per_day > best) {
                    best = per_day;
                    pick = t;
                }
            }
            if (pick == n) {
                break;
            }
            done[pick] = true;
            order.push_back(pick);
            now = curve_.within_when_done(done);
        }
        for (std::uint32_t t = 0; t < n; ++t) {
            if (!done[t]) {
                order.push_back(t);
            }
        }
        return order;
    }

    bool ready(std::uint32_t t, const std::vector<bool>& done) const {
        const auto& before = plan_.problem.jobs[t].predecessors;
        return std::all_of(before.begin(), before.end(), [&](std::uint32_t p) { return done[p]; });
    }

    /// Iterated local search: a task moved earlier (alone, or with everything it waits for),
    /// or two swapped; a change is kept when the area does not drop. When nothing better has
    /// been found for a while, the search restarts from the best list shaken by a few moves.
    void search(Order& best, Clock::time_point began) {
        const std::size_t n = best.size();
        if (n < 2) {
            return;
        }
        Order current = best;
        double current_gain = best_gain_;
        const std::size_t patience = std::max<std::size_t>(200, 10 * n);
        std::size_t since_better = 0;
        while (evaluations_ < options_.max_evaluations &&
               std::chrono::duration<double>(Clock::now() - began).count() <
                   options_.time_limit_s) {
            if (since_better >= patience) {
                current = best;
                for (int k = 0; k < 3; ++k) {
                    move(current);
                }
                current_gain = score(current);
                since_better = 0;
                continue;
            }
            Order next = current;
            move(next);
            const double gain = score(next);
            ++since_better;
            if (gain >= current_gain) {
                current_gain = gain;
                current = std::move(next);
            }
            if (current_gain > best_gain_) {
                best_gain_ = current_gain;
                best = current;
                since_better = 0;
            }
            const auto now = Clock::now();
            if (options_.progress && now - last_progress_ > std::chrono::seconds(1)) {
                last_progress_ = now;
                options_.progress(evaluations_, best_gain_);
            }
        }
    }

    /// One random change of the list.
    void move(Order& order) {
        const std::size_t n = order.size();
        const auto i = static_cast<std::size_t>(rng_() % n);
        auto j = static_cast<std::size_t>(rng_() % n);
        j = j == i ? (i + 1) % n : j;
        switch (rng_() % 4) {
        case 0: { // one task earlier
            const std::uint32_t moved = order[std::max(i, j)];
            order.erase(order.begin() + static_cast<std::ptrdiff_t>(std::max(i, j)));
            order.insert(order.begin() + static_cast<std::ptrdiff_t>(std::min(i, j)), moved);
            break;
        }
        case 1:
            std::swap(order[i], order[j]);
            break;
        case 2: { // one task last: what it would spend goes to others first
            const std::uint32_t moved = order[i];
            order.erase(order.begin() + static_cast<std::ptrdiff_t>(i));
            order.push_back(moved);
            break;
        }
        default: // a task and all it waits for, earlier, in their order
            chain_earlier(order, std::max(i, j), std::min(i, j));
        }
    }

    void chain_earlier(Order& order, std::size_t from, std::size_t to) {
        std::vector<bool> in_chain(order.size(), false);
        std::vector<std::uint32_t> stack = {order[from]};
        while (!stack.empty()) {
            const std::uint32_t t = stack.back();
            stack.pop_back();
            if (!in_chain[t]) {
                in_chain[t] = true;
                for (const std::uint32_t p : plan_.problem.jobs[t].predecessors) {
                    stack.push_back(p);
                }
            }
        }
        Order chain;
        Order rest;
        for (std::size_t k = 0; k < order.size(); ++k) {
            // Only what lies after `to` moves; what is already before it stays put.
            (in_chain[order[k]] && k >= to ? chain : rest).push_back(order[k]);
        }
        rest.insert(rest.begin() + static_cast<std::ptrdiff_t>(std::min(to, rest.size())),
                    chain.begin(), chain.end());
        order = std::move(rest);
    }

    /// The checker's second half: the area under the curve again, on a session built from
    /// scratch, against the one the search kept incrementally.
    void recheck_objective() {
        AccessCurve fresh(snapshot_, plan_.tasks, options_.horizon);
        const double again = fresh.gain(plan_.schedule);
        if (std::abs(again - plan_.gain) > 1e-6 * std::max(1.0, std::abs(again))) {
            plan_.checks.push_back(fmt::format("the area under the curve is {} incrementally but "
                                               "{} recomputed from scratch",
                                               plan_.gain, again));
        }
    }

    void achievable() {
        std::vector<bool> done(plan_.schedule.jobs.size(), false);
        for (std::size_t j = 0; j < done.size(); ++j) {
            done[j] = plan_.schedule.jobs[j].placed();
        }
        plan_.achievable = curve_.within_when_done(done);
    }

    void findings() {
        for (std::uint32_t t = 0; t < plan_.tasks.tasks.size(); ++t) {
            const Task& task = plan_.tasks.tasks[t];
            const Placement& p = plan_.schedule.jobs[t];
            std::string what;
            auto add = [&](const std::string& reason) {
                what += (what.empty() ? "" : "; ") + reason;
            };
            if (!p.placed()) {
                add(!task.impossible.empty() ? task.impossible : std::string(to_string(p.why)));
            }
            const bool no_owner = task.owner.empty();
            const bool no_funder = task.cost > 0 && task.funder.empty() && task.activity.empty();
            if (no_owner) {
                add("no owner");
            }
            if (no_funder) {
                add("no funder named");
            }
            if (!what.empty()) {
                plan_.findings.push_back({t, std::move(what), held_[t], no_owner, no_funder});
            }
        }
        held_back_together();
    }

    /// Everything done but the tasks nobody owns or funds and what waits for them.
    void held_back_together() {
        const std::size_t n = plan_.tasks.tasks.size();
        const std::vector<std::uint32_t> order = topological_order(plan_.problem);
        std::vector<bool> left_out(n, false);
        for (const Finding& f : plan_.findings) {
            if (f.no_owner || f.no_funder) {
                const std::vector<bool> with = with_dependents(plan_.problem, order, f.task);
                for (std::size_t t = 0; t < n; ++t) {
                    left_out[t] = left_out[t] || with[t];
                }
            }
        }
        const std::vector<double> all = curve_.within_when_done(std::vector<bool>(n, true));
        left_out.flip();
        const std::vector<double> without = curve_.within_when_done(left_out);
        plan_.held_back_unowned_or_unfunded.clear();
        for (std::size_t s = 0; s < all.size(); ++s) {
            plan_.held_back_unowned_or_unfunded.push_back(std::max(0.0, all[s] - without[s]));
        }
    }

    void money() {
        for (const Pot& pot : plan_.problem.pots) {
            double available = 0;
            for (const auto& [day, amount] : pot.arrivals) {
                available += amount;
            }
            plan_.money.push_back({pot.name, available, 0, pot.funder, pot.window, pot.line});
        }
        for (std::size_t j = 0; j < plan_.schedule.jobs.size(); ++j) {
            const Placement& p = plan_.schedule.jobs[j];
            if (p.placed() && p.pot) {
                plan_.money[*p.pot].spent += plan_.problem.jobs[j].cost;
            }
        }
    }

    void bands();

    const snapshot::Snapshot& snapshot_;
    const PlanOptions& options_;
    Plan& plan_;
    AccessCurve curve_;
    std::mt19937_64 rng_;
    std::vector<std::vector<double>> held_;
    std::vector<double> value_;
    double best_gain_ = 0;
    std::size_t evaluations_ = 0;
    Clock::time_point last_progress_ = Clock::now();
};

double triangular(const model::Spread& s, double u) {
    if (s.high <= s.low) {
        return s.low;
    }
    const double c = (s.mode - s.low) / (s.high - s.low);
    return u < c ? s.low + std::sqrt(u * (s.high - s.low) * (s.mode - s.low))
                 : s.high - std::sqrt((1 - u) * (s.high - s.low) * (s.high - s.mode));
}

void Planner::bands() {
    const std::size_t samples = options_.samples;
    const std::size_t services = plan_.today.size();
    plan_.bands.samples = samples;
    if (samples == 0) {
        return;
    }
    std::mt19937_64 rng(options_.seed ^ 0x5eedU);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<std::vector<std::vector<double>>> runs; // sample, service, day
    for (std::size_t k = 0; k < samples; ++k) {
        DurationScale scale;
        for (const Task& task : plan_.tasks.tasks) {
            scale.factor.push_back(
                triangular(snapshot_.config().work.kind(task.kind).spread, unit(rng)));
        }
        runs.push_back(curve_.curve(decode(plan_.problem, plan_.order, scale)));
    }
    plan_.bands.by_service.resize(services);
    plan_.bands.reach_90.assign(services, {0, 0});
    const auto days = static_cast<std::size_t>(options_.horizon);
    for (std::size_t s = 0; s < services; ++s) {
        const double target = plan_.today[s] + 0.9 * (plan_.achievable[s] - plan_.today[s]);
        for (auto& band : plan_.bands.by_service[s]) {
            band.resize(days);
        }
        for (std::size_t d = 0; d < days; ++d) {
            std::vector<double> at;
            for (const auto& run : runs) {
                at.push_back(run[s][d]);
            }
            std::sort(at.begin(), at.end());
            for (std::size_t b = 0; b < 3; ++b) {
                const double q = b == 0 ? 0.1 : b == 1 ? 0.5 : 0.9;
                plan_.bands.by_service[s][b][d] =
                    at[static_cast<std::size_t>(std::floor(q * static_cast<double>(samples - 1)))];
            }
        }
        for (const auto& run : runs) {
            for (std::size_t b = 0; b < 2; ++b) {
                const std::size_t day = std::min(days - 1, std::size_t{b == 0 ? 30U : 90U});
                plan_.bands.reach_90[s][b] +=
                    run[s][day] >= target - 1e-9 ? 1.0 / static_cast<double>(samples) : 0.0;
            }
        }
    }
}

/// The latest date a facility status was reported, else today: a plan starts from the state.
} // namespace

std::string default_start(const snapshot::Snapshot& snapshot) {
    if (snapshot.as_of()) {
        return *snapshot.as_of();
    }
    std::string latest;
    for (const auto& [code, status] : snapshot.reported().facilities) {
        latest = std::max(latest, status.reported);
    }
    return latest.empty() ? today() : latest;
}

std::optional<Day> day_reaching(const std::vector<double>& curve, double today, double achievable,
                                double share) {
    for (std::size_t d = 0; d < curve.size(); ++d) {
        if (curve[d] - today >= share * (achievable - today) - 1e-9) {
            return static_cast<Day>(d);
        }
    }
    return std::nullopt;
}

Plan make_plan(const snapshot::Snapshot& snapshot, const PlanOptions& options) {
    if (options.horizon < 1 || options.horizon > 3650) {
        throw InputError(fmt::format("a horizon of {} days: give 1 to 3650 days", options.horizon));
    }
    Plan plan;
    plan.start = !options.start.empty() ? options.start : default_start(snapshot);
    plan.tasks = derive_tasks(snapshot, {.start = plan.start, .horizon = options.horizon});
    plan.problem = build_problem(snapshot, plan.tasks, options.horizon, plan.start);
    try {
        (void)topological_order(plan.problem);
    } catch (const Error& e) {
        throw InputError(fmt::format("{} (check the work configuration's precedence)", e.what()));
    }
    Planner(snapshot, options, plan).run();
    return plan;
}

} // namespace dayafter::plan
