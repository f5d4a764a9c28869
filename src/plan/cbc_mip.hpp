// A minimal mixed-integer programme, built row by row and solved by CBC through its C interface.
// The only place that knows CBC: the exact planner writes columns and rows here, gets values
// back. Minimises; bounds may be ±kInfinity.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace dayafter::plan::detail {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct MipSolution {
    bool has_solution = false; // values hold a feasible point
    bool optimal = false;      // proven
    bool infeasible = false;   // proven
    double objective = 0;
    double bound = 0; // no feasible point has a smaller objective
    std::vector<double> values;
};

class CbcMip {
public:
    using Term = std::pair<int, double>; // column, coefficient

    /// A new column; returns its index.
    int add_column(double lower, double upper, double objective, bool is_integer);
    /// lower ≤ Σ coefficient × column ≤ upper.
    void add_row(const std::vector<Term>& terms, double lower, double upper);
    [[nodiscard]] int column_count() const noexcept { return static_cast<int>(lower_.size()); }
    [[nodiscard]] int row_count() const noexcept { return static_cast<int>(row_lower_.size()); }

    /// Solves with CBC, silently, within the time limit.
    [[nodiscard]] MipSolution solve(double time_limit_s) const;

private:
    std::vector<double> lower_, upper_, objective_;
    std::vector<bool> is_integer_;
    std::vector<std::vector<Term>> rows_;
    std::vector<double> row_lower_, row_upper_;
};

} // namespace dayafter::plan::detail
