// The columns each kind of partner file is read from: HXL hashtag, the stored field, how a cell is
// read. The loaders check rows by them and the exports write them back, so export then load
// gives the same state.
//
//     for (const ColumnSpec& spec : columns_for(Kind::Orgs)) { spec.tag; spec.field; }
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "dayafter/registry/registry.hpp"

namespace dayafter::registry {

/// How a cell is read.
enum class Cell : std::uint8_t {
    Text,     // any text, trimmed
    Code,     // one of `codes` (case-insensitive; stored as written in `codes`)
    Codes,    // ';'-separated list of `codes`, order kept (ranked causes)
    List,     // ';'-separated list of text
    Count,    // integer >= 0
    Amount,   // number >= 0
    Date,     // ISO 8601 date
    Lat,      // -90..90
    Lon,      // -180..180
    Currency, // ISO 4217: three capital letters
};

struct ColumnSpec {
    std::string_view tag;
    std::string_view field; // JSON field; "reported" goes to Parsed::reported
    Cell type = Cell::Text;
    bool required = false;
    std::span<const std::string_view> codes = {};
};

/// The columns a kind is read from (facilities without their staff and equipment patterns).
[[nodiscard]] std::vector<ColumnSpec> columns_for(Kind kind);

} // namespace dayafter::registry
