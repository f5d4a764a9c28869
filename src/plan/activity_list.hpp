// Activity lists for the makespan search (private to plan): the facts about a project the
// priority rules need, the rules themselves, random-biased sampling, Hartmann's crossover and
// mutation, and the lists a forward-backward pass decodes. Every list made here is in precedence
// order (a job after all its predecessors).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dayafter/plan/schedule.hpp"

namespace dayafter::plan::detail {

using Order = std::vector<std::uint32_t>;

/// A small seeded generator (splitmix64): the same numbers on every platform, unlike the
/// standard distributions.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n), n > 0.
    std::uint32_t below(std::size_t n) noexcept { return static_cast<std::uint32_t>(next() % n); }
    /// Uniform in [0, 1).
    double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    std::uint64_t state_;
};

/// What the rules know of a project: precedence both ways, the shortest duration of each job,
/// its place in a topological order, earliest start and latest finish against the critical path.
struct Network {
    explicit Network(const Problem& problem);

    std::size_t size() const noexcept { return duration.size(); }

    std::vector<std::vector<std::uint32_t>> successors;
    std::vector<std::vector<std::uint32_t>> predecessors;
    std::vector<Day> duration;
    std::vector<std::uint32_t> rank;         // position in topological_order()
    std::vector<std::uint32_t> reverse_rank; // the same in the reversed problem: size - 1 - rank
    std::vector<Day> earliest_start;         // precedence and release days only
    std::vector<Day> latest_finish; // critical path length less the longest tail after the job
    std::vector<std::uint32_t> total_successors;
    Day critical_path = 0;
};

/// Priority values of the classic rules; smaller goes first.
enum class Rule : std::uint8_t {
    LatestFinish,
    LatestStart,
    MostTotalSuccessors,
    GreatestRankWeight
};
[[nodiscard]] std::vector<double> priorities(const Network& network, Rule rule);

/// The list built by always taking the eligible job of smallest priority (ties: lower index), or,
/// with rng, one drawn with weight (largest eligible priority - its priority + 1): regret-based
/// biased random sampling (Drexl 1991; Kolisch 1996).
[[nodiscard]] Order rule_order(const Network& network, std::span<const double> priority,
                               Rng* rng = nullptr);

/// Hartmann's two-point crossover: the mother's first `first` jobs, then the father's jobs not yet
/// taken up to position `second`, then the mother's remaining ones, each in its parent's order.
[[nodiscard]] Order crossover(const Order& mother, const Order& father, std::size_t first,
                              std::size_t second);

/// Swaps neighbours with probability `rate` each when neither must precede the other.
void mutate(const Network& network, Order& order, double rate, Rng& rng);

/// Moves one job picked at random to a random place between its last predecessor and its first
/// successor in the list: a neighbour that stays in precedence order.
void shift(const Network& network, Order& order, Rng& rng);

/// Jobs by the start they have in the schedule, ties by topological rank: a list in precedence
/// order that decodes to a schedule no job of which starts later.
[[nodiscard]] Order by_start(std::span<const std::uint32_t> rank, const Schedule& schedule);

/// Jobs by decreasing finish, ties by increasing `rank` (a topological rank in the problem the
/// list is for): the list of a pass the other way. From a forward schedule with
/// network.reverse_rank, it decodes on the reversed problem with every job as late as it can go;
/// from that backward schedule with network.rank, forward again with every job as early.
[[nodiscard]] Order by_finish_descending(std::span<const std::uint32_t> rank,
                                         const Schedule& schedule);

/// The reversed problem of a backward pass: every arc turned round, release days dropped.
[[nodiscard]] Problem reversed(const Problem& problem, const Network& network);

} // namespace dayafter::plan::detail
