#include "suggest.hpp"

#include <algorithm>
#include <vector>

#include "dayafter/util/text.hpp"

namespace dayafter::cli {
namespace {

/// How many edits still read as a typo: one in a short word, about one in four letters beyond
/// (so "acess" finds "access" while "log" does not become "plan").
std::size_t typo_budget(std::string_view word) {
    return std::max<std::size_t>(1, word.size() / 4);
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::string x = util::ascii_lower(a);
    const std::string y = util::ascii_lower(b);
    const std::size_t columns = y.size() + 1;
    // Three rows of the dynamic programme: the swap of two letters looks two rows back.
    std::vector<std::size_t> before_last(columns);
    std::vector<std::size_t> last(columns);
    std::vector<std::size_t> row(columns);
    for (std::size_t j = 0; j < columns; ++j) {
        last[j] = j;
    }
    for (std::size_t i = 1; i <= x.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j < columns; ++j) {
            const std::size_t replace = last[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
            row[j] = std::min({last[j] + 1, row[j - 1] + 1, replace});
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                row[j] = std::min(row[j], before_last[j - 2] + 1);
            }
        }
        std::swap(before_last, last);
        std::swap(last, row);
    }
    return last[y.size()];
}

std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = typo_budget(word) + 1;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    if (best) {
        return best;
    }
    const std::string lower = util::ascii_lower(word);
    std::optional<std::string> only;
    for (const std::string& candidate : candidates) {
        if (!lower.empty() && util::ascii_lower(candidate).starts_with(lower)) {
            if (only) {
                return std::nullopt;
            }
            only = candidate;
        }
    }
    return only;
}

} // namespace dayafter::cli
