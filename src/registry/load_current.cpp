// The latest state per key after a load, for the store's cache (table `current`).
#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "dayafter/registry/load.hpp"
#include "registry/load_common.hpp"

namespace dayafter::registry {
namespace detail {
namespace {

/// One version of a touched key: a record of the history, or one the load appends.
struct Version {
    const store::Record* record = nullptr;
    std::optional<std::size_t> appended; // index in the load's records
};

using KindKey = std::pair<std::string_view, std::string_view>;

/// Every version of the keys the load touches, recorded ones in id order, then the new ones.
std::map<KindKey, std::vector<Version>>
versions_of_touched(const store::History& history, std::span<const store::Record> records) {
    std::map<KindKey, std::vector<Version>> touched;
    for (const store::Record& record : records) {
        touched.try_emplace(KindKey{record.kind, record.key});
    }
    for (const store::Record& record : history.records) {
        const auto found = touched.find(KindKey{record.kind, record.key});
        if (found != touched.end()) {
            found->second.push_back({&record, std::nullopt});
        }
    }
    for (std::size_t index = 0; index < records.size(); ++index) {
        touched[KindKey{records[index].kind, records[index].key}].push_back(
            {&records[index], index});
    }
    return touched;
}

store::CurrentRow row_of(Kind kind, const std::string& key, const Entry& entry) {
    return {std::string(to_string(kind)),
            key,
            entry.data.dump(),
            entry.reported,
            entry.load_id,
            entry.record_id,
            entry.line,
            entry.source_file,
            std::nullopt};
}

} // namespace

store::CurrentUpdate current_update(const store::History& history, const Registry& latest,
                                    std::span<const store::Record> records) {
    std::map<std::int64_t, const std::string*> source_files;
    for (const store::Load& load : history.loads) {
        source_files[load.id] = &load.source_file;
    }
    store::CurrentUpdate update;
    update.after_load = history.loads.empty() ? 0 : history.loads.back().id;
    auto touched = versions_of_touched(history, records);
    if (!history.has_current) {
        for (const Kind kind : kKinds) {
            for (const auto& [key, entry] : latest.objects(kind)) {
                if (!touched.contains(KindKey{to_string(kind), key})) {
                    update.rows.push_back(row_of(kind, key, entry));
                }
            }
        }
    }
    for (auto& [kind_key, versions] : touched) {
        const std::optional<Kind> kind = parse_kind(kind_key.first);
        if (!kind) {
            continue; // not replayed by Registry::at either
        }
        // The order Registry::at applies them in: by date, ties in the order recorded.
        std::stable_sort(versions.begin(), versions.end(), [](const Version& a, const Version& b) {
            return a.record->reported < b.record->reported;
        });
        nlohmann::json state;
        for (const Version& version : versions) {
            apply_version(*kind, state, nlohmann::json::parse(version.record->data));
        }
        const store::Record& last = *versions.back().record;
        const auto source = source_files.find(last.load_id);
        update.rows.push_back(
            {last.kind, last.key, state.dump(), last.reported, last.load_id, last.id, last.line,
             source != source_files.end() && !versions.back().appended ? *source->second
                                                                       : std::string(),
             versions.back().appended});
    }
    return update;
}

} // namespace detail

store::CurrentUpdate current_update(const store::History& history,
                                    std::span<const store::Record> records) {
    // Only a project without the cache needs the state of the keys the load leaves alone.
    const Registry latest = history.has_current ? Registry() : Registry::at(history, std::nullopt);
    return detail::current_update(history, latest, records);
}

} // namespace dayafter::registry
