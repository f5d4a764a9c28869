#include "dayafter/access/nearest_facility.hpp"

#include <algorithm>
#include <functional>

#include "dayafter/util/error.hpp"

namespace dayafter::access {
namespace {

/// Builds a CSR over `count` keys of the arcs, in arc order within each key.
void build_csr(std::uint32_t count, std::span<const Arc> arcs, bool by_head,
               std::vector<std::uint32_t>& first, std::vector<std::uint32_t>& other,
               std::vector<std::uint64_t>& time, std::vector<std::uint32_t>& arc_index) {
    first.assign(static_cast<std::size_t>(count) + 1, 0);
    for (const Arc& arc : arcs) {
        ++first[(by_head ? arc.to : arc.from) + 1];
    }
    for (std::uint32_t k = 0; k < count; ++k) {
        first[k + 1] += first[k];
    }
    other.resize(arcs.size());
    time.resize(arcs.size());
    arc_index.resize(arcs.size());
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (std::uint32_t a = 0; a < arcs.size(); ++a) {
        const std::uint32_t slot = next[by_head ? arcs[a].to : arcs[a].from]++;
        other[slot] = by_head ? arcs[a].from : arcs[a].to;
        time[slot] = arcs[a].time_us;
        arc_index[slot] = a;
    }
}

} // namespace

NearestFacilityEngine::NearestFacilityEngine(std::uint32_t node_count, std::span<const Arc> arcs,
                                             std::span<const NodeId> facility_nodes)
    : facility_node_(facility_nodes.begin(), facility_nodes.end()), open_(facility_nodes.size(), 1),
      label_(node_count, kNoLabel), parent_slot_(node_count, kNoArc), reset_mark_(node_count, 0) {
    DAYAFTER_ASSERT(facility_nodes.size() <= kMaxFacilities, "too many facilities");
    build_csr(node_count, arcs, true, in_first_, in_tail_, in_time_, in_arc_);
    for (std::uint64_t& time : in_time_) {
        time = std::min(time, kMaxTimeUs);
    }
    build_csr(node_count, arcs, false, out_first_, out_head_, out_time_, out_arc_);
    arc_from_.reserve(arcs.size());
    arc_to_.reserve(arcs.size());
    arc_time_.reserve(arcs.size());
    for (const Arc& arc : arcs) {
        DAYAFTER_ASSERT(arc.from < node_count && arc.to < node_count, "arc outside the graph");
        arc_from_.push_back(arc.from);
        arc_to_.push_back(arc.to);
        arc_time_.push_back(std::min(arc.time_us, kMaxTimeUs));
    }
    in_slot_of_arc_.resize(arcs.size());
    for (std::uint32_t k = 0; k < in_arc_.size(); ++k) {
        in_slot_of_arc_[in_arc_[k]] = k;
    }
    out_slot_of_arc_.resize(arcs.size());
    for (std::uint32_t k = 0; k < out_arc_.size(); ++k) {
        out_slot_of_arc_[out_arc_[k]] = k;
    }
    in_arc_ = {}; // the slot maps replace it
    for (std::uint64_t& time : out_time_) {
        time = std::min(time, kMaxTimeUs);
    }
    facility_first_.assign(static_cast<std::size_t>(node_count) + 1, 0);
    for (const NodeId node : facility_node_) {
        if (node.valid() && node.value < node_count) {
            ++facility_first_[node.value + 1];
        }
    }
    for (std::uint32_t k = 0; k < node_count; ++k) {
        facility_first_[k + 1] += facility_first_[k];
    }
    facility_at_.resize(facility_first_.back());
    std::vector<std::uint32_t> next(facility_first_.begin(), facility_first_.end() - 1);
    for (std::uint32_t f = 0; f < facility_node_.size(); ++f) { // ascending: lowest first
        const NodeId node = facility_node_[f];
        if (node.valid() && node.value < node_count) {
            facility_at_[next[node.value]++] = f;
        }
    }
}

std::uint64_t NearestFacilityEngine::seed_label(std::uint32_t node) const noexcept {
    for (std::uint32_t k = facility_first_[node]; k < facility_first_[node + 1]; ++k) {
        if (open_[facility_at_[k]] != 0) {
            return facility_at_[k]; // time 0, lowest open facility at the node
        }
    }
    return kNoLabel;
}

void NearestFacilityEngine::push(std::uint64_t label, std::uint32_t node) {
    heap_.push(label, node);
}

void NearestFacilityEngine::improve(std::uint32_t node, std::uint64_t candidate,
                                    std::uint32_t slot) {
    if (candidate < label_[node]) {
        label_[node] = candidate;
        parent_slot_[node] = slot;
        push(candidate, node);
    }
}

void NearestFacilityEngine::run_queue() {
    // The CSR arrays do not change during a search: plain pointers let the compiler keep them in
    // registers across the heap pushes (measured: see docs/benchmarks.md).
    const std::uint32_t* const first = in_first_.data();
    const std::uint32_t* const tail = in_tail_.data();
    const std::uint64_t* const weight = in_time_.data();
    std::uint64_t* const label_of = label_.data();
    std::uint32_t* const parent = parent_slot_.data();
    while (!heap_.empty()) {
        const auto [label, node] = heap_.pop();
        if (label != label_of[node]) {
            continue; // stale entry
        }
        ++stats_.nodes_settled;
        if (recording_) {
            changed_.push_back(node);
        }
        const std::uint64_t time = label >> kFacilityBits;
        // A blocked arc carries kBlockedTime, which this one comparison also rules out: the
        // inner loop reads no flag and no arc index.
        const std::uint32_t end = first[node + 1];
        for (std::uint32_t k = first[node]; k < end; ++k) {
            const std::uint64_t w = weight[k];
            if (time + w > kMaxTimeUs) {
                continue;
            }
            const std::uint32_t next = tail[k];
            const std::uint64_t candidate = label + (w << kFacilityBits);
            if (candidate < label_of[next]) {
                label_of[next] = candidate;
                parent[next] = k;
                heap_.push(candidate, next);
            }
        }
    }
}

void NearestFacilityEngine::compute() {
    stats_ = {};
    changed_.clear();
    const bool recording = recording_;
    recording_ = false;
    std::fill(label_.begin(), label_.end(), kNoLabel);
    std::fill(parent_slot_.begin(), parent_slot_.end(), kNoArc);
    heap_.clear();
    for (std::uint32_t node = 0; node < node_count(); ++node) {
        if (const std::uint64_t seed = seed_label(node); seed != kNoLabel) {
            label_[node] = seed;
            push(seed, node);
        }
    }
    run_queue();
    recording_ = recording;
}

void NearestFacilityEngine::record_changes(bool on) {
    recording_ = on;
    changed_.clear();
}

void NearestFacilityEngine::take_changes(std::vector<std::uint32_t>& nodes) {
    nodes.clear();
    std::swap(nodes, changed_);
}

void NearestFacilityEngine::reset_subtrees(std::vector<std::uint32_t>& roots) {
    // Collect every node whose tree path runs through a root: its children are the tails of its
    // in-arcs whose parent arc is that very arc.
    std::vector<std::uint32_t>& reset = roots;
    for (const std::uint32_t root : reset) {
        reset_mark_[root] = 1;
    }
    for (std::size_t k = 0; k < reset.size(); ++k) {
        const std::uint32_t node = reset[k];
        for (std::uint32_t j = in_first_[node]; j < in_first_[node + 1]; ++j) {
            const std::uint32_t child = in_tail_[j];
            if (parent_slot_[child] == j && reset_mark_[child] == 0) {
                reset_mark_[child] = 1;
                reset.push_back(child);
            }
        }
    }
    for (const std::uint32_t node : reset) {
        label_[node] = kNoLabel;
        parent_slot_[node] = kNoArc;
    }
    stats_.nodes_reset = reset.size();
    if (recording_) {
        changed_.insert(changed_.end(), reset.begin(), reset.end());
    }
    // Re-seed each reset node from its own facilities and its neighbours outside the subtree;
    // their labels are still exact, since blocking and closing only make paths longer.
    for (const std::uint32_t node : reset) {
        std::uint64_t best = seed_label(node);
        std::uint32_t best_slot = kNoArc;
        for (std::uint32_t j = out_first_[node]; j < out_first_[node + 1]; ++j) {
            const std::uint64_t head_label = label_[out_head_[j]];
            if (head_label == kNoLabel ||
                (head_label >> kFacilityBits) + out_time_[j] > kMaxTimeUs) {
                continue;
            }
            const std::uint64_t candidate = head_label + (out_time_[j] << kFacilityBits);
            if (candidate < best) {
                best = candidate;
                best_slot = in_slot_of_arc_[out_arc_[j]];
            }
        }
        if (best != kNoLabel) {
            label_[node] = best;
            parent_slot_[node] = best_slot;
            push(best, node);
        }
    }
    for (const std::uint32_t node : reset) {
        reset_mark_[node] = 0;
    }
    run_queue();
}

void NearestFacilityEngine::set_arcs_blocked(std::span<const std::uint32_t> arcs, bool blocked) {
    stats_ = {};
    heap_.clear();
    if (blocked) {
        std::vector<std::uint32_t> roots;
        for (const std::uint32_t arc : arcs) {
            const std::uint32_t slot = in_slot_of_arc_[arc];
            if (in_time_[slot] == kBlockedTime) {
                continue;
            }
            in_time_[slot] = kBlockedTime;
            out_time_[out_slot_of_arc_[arc]] = kBlockedTime;
            if (parent_slot_[arc_from_[arc]] == slot) {
                roots.push_back(arc_from_[arc]);
            }
        }
        reset_subtrees(roots);
        return;
    }
    for (const std::uint32_t arc : arcs) {
        const std::uint32_t slot = in_slot_of_arc_[arc];
        if (in_time_[slot] != kBlockedTime) {
            continue;
        }
        in_time_[slot] = arc_time_[arc];
        out_time_[out_slot_of_arc_[arc]] = arc_time_[arc];
        const std::uint64_t head_label = label_[arc_to_[arc]];
        if (head_label == kNoLabel || (head_label >> kFacilityBits) + arc_time_[arc] > kMaxTimeUs) {
            continue;
        }
        improve(arc_from_[arc], head_label + (arc_time_[arc] << kFacilityBits), slot);
    }
    run_queue();
}

void NearestFacilityEngine::set_facility_open(FacilityId facility, bool open) {
    stats_ = {};
    heap_.clear();
    const std::uint8_t state = open ? 1 : 0;
    if (open_[facility.value] == state) {
        return;
    }
    open_[facility.value] = state;
    const NodeId at = facility_node_[facility.value];
    if (!at.valid() || at.value >= node_count()) {
        return;
    }
    if (open) {
        const std::uint64_t seed = seed_label(at.value);
        if (seed < label_[at.value]) {
            label_[at.value] = seed;
            parent_slot_[at.value] = kNoArc;
            push(seed, at.value);
        }
        run_queue();
        return;
    }
    // Closing matters only where the facility itself seeded the node: then its whole catchment
    // is that node's subtree.
    if (label_[at.value] == facility.value && parent_slot_[at.value] == kNoArc) {
        std::vector<std::uint32_t> roots{at.value};
        reset_subtrees(roots);
    }
}

std::vector<std::uint64_t> NearestFacilityEngine::times_us() const {
    std::vector<std::uint64_t> times(label_.size());
    for (std::uint32_t node = 0; node < label_.size(); ++node) {
        times[node] = time_us(NodeId{node});
    }
    return times;
}

namespace {
template <typename... Vectors> double bytes_of(const Vectors&... vectors) {
    return (0.0 + ... + static_cast<double>(vectors.capacity() * sizeof(vectors[0])));
}
} // namespace

double NearestFacilityEngine::bytes_per_node() const noexcept {
    const double bytes =
        bytes_of(label_, parent_slot_, reset_mark_, in_first_, out_first_, facility_first_);
    return bytes / static_cast<double>(std::max<std::size_t>(label_.size(), 1));
}

double NearestFacilityEngine::bytes_per_arc() const noexcept {
    const double bytes = bytes_of(in_tail_, in_time_, in_slot_of_arc_, out_head_, out_time_,
                                  out_arc_, out_slot_of_arc_, arc_from_, arc_to_, arc_time_);
    return bytes / static_cast<double>(std::max<std::size_t>(arc_from_.size(), 1));
}

} // namespace dayafter::access
