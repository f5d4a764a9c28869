// The access engine: for every node, the travel time to its nearest open facility and which
// facility that is (its catchment), kept exact while arcs are blocked or reopened and
// facilities closed or opened.
//
// Labels: one 64-bit integer per node, (time in microseconds << 24) | facility index, so one
// integer comparison orders by time and then by the lower facility index: ties are broken
// deterministically and the answer is unique. A cold computation is one multi-source Dijkstra over
// the reversed arcs. Updates touch only what changes:
// - blocking arcs or closing a facility resets the shortest-path-tree subtree that hung on them,
//   re-seeds it from its untouched neighbours and runs Dijkstra over it alone;
// - reopening arcs or opening a facility relaxes the improved arcs and runs Dijkstra from there.
// After any sequence of updates the labels equal those of a cold computation on the same state.
// Memory: 8 bytes of label and 4 of parent per node, plus two CSR copies of the arcs.
//
//     NearestFacilityEngine engine(node_count, arcs, facility_nodes);
//     engine.compute();
//     engine.set_arcs_blocked(bridge_arcs, true);     // what-if: the bridge is down
//     engine.time_us(node); engine.facility(node);
//     engine.set_arcs_blocked(bridge_arcs, false);    // and back
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "dayafter/access/radix_heap.hpp"
#include "dayafter/util/ids.hpp"

namespace dayafter::access {

/// A directed arc in the direction of travel, weighted in microseconds.
struct Arc {
    std::uint32_t from;
    std::uint32_t to;
    std::uint64_t time_us;
};

inline constexpr std::uint64_t kUnreachable = std::numeric_limits<std::uint64_t>::max();
/// Times at or beyond this (2^40 us, about 12.7 days) count as unreachable.
inline constexpr std::uint64_t kMaxTimeUs = (std::uint64_t{1} << 40) - 1;
/// At most this many facilities (2^24 - 1).
inline constexpr std::uint32_t kMaxFacilities = (1U << 24) - 1;

struct UpdateStats {
    std::uint64_t nodes_reset = 0;   // labels invalidated by blocking or closing
    std::uint64_t nodes_settled = 0; // nodes taken from the queue
};

class NearestFacilityEngine {
public:
    /// arcs: the graph in the direction of travel; arc i keeps index i in every update call.
    /// facility_nodes[f]: where facility f is (invalid: nowhere, never reached). All open.
    NearestFacilityEngine(std::uint32_t node_count, std::span<const Arc> arcs,
                          std::span<const NodeId> facility_nodes);

    /// Cold computation from scratch over the current blocked arcs and open facilities.
    void compute();

    /// Blocks (or reopens) arcs by index and updates the labels.
    void set_arcs_blocked(std::span<const std::uint32_t> arcs, bool blocked);
    /// Closes (or reopens) a facility and updates the labels.
    void set_facility_open(FacilityId facility, bool open);

    /// Microseconds from the node to its nearest open facility, or kUnreachable.
    [[nodiscard]] std::uint64_t time_us(NodeId node) const noexcept {
        const std::uint64_t label = label_[node.value];
        return label == kNoLabel ? kUnreachable : label >> kFacilityBits;
    }
    /// The facility that serves the node (invalid when unreachable).
    [[nodiscard]] FacilityId facility(NodeId node) const noexcept {
        const std::uint64_t label = label_[node.value];
        return label == kNoLabel ? FacilityId{}
                                 : FacilityId{static_cast<std::uint32_t>(label & kFacilityMask)};
    }
    /// time_us() of every node, by node id.
    [[nodiscard]] std::vector<std::uint64_t> times_us() const;
    [[nodiscard]] std::uint32_t node_count() const noexcept {
        return static_cast<std::uint32_t>(label_.size());
    }
    [[nodiscard]] const UpdateStats& last_update() const noexcept { return stats_; }

    /// From now on (or no longer), records the nodes whose label an update may have changed:
    /// every node settled or reset, with repeats. compute() clears the record (every node may
    /// change). Off by default, so an engine nobody asks pays nothing.
    void record_changes(bool on);
    /// Moves the nodes recorded since the last call into `nodes` (cleared first).
    void take_changes(std::vector<std::uint32_t>& nodes);
    /// Bytes held per node and per arc (for docs/benchmarks.md).
    [[nodiscard]] double bytes_per_node() const noexcept;
    [[nodiscard]] double bytes_per_arc() const noexcept;

private:
    static constexpr int kFacilityBits = 24;
    static constexpr std::uint64_t kFacilityMask = (std::uint64_t{1} << kFacilityBits) - 1;
    static constexpr std::uint64_t kNoLabel = std::numeric_limits<std::uint64_t>::max();
    static constexpr std::uint32_t kNoArc = std::numeric_limits<std::uint32_t>::max();
    /// The weight a blocked arc carries in both CSRs: any time plus it exceeds kMaxTimeUs.
    static constexpr std::uint64_t kBlockedTime = kMaxTimeUs + 1;

    [[nodiscard]] std::uint64_t seed_label(std::uint32_t node) const noexcept;
    void push(std::uint64_t label, std::uint32_t node);
    /// Takes the candidate label (through in-CSR slot `slot`) when it beats the node's label.
    void improve(std::uint32_t node, std::uint64_t candidate, std::uint32_t slot);
    void run_queue();
    void reset_subtrees(std::vector<std::uint32_t>& roots);

    // Search direction (reversed arcs): for node v, the arcs u -> v that reach it.
    std::vector<std::uint32_t> in_first_;
    std::vector<std::uint32_t> in_tail_;
    std::vector<std::uint64_t> in_time_;
    std::vector<std::uint32_t> in_arc_; // only while building
    std::vector<std::uint32_t> in_slot_of_arc_;
    // Travel direction: for node u, its arcs u -> v (used to re-seed a reset node).
    std::vector<std::uint32_t> out_first_;
    std::vector<std::uint32_t> out_head_;
    std::vector<std::uint64_t> out_time_;
    std::vector<std::uint32_t> out_arc_;
    std::vector<std::uint32_t> out_slot_of_arc_;
    std::vector<std::uint32_t> arc_from_;
    std::vector<std::uint32_t> arc_to_;
    std::vector<std::uint64_t> arc_time_;
    // Facilities at each node (CSR), and which are open.
    std::vector<std::uint32_t> facility_first_;
    std::vector<std::uint32_t> facility_at_;
    std::vector<NodeId> facility_node_;
    std::vector<std::uint8_t> open_;

    std::vector<std::uint64_t> label_;
    // In-CSR slot of the arc that gave the label; kNoArc at seeds and unreachable nodes.
    std::vector<std::uint32_t> parent_slot_;
    std::vector<std::uint8_t> reset_mark_;
    RadixHeap heap_;
    UpdateStats stats_;
    bool recording_ = false;
    std::vector<std::uint32_t> changed_;
};

} // namespace dayafter::access
