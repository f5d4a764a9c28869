// The latest state per key after a load, for the store's cache (table `current`).
#include <algorithm>
#include <map>
#include <set>
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

/// Every version of the keys to replay, recorded ones in id order, then the new ones.
std::map<KindKey, std::vector<Version>> versions_of(const store::History& history,
                                                    std::span<const store::Record> records,
                                                    const std::vector<bool>& replay) {
    std::map<KindKey, std::vector<Version>> versions;
    for (std::size_t index = 0; index < records.size(); ++index) {
        if (replay[index]) {
            versions.try_emplace(KindKey{records[index].kind, records[index].key});
        }
    }
    if (versions.empty()) {
        return versions; // every state is known: no need to scan the history
    }
    for (const store::Record& record : history.records) {
        const auto found = versions.find(KindKey{record.kind, record.key});
        if (found != versions.end()) {
            found->second.push_back({&record, std::nullopt});
        }
    }
    for (std::size_t index = 0; index < records.size(); ++index) {
        if (replay[index]) {
            versions[KindKey{records[index].kind, records[index].key}].push_back(
                {&records[index], index});
        }
    }
    return versions;
}

/// The state of one key after all its versions, with the metadata of the one applied last.
store::CurrentRow replayed(Kind kind, std::vector<Version>& versions,
                           const std::map<std::int64_t, const std::string*>& source_files) {
    // The order Registry::at applies them in: by date, ties in the order recorded.
    std::stable_sort(versions.begin(), versions.end(), [](const Version& a, const Version& b) {
        return a.record->reported < b.record->reported;
    });
    nlohmann::json state;
    for (const Version& version : versions) {
        apply_version(kind, state, nlohmann::json::parse(version.record->data));
    }
    const Version& last = versions.back();
    const auto source = source_files.find(last.record->load_id);
    return {last.record->kind,
            last.record->key,
            state.dump(),
            last.record->reported,
            last.record->load_id,
            last.record->id,
            last.record->line,
            !last.appended && source != source_files.end() ? *source->second : std::string(),
            last.appended};
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
                                    std::span<const store::Record> records,
                                    std::vector<std::optional<std::string>> known) {
    store::CurrentUpdate update;
    update.after_load = history.loads.empty() ? 0 : history.loads.back().id;
    std::vector<bool> replay(records.size(), true);
    for (std::size_t index = 0; index < known.size(); ++index) {
        if (auto& data = known[index]) {
            const store::Record& record = records[index];
            update.rows.push_back({record.kind, record.key, std::move(*data), record.reported, 0, 0,
                                   record.line, std::string(), index});
            replay[index] = false;
        }
    }
    if (!history.has_current) {
        std::set<KindKey> touched;
        for (const store::Record& record : records) {
            touched.emplace(record.kind, record.key);
        }
        auto keep = [&](Kind kind, const std::string& key, const Entry& entry) {
            if (!touched.contains(KindKey{to_string(kind), key})) {
                update.rows.push_back(row_of(kind, key, entry));
            }
        };
        for (const Kind kind : kKinds) {
            for (const auto& [key, entry] : latest.objects(kind)) {
                keep(kind, key, entry);
            }
        }
        for (const auto& [key, entry] : latest.replaced()) {
            keep(Kind::Facilities, key, entry);
        }
    }
    std::map<std::int64_t, const std::string*> source_files;
    for (const store::Load& load : history.loads) {
        source_files[load.id] = &load.source_file;
    }
    for (auto& [kind_key, versions] : versions_of(history, records, replay)) {
        if (const std::optional<Kind> kind = parse_kind(kind_key.first)) {
            update.rows.push_back(replayed(*kind, versions, source_files));
        } // else a kind from a newer dayafter, not replayed by Registry::at either
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
