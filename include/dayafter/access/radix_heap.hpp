// A monotone radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990) over 64-bit
// keys. Dijkstra's keys never fall below the last key taken, which is all a radix heap needs:
// a key sits in the bucket of the highest bit where it differs from the last key taken, so a push
// is O(1) and each entry moves down at most 64 times. It beats a binary heap on road graphs
// (docs/benchmarks.md) because pushes, the common operation, cost no comparisons.
//
// Contract: every key pushed is >= the last key popped (checked in debug builds). An empty heap
// forgets its last key, so a new search may start anywhere.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "dayafter/util/error.hpp"

namespace dayafter::access {

class RadixHeap {
public:
    using Entry = std::pair<std::uint64_t, std::uint32_t>; // key, value

    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    void push(std::uint64_t key, std::uint32_t value) {
        DAYAFTER_ASSERT(key >= last_, "radix heap keys must not fall below the last key taken");
        buckets_[bucket_of(key)].emplace_back(key, value);
        ++size_;
    }

    /// Removes and returns an entry with the smallest key.
    Entry pop() {
        if (buckets_[0].empty()) {
            refill();
        }
        const Entry top = buckets_[0].back();
        buckets_[0].pop_back();
        if (--size_ == 0) {
            last_ = 0;
        }
        return top;
    }

    void clear() noexcept {
        for (auto& bucket : buckets_) {
            bucket.clear();
        }
        size_ = 0;
        last_ = 0;
    }

private:
    [[nodiscard]] std::size_t bucket_of(std::uint64_t key) const noexcept {
        return key == last_ ? 0 : static_cast<std::size_t>(std::bit_width(key ^ last_));
    }

    /// Moves the smallest non-empty bucket down, its minimum becoming the new last key.
    void refill() {
        std::size_t i = 1;
        while (buckets_[i].empty()) {
            ++i;
        }
        std::vector<Entry>& source = buckets_[i];
        std::uint64_t smallest = source.front().first;
        for (const Entry& entry : source) {
            smallest = entry.first < smallest ? entry.first : smallest;
        }
        last_ = smallest;
        for (const Entry& entry : source) {
            buckets_[bucket_of(entry.first)].push_back(entry);
        }
        source.clear();
    }

    std::array<std::vector<Entry>, 65> buckets_;
    std::uint64_t last_ = 0;
    std::size_t size_ = 0;
};

} // namespace dayafter::access
