// Writing the registry back out in the formats it is loaded from, so that export then load
// reproduces the same state: HXL CSV for the tabular kinds and population points, GeoJSON for
// hazards and admin areas.
//
//     write_kind(registry::Kind::Facilities, registry, std::cout, ExportFormat::Hxl);
#pragma once

#include <ostream>

#include "dayafter/registry/registry.hpp"

namespace dayafter::report {

enum class ExportFormat : std::uint8_t { Hxl, GeoJson };

/// Hazards only as GeoJSON; population as HXL points or GeoJSON admin areas; others as HXL.
/// Throws InputError for a format a kind does not have.
void write_kind(registry::Kind kind, const registry::Registry& registry, std::ostream& out,
                ExportFormat format);

} // namespace dayafter::report
