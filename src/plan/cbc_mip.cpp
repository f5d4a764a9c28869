#include "cbc_mip.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include <coin/Cbc_C_Interface.h>

#include "dayafter/util/error.hpp"

namespace dayafter::plan::detail {
namespace {

struct ModelDeleter {
    void operator()(Cbc_Model* model) const noexcept { Cbc_deleteModel(model); }
};
using ModelPtr = std::unique_ptr<Cbc_Model, ModelDeleter>;

/// CBC wants huge finite numbers for "no bound".
double finite(double bound) {
    if (std::isinf(bound)) {
        return bound > 0 ? 1e30 : -1e30;
    }
    return bound;
}

/// The rows as compressed sparse columns, the layout Cbc_loadProblem takes.
struct SparseColumns {
    std::vector<CoinBigIndex> start;
    std::vector<int> row;
    std::vector<double> value;
};

SparseColumns by_column(const std::vector<std::vector<CbcMip::Term>>& rows, int column_count) {
    std::vector<CoinBigIndex> count(static_cast<std::size_t>(column_count) + 1, 0);
    for (const auto& terms : rows) {
        for (const auto& [column, coefficient] : terms) {
            ++count[static_cast<std::size_t>(column) + 1];
        }
    }
    for (std::size_t c = 1; c < count.size(); ++c) {
        count[c] += count[c - 1];
    }
    SparseColumns m{.start = count,
                    .row = std::vector<int>(static_cast<std::size_t>(count.back())),
                    .value = std::vector<double>(static_cast<std::size_t>(count.back()))};
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (const auto& [column, coefficient] : rows[r]) {
            const auto at = static_cast<std::size_t>(count[static_cast<std::size_t>(column)]++);
            m.row[at] = static_cast<int>(r);
            m.value[at] = coefficient;
        }
    }
    return m;
}

void set_parameters(Cbc_Model* model, double time_limit_s) {
    // The library never writes to the terminal (STYLE §5): CBC and Clp are told to keep quiet.
    Cbc_setLogLevel(model, 0);
    Cbc_setParameter(model, "log", "0");
    Cbc_setParameter(model, "slog", "0");
    Cbc_setParameter(model, "timeMode", "elapsed"); // the limit is wall time, as callers wait
    Cbc_setParameter(model, "seconds", std::to_string(std::max(time_limit_s, 0.01)).c_str());
    // Prove optimality, not "within 0.01 %": the tests compare with brute force exactly.
    Cbc_setParameter(model, "ratioGap", "0");
    Cbc_setParameter(model, "allowableGap", "1e-6");
}

} // namespace

int CbcMip::add_column(double lower, double upper, double objective, bool is_integer) {
    lower_.push_back(lower);
    upper_.push_back(upper);
    objective_.push_back(objective);
    is_integer_.push_back(is_integer);
    return column_count() - 1;
}

void CbcMip::add_row(const std::vector<Term>& terms, double lower, double upper) {
    rows_.push_back(terms);
    row_lower_.push_back(finite(lower));
    row_upper_.push_back(finite(upper));
}

MipSolution CbcMip::solve(double time_limit_s) const {
    if (column_count() == 0) { // CBC does not take an empty model; nothing to choose
        return {.has_solution = true, .optimal = true};
    }
    const ModelPtr model(Cbc_newModel());
    if (!model) {
        throw Error("starting the exact planner: CBC could not create a model");
    }
    const SparseColumns matrix = by_column(rows_, column_count());
    std::vector<double> lower(lower_.size()), upper(upper_.size());
    for (std::size_t c = 0; c < lower_.size(); ++c) {
        lower[c] = finite(lower_[c]);
        upper[c] = finite(upper_[c]);
    }
    Cbc_loadProblem(model.get(), column_count(), row_count(), matrix.start.data(),
                    matrix.row.data(), matrix.value.data(), lower.data(), upper.data(),
                    objective_.data(), row_lower_.data(), row_upper_.data());
    for (int c = 0; c < column_count(); ++c) {
        if (is_integer_[static_cast<std::size_t>(c)]) {
            Cbc_setInteger(model.get(), c);
        }
    }
    set_parameters(model.get(), time_limit_s);
    Cbc_solve(model.get());

    MipSolution s;
    s.optimal = Cbc_isProvenOptimal(model.get()) != 0;
    s.infeasible = Cbc_isProvenInfeasible(model.get()) != 0;
    s.bound = Cbc_getBestPossibleObjValue(model.get());
    // The best integer point, in the original columns (CBC maps it back from its presolve).
    const double* best = Cbc_bestSolution(model.get());
    s.has_solution = best != nullptr && !s.infeasible;
    if (s.has_solution) {
        s.values.assign(best, best + column_count());
        s.objective = Cbc_getObjValue(model.get());
    }
    return s;
}

} // namespace dayafter::plan::detail
