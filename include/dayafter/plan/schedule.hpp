// The scheduling core every planner shares: jobs with durations, precedence and release days,
// done in one of several modes (a crew of one organisation, or, in PSPLIB, a vector of resource
// units), on renewable pools of constant capacity less what is already reserved, and paid from
// money pots whose amounts arrive on given days. A priority list (any order of the jobs) is
// decoded into a schedule by the serial schedule-generation scheme: take the first job of the
// list whose predecessors are placed, start it as early as precedence, its release day, a mode's
// pools and a pot's money allow, commit the units and the money, repeat. Every job is placed or
// named with the reason it cannot be (nobody can do it, nobody pays for it, a predecessor that
// cannot be done, no room before the horizon).
//
// Time is in whole periods (days for a city plan, PSPLIB's periods for `dayafter rcpsp`); a job
// that starts on day s with duration d occupies days s .. s+d-1 and finishes at s+d.
//
//     const Schedule s = decode(problem, order);
//     const std::vector<std::string> wrong = check(problem, s);   // empty: every rule holds
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dayafter::plan {

using Day = std::int32_t;
inline constexpr Day kNoDay = -1;

/// Units of one pool a mode takes for its whole duration.
struct Demand {
    std::uint32_t pool = 0;
    std::int32_t units = 1;
};

/// One way of doing a job: the units it takes and how long it lasts that way.
struct Mode {
    std::vector<Demand> demands;
    Day duration = 0;
};

struct Job {
    std::string name;
    std::vector<Mode> modes; // empty: nobody can do it
    std::vector<std::uint32_t> predecessors;
    Day release = 0; // earliest start: a procurement lead time, an insecure area's date
    double cost = 0; // in the planning currency, paid from one pot when the job starts
    /// Pots that may pay, in order of preference. A job with cost > 0 and none is unfunded.
    std::vector<std::uint32_t> pots;
};

/// Units of a pool already taken over [from, to): a crew kept by work under way.
struct Reservation {
    Day from = 0;
    Day to = 0;
    std::int32_t units = 0;
};

struct Pool {
    std::string name;
    std::int32_t capacity = 0;
    std::vector<Reservation> reserved;
};

/// Money of one funder for one window: amounts available from their day on.
struct Pot {
    std::string name;
    std::vector<std::pair<Day, double>> arrivals;
    // Where the money comes from, for people: a funding line's donor, window and key.
    std::string funder;
    std::string window;
    std::string line;
};

struct Problem {
    std::vector<Job> jobs;
    std::vector<Pool> pools;
    std::vector<Pot> pots;
    /// No job may end after it; kNoDay: no limit (PSPLIB).
    Day horizon = kNoDay;
};

enum class Unplaced : std::uint8_t {
    Placed,
    NobodyCanDoIt,  // no mode
    NobodyPays,     // cost but no pot, or the pots never hold enough
    AfterUnplaced,  // a predecessor is not placed
    BeyondHorizon,  // no room before the horizon
    TooBigForPools, // every mode asks more units than a pool has
};
[[nodiscard]] std::string_view to_string(Unplaced why) noexcept;

struct Placement {
    Day start = kNoDay;
    Day finish = kNoDay;
    std::uint32_t mode = 0;
    std::optional<std::uint32_t> pot;
    Unplaced why = Unplaced::Placed;
    [[nodiscard]] bool placed() const noexcept { return why == Unplaced::Placed; }
};

struct Schedule {
    std::vector<Placement> jobs; // one per job of the problem
    /// The latest finish of a placed job (0 when none is placed).
    [[nodiscard]] Day makespan() const noexcept;
};

/// Durations to use instead of each mode's own (a sampled plan): per job, a factor applied to
/// every mode's duration, rounded up to whole periods (at least 1 for a job of duration > 0).
struct DurationScale {
    std::vector<double> factor; // empty: the modes' own durations
};

/// Serial SGS on `order` (every job exactly once; a job listed before one of its predecessors
/// waits for it). Among a job's modes, the one finishing first (ties: the earlier listed);
/// among pots, the first of its list that holds the cost at the start. Throws Error when the
/// order is not a permutation of the jobs or precedence is cyclic.
[[nodiscard]] Schedule decode(const Problem& problem, std::span<const std::uint32_t> order,
                              const DurationScale& scale = {});

/// Every rule a schedule breaks, in words naming the job (empty: none): precedence, release,
/// horizon, pool capacity per period (reservations included), money per pot over time, a mode or
/// pot the job does not have, a duration that is not the mode's, a job left out without a
/// reason that holds. Independent of decode(): recomputes everything from the placements.
[[nodiscard]] std::vector<std::string> check(const Problem& problem, const Schedule& schedule,
                                             const DurationScale& scale = {});

/// Jobs in an order where every job follows its predecessors (Kahn's algorithm, ties by index).
/// Throws Error naming a job on a cycle.
[[nodiscard]] std::vector<std::uint32_t> topological_order(const Problem& problem);

/// The duration job j takes in mode m under the scale.
[[nodiscard]] Day scaled_duration(const Problem& problem, const DurationScale& scale,
                                  std::uint32_t job, std::uint32_t mode);

} // namespace dayafter::plan
