#include "dayafter/plan/makespan.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "activity_list.hpp"

namespace dayafter::plan {

using detail::Network;
using detail::Order;
using detail::Rng;

Problem from_psplib(const io::PsplibInstance& instance) {
    Problem problem;
    for (std::size_t r = 0; r < instance.capacities.size(); ++r) {
        problem.pools.push_back(
            {.name = fmt::format("R{}", r + 1), .capacity = instance.capacities[r]});
    }
    problem.jobs.resize(instance.jobs.size());
    for (std::size_t j = 0; j < instance.jobs.size(); ++j) {
        const io::PsplibJob& from = instance.jobs[j];
        Job& job = problem.jobs[j];
        job.name = std::to_string(j + 1);
        Mode mode{.duration = from.duration};
        for (std::size_t r = 0; r < from.demands.size(); ++r) {
            if (from.demands[r] > 0) {
                mode.demands.push_back(
                    {.pool = static_cast<std::uint32_t>(r), .units = from.demands[r]});
            }
        }
        job.modes.push_back(std::move(mode));
        for (const std::uint32_t s : from.successors) {
            problem.jobs[s].predecessors.push_back(static_cast<std::uint32_t>(j));
        }
    }
    return problem;
}

Day critical_path_bound(const Problem& problem) {
    return Network(problem).critical_path;
}

namespace {

struct Individual {
    Order order; // in precedence order, decodes to `makespan`
    Day makespan = 0;
};

/// A backward pass mirrors the schedule in time, which holds only for plain RCPSP data: no
/// release days, reservations, money or horizon to keep.
bool can_justify(const Problem& problem) {
    const bool timed_jobs = std::any_of(problem.jobs.begin(), problem.jobs.end(),
                                        [](const Job& j) { return j.release > 0 || j.cost > 0; });
    const bool reserved = std::any_of(problem.pools.begin(), problem.pools.end(),
                                      [](const Pool& p) { return !p.reserved.empty(); });
    return !timed_jobs && !reserved && problem.horizon == kNoDay;
}

// Hartmann (1998) tuned population 40 to 90 for 1,000 to 5,000 schedules. Measured on all of
// j30 at 5,000 schedules (docs/benchmarks.md), seeds 1-3: adding one shift per child took the mean
// deviation from 0.14% to 0.10%, doubling the swap rate from 0.05 another bit, and reshifting a
// child that repeats a known list (instead of spending schedules on it) to 0.09%; restarts from
// the best list's neighbourhood on stagnation and populations of 60 to 100 did no better.
constexpr std::size_t kPopulation = 40;
constexpr double kMutationRate = 0.1;
constexpr int kRepeatShifts = 3;

class Search {
public:
    Search(const Problem& problem, const MakespanOptions& options)
        : problem_(&problem), options_(options), network_(problem),
          back_(detail::reversed(problem, network_)), justify_(can_justify(problem)),
          rng_(options.seed), began_(std::chrono::steady_clock::now()) {
        result_.lower_bound = network_.critical_path;
    }

    MakespanResult run() {
        std::vector<Individual> population = initial_population();
        while (!done()) {
            if (population.size() < 2) { // few distinct lists exist: sample afresh
                population.push_back(improve(detail::rule_order(
                    network_, detail::priorities(network_, detail::Rule::LatestFinish), &rng_)));
                continue;
            }
            population = next_generation(population);
        }
        return std::move(result_);
    }

private:
    [[nodiscard]] bool done() const {
        if (result_.schedules >= options_.max_schedules ||
            (result_.schedules > 0 && result_.makespan <= result_.lower_bound)) {
            return true;
        }
        const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - began_;
        return options_.time_limit_s > 0 && spent.count() >= options_.time_limit_s;
    }

    /// Decodes forward and keeps the best; nothing once the budget is spent (but the first
    /// schedule is always made, so there is a result).
    std::optional<Schedule> forward(const Order& order) {
        if (result_.schedules > 0 && done()) {
            return std::nullopt;
        }
        ++result_.schedules;
        Schedule schedule = decode(*problem_, order);
        if (result_.schedules == 1 || schedule.makespan() < result_.makespan) {
            result_.makespan = schedule.makespan();
            result_.schedule = schedule;
            result_.order = order;
        }
        return schedule;
    }

    /// The backward pass: every job as late as it can go before the end of `schedule`.
    std::optional<Schedule> backward(const Schedule& schedule) {
        if (done()) {
            return std::nullopt;
        }
        ++result_.schedules;
        return decode(back_, detail::by_finish_descending(network_.reverse_rank, schedule));
    }

    /// Decodes the list, then justifies right and left while that shortens it (Valls, Ballestin
    /// & Quintanilla 2005: a justified schedule is never longer). The individual keeps the
    /// justified list (Lamarckian), which makes better parents than the list it came from.
    /// Precondition: !done().
    Individual improve(const Order& order) {
        std::optional<Schedule> now = forward(order);
        Individual individual{detail::by_start(network_.rank, *now), now->makespan()};
        while (justify_) {
            const std::optional<Schedule> back = backward(*now);
            if (!back) {
                break;
            }
            std::optional<Schedule> again =
                forward(detail::by_finish_descending(network_.rank, *back));
            if (!again || again->makespan() > individual.makespan) {
                break;
            }
            const bool shorter = again->makespan() < individual.makespan;
            now = std::move(again);
            individual = {detail::by_start(network_.rank, *now), now->makespan()};
            if (!shorter) {
                break;
            }
        }
        return individual;
    }

    /// The four classic rules once, then regret-biased samples drawn around them in turn.
    std::vector<Individual> initial_population() {
        using detail::Rule;
        const Rule rules[] = {Rule::LatestFinish, Rule::LatestStart, Rule::MostTotalSuccessors,
                              Rule::GreatestRankWeight};
        std::vector<std::vector<double>> priority;
        for (const Rule rule : rules) {
            priority.push_back(detail::priorities(network_, rule));
        }
        std::vector<Individual> population;
        for (std::size_t i = 0; i < kPopulation && (i == 0 || !done()); ++i) {
            const auto& rule = priority[i % priority.size()];
            population.push_back(improve(i < priority.size()
                                             ? detail::rule_order(network_, rule)
                                             : detail::rule_order(network_, rule, &rng_)));
        }
        return population;
    }

    /// Random pairs each give a daughter and a son (two-point crossover, then mutation: swaps of
    /// neighbours and one shift, more when the child repeats a known list); the
    /// best of parents and children survive, one copy of each list (ties: the child, so the
    /// search moves along plateaus of equal makespan).
    std::vector<Individual> next_generation(std::vector<Individual>& parents) {
        std::vector<std::size_t> pairing(parents.size());
        std::iota(pairing.begin(), pairing.end(), std::size_t{0});
        for (std::size_t i = pairing.size(); i > 1; --i) {
            std::swap(pairing[i - 1], pairing[rng_.below(i)]);
        }
        std::vector<Individual> pool;
        const std::size_t n = network_.size();
        for (std::size_t k = 0; k + 1 < pairing.size() && !done(); k += 2) {
            const Order& mother = parents[pairing[k]].order;
            const Order& father = parents[pairing[k + 1]].order;
            const std::size_t first = rng_.below(n + 1);
            const std::size_t second = first + rng_.below(n - first + 1);
            for (const bool daughter : {true, false}) {
                Order child = daughter ? detail::crossover(mother, father, first, second)
                                       : detail::crossover(father, mother, first, second);
                detail::mutate(network_, child, kMutationRate, rng_);
                detail::shift(network_, child, rng_);
                for (int tries = 0; tries < kRepeatShifts && known(parents, pool, child); ++tries) {
                    detail::shift(network_, child, rng_);
                }
                if (!done()) {
                    pool.push_back(improve(child));
                }
            }
        }
        pool.insert(pool.end(), std::make_move_iterator(parents.begin()),
                    std::make_move_iterator(parents.end()));
        return survivors(std::move(pool));
    }

    /// Whether the child repeats a list of the population or of this generation: decoding it
    /// would spend schedules to learn nothing.
    static bool known(const std::vector<Individual>& parents, const std::vector<Individual>& pool,
                      const Order& child) {
        auto same = [&](const Individual& i) { return i.order == child; };
        return std::any_of(parents.begin(), parents.end(), same) ||
               std::any_of(pool.begin(), pool.end(), same);
    }

    static std::vector<Individual> survivors(std::vector<Individual> pool) {
        std::stable_sort(pool.begin(), pool.end(), [](const Individual& a, const Individual& b) {
            return a.makespan < b.makespan;
        });
        std::vector<Individual> kept;
        for (Individual& candidate : pool) {
            const bool copy = std::any_of(kept.begin(), kept.end(), [&](const Individual& k) {
                return k.makespan == candidate.makespan && k.order == candidate.order;
            });
            if (!copy && kept.size() < kPopulation) {
                kept.push_back(std::move(candidate));
            }
        }
        return kept;
    }

    const Problem* problem_;
    MakespanOptions options_;
    Network network_;
    Problem back_;
    bool justify_;
    Rng rng_;
    std::chrono::steady_clock::time_point began_;
    MakespanResult result_;
};

} // namespace

MakespanResult minimize_makespan(const Problem& problem, const MakespanOptions& options) {
    return Search(problem, options).run();
}

} // namespace dayafter::plan
