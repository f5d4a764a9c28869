#include "dayafter/snapshot/overlay.hpp"

#include <algorithm>

namespace dayafter::snapshot {

std::vector<model::Resource> resources_after(std::span<const model::Resource> base,
                                             std::span<const ResourceChange> changes) {
    std::vector<model::Resource> out(base.begin(), base.end());
    for (const ResourceChange& change : changes) {
        std::int64_t left = change.count;
        // A withdrawal takes from the organisation's resources of that type in turn.
        for (model::Resource& r : out) {
            if (left == 0) {
                break;
            }
            if (r.org != change.org || r.type != change.type) {
                continue;
            }
            const std::int64_t taken = left < 0 ? std::max(left, -r.count) : left;
            r.count += taken;
            left -= taken;
        }
        if (left > 0) {
            model::Resource added;
            added.key = change.org + "/" + change.type;
            added.org = change.org;
            added.type = change.type;
            added.count = left;
            out.push_back(std::move(added));
        }
    }
    return out;
}

} // namespace dayafter::snapshot
