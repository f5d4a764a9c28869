// The time-indexed programme behind solve_exact (exact.hpp): which starts each job may take, as
// CBC columns, and the rows that tie them together. Private to the plan module.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cbc_mip.hpp"
#include "dayafter/plan/restoration.hpp"
#include "dayafter/plan/schedule.hpp"

namespace dayafter::plan::detail {

/// One possible start of a job: its mode, the pot paying (when it costs money), its days and the
/// binary column saying it is chosen.
struct Start {
    std::uint32_t mode = 0;
    std::optional<std::uint32_t> pot;
    Day start = 0;
    Day finish = 0;
    int column = 0;
};

struct ExactModel {
    const Problem* problem = nullptr;
    Day end = 0;                                     // no job finishes after it
    CbcMip mip;                                      // minimises
    std::vector<std::vector<Start>> starts;          // per job; empty: it can never be placed
    std::vector<std::vector<std::int32_t>> reserved; // per pool and day in [0, end)
};

/// The programme for the restoration objective of the requirements (minimising its negative),
/// or, with `makespan`, for the latest finish with every job placed. Requirements must name jobs
/// of the problem; the problem must be acyclic (topological_order throws otherwise). The model
/// keeps a pointer to the problem.
[[nodiscard]] ExactModel build_model(const Problem& problem,
                                     const std::vector<Requirement>& requirements, bool makespan);

} // namespace dayafter::plan::detail
