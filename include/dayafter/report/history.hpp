// The registry's history as people read it: every recorded version with who recorded it, when,
// the date it reports on, whether it was new or which fields it set, changed or cleared (against
// the state recorded before it), and its source file and line. Filters by object (key or partner
// code), organisation named, kind and reported dates.
//
//     const std::vector<HistoryRow> rows = history_rows(store::read_history(project), {});
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dayafter/store/registry_store.hpp"

namespace dayafter::report {

struct HistoryFilter {
    std::string object; // key or partner code; empty: all
    std::string org;    // only versions naming this organisation
    std::string kind;   // facilities, hazards, ...; empty: all
    std::optional<std::string> since;
    std::optional<std::string> until;
};

struct HistoryRow {
    std::string recorded_at;
    std::string recorded_by;
    std::string reported;
    std::string kind;
    std::string key;
    bool is_new = false;
    std::vector<std::string> fields; // set, changed or cleared; empty for a new object
    std::string source;              // file:line
};

/// The rows in the order recorded.
[[nodiscard]] std::vector<HistoryRow> history_rows(const store::History& history,
                                                   const HistoryFilter& filter);

} // namespace dayafter::report
