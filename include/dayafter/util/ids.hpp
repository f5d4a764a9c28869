// Typed dense indices and vectors indexed by them.
//
// Every node, arc, facility and bridge has a dense 32-bit index 0..n-1. Giving each kind its own
// type makes passing a facility where a node is expected a compile error, at no run-time cost:
//
//     IdVector<NodeId, Coord> coord(node_count);
//     coord[NodeId{3}] = ...;        // coord[3] does not compile
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace dayafter {

template <typename Tag> struct Index {
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t value = kNone;

    constexpr Index() noexcept = default;
    constexpr explicit Index(std::uint32_t v) noexcept : value(v) {}
    [[nodiscard]] constexpr bool valid() const noexcept { return value != kNone; }
    friend constexpr auto operator<=>(Index, Index) = default;
};

using NodeId = Index<struct NodeTag>;
using EdgeId = Index<struct EdgeTag>; // an undirected road segment between two junctions
using ArcId = Index<struct ArcTag>;   // a directed arc of a mode's routable graph
using FacilityId = Index<struct FacilityTag>;
using BridgeId = Index<struct BridgeTag>;
using WaterwayId = Index<struct WaterwayTag>;

/// A std::vector whose operator[] takes only the index type it was declared with.
template <typename Id, typename T> class IdVector {
public:
    IdVector() = default;
    explicit IdVector(std::size_t count, const T& value = T{}) : items_(count, value) {}

    [[nodiscard]] T& operator[](Id id) noexcept { return items_[id.value]; }
    [[nodiscard]] const T& operator[](Id id) const noexcept { return items_[id.value]; }
    [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
    void push_back(const T& value) { items_.push_back(value); }
    void resize(std::size_t count, const T& value = T{}) { items_.resize(count, value); }
    void reserve(std::size_t count) { items_.reserve(count); }
    void assign(std::size_t count, const T& value) { items_.assign(count, value); }
    [[nodiscard]] auto begin() noexcept { return items_.begin(); }
    [[nodiscard]] auto end() noexcept { return items_.end(); }
    [[nodiscard]] auto begin() const noexcept { return items_.begin(); }
    [[nodiscard]] auto end() const noexcept { return items_.end(); }
    [[nodiscard]] std::vector<T>& raw() noexcept { return items_; }
    [[nodiscard]] const std::vector<T>& raw() const noexcept { return items_; }

private:
    std::vector<T> items_;
};

/// An iterable range of consecutive ids [first, last), as used for a node's out-arcs.
template <typename Id> class IdRange {
public:
    class iterator {
    public:
        constexpr explicit iterator(std::uint32_t v) noexcept : value_(v) {}
        constexpr Id operator*() const noexcept { return Id{value_}; }
        constexpr iterator& operator++() noexcept {
            ++value_;
            return *this;
        }
        friend constexpr bool operator==(iterator, iterator) = default;

    private:
        std::uint32_t value_;
    };
    constexpr IdRange(std::uint32_t first, std::uint32_t last) noexcept
        : first_(first), last_(last) {}
    [[nodiscard]] constexpr iterator begin() const noexcept { return iterator{first_}; }
    [[nodiscard]] constexpr iterator end() const noexcept { return iterator{last_}; }
    [[nodiscard]] constexpr std::uint32_t size() const noexcept { return last_ - first_; }

private:
    std::uint32_t first_;
    std::uint32_t last_;
};

} // namespace dayafter
