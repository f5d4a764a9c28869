#include "dayafter/report/history.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dayafter/registry/registry.hpp"

namespace dayafter::report {
namespace {

bool mentions(const nlohmann::json& data, const std::string& org) {
    for (const char* field : {"operator", "org", "donor", "recipient", "owner", "funder"}) {
        if (data.contains(field) && data[field] == org) {
            return true;
        }
    }
    return data.contains("funders") &&
           std::find(data["funders"].begin(), data["funders"].end(), org) != data["funders"].end();
}

bool keeps(const store::Record& record, const nlohmann::json& data, const HistoryFilter& f) {
    const bool matches_object =
        f.object.empty() || record.key == f.object || data.value("ext_code", "") == f.object;
    return matches_object && (f.org.empty() || mentions(data, f.org)) &&
           (f.kind.empty() || record.kind == f.kind) && (!f.since || record.reported >= *f.since) &&
           (!f.until || record.reported <= *f.until);
}

} // namespace

std::vector<HistoryRow> history_rows(const store::History& history, const HistoryFilter& filter) {
    std::map<std::int64_t, const store::Load*> loads;
    for (const store::Load& load : history.loads) {
        loads[load.id] = &load;
    }
    std::map<std::string, nlohmann::json> previous;
    std::vector<HistoryRow> rows;
    for (const store::Record& record : history.records) {
        const nlohmann::json data = nlohmann::json::parse(record.data);
        // The fields this version sets, changes or clears, against the state recorded before it.
        const std::string id = record.kind + "/" + record.key;
        const bool is_new = !previous.contains(id);
        nlohmann::json& state = previous[id];
        const nlohmann::json old_state = state;
        if (const auto kind = registry::parse_kind(record.kind)) {
            registry::apply_version(*kind, state, data);
        }
        if (!keeps(record, data, filter)) {
            continue;
        }
        const store::Load& load = *loads.at(record.load_id);
        rows.push_back(
            {load.recorded_at, load.recorded_by, record.reported, record.kind, record.key, is_new,
             is_new ? std::vector<std::string>{} : registry::changed_fields(old_state, state),
             fmt::format("{}:{}", load.source_file, record.line)});
    }
    return rows;
}

} // namespace dayafter::report
