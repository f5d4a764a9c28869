// Crews must reach a site by road: the blocked edges on the way from their base become work that
// comes first (plan/tasks.hpp says how the base and the way are chosen).
#pragma once

#include "dayafter/plan/tasks.hpp"

namespace dayafter::plan {

/// Adds to each task's `after` the tasks that open the blocked edges on the way to its site,
/// and marks impossible the tasks no road reaches even with every blocked edge cleared.
void add_reach_predecessors(const snapshot::Snapshot& snapshot, TaskList& list);

} // namespace dayafter::plan
