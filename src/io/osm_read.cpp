// The two reading passes of the OSM import.
#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>

#include <fmt/format.h>
#include <osmium/io/any_input.hpp>
#include <osmium/io/file.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm.hpp>
#include <protozero/exception.hpp>

#include "dayafter/util/error.hpp"
#include "osm_raw.hpp"

namespace dayafter::io::detail {
namespace {

graph::Oneway parse_oneway(const osmium::TagList& tags, graph::RoadClass road_class) {
    const std::string_view oneway = tag(tags, "oneway");
    if (oneway == "yes" || oneway == "true" || oneway == "1") {
        return graph::Oneway::Forward;
    }
    if (oneway == "-1" || oneway == "reverse") {
        return graph::Oneway::Backward;
    }
    if (oneway == "no" || oneway == "false" || oneway == "0") {
        return graph::Oneway::No;
    }
    // Implied one-way, as in OSRM's car profile: roundabouts and motorways.
    const std::string_view junction = tag(tags, "junction");
    if (junction == "roundabout" || junction == "circular" ||
        road_class == graph::RoadClass::Motorway) {
        return graph::Oneway::Forward;
    }
    return graph::Oneway::No;
}

class Collector {
public:
    Collector(RawOsm& raw, const std::unordered_set<std::int64_t>& member_ways)
        : raw_(raw), member_ways_(member_ways) {}

    void node(const osmium::Node& node) {
        ++raw_.report.osm_nodes;
        if (!node.location().valid()) {
            return; // a deleted or location-less node behaves like a missing one
        }
        raw_.locations.set(static_cast<osmium::unsigned_object_id_type>(node.id()),
                           node.location());
        if (node.tags().empty()) {
            return;
        }
        if (const auto type = facility_type(node.tags())) {
            raw_.point_facilities.push_back(
                {node.id(), *type, std::string(tag(node.tags(), "name")), node.location()});
        }
    }

    void way(const osmium::Way& way) {
        ++raw_.report.osm_ways;
        const osmium::TagList& tags = way.tags();
        keep_road(way, tags);
        keep_waterway(way, tags);
        if (is_building(tags) || facility_type(tags) || member_ways_.contains(way.id())) {
            raw_.area_ways.add_item(way);
            raw_.area_ways.commit();
        }
    }

private:
    std::uint32_t keep_refs(const osmium::Way& way) {
        const auto first = static_cast<std::uint32_t>(raw_.refs.size());
        for (const osmium::NodeRef& ref : way.nodes()) {
            raw_.refs.push_back(ref.ref());
        }
        return first;
    }

    void keep_road(const osmium::Way& way, const osmium::TagList& tags) {
        const std::string_view highway = tag(tags, "highway");
        if (highway.empty() || tag(tags, "area") == "yes" || way.nodes().size() < 2) {
            return;
        }
        const auto road_class = graph::parse_road_class(highway);
        if (!road_class) {
            return;
        }
        RoadWay road;
        road.id = way.id();
        road.road_class = *road_class;
        road.oneway = parse_oneway(tags, *road_class);
        const std::string_view oneway = tag(tags, "oneway");
        road.drivable_direction_rules_ok = oneway != "reversible" && oneway != "alternating";
        const std::string_view bridge = tag(tags, "bridge");
        road.is_bridge = !bridge.empty() && bridge != "no";
        road.name = std::string(tag(tags, "name"));
        road.first_ref = keep_refs(way);
        road.ref_count = static_cast<std::uint32_t>(way.nodes().size());
        raw_.roads.push_back(std::move(road));
        ++raw_.report.road_ways;
    }

    void keep_waterway(const osmium::Way& way, const osmium::TagList& tags) {
        const auto kind = model::parse_waterway_kind(tag(tags, "waterway"));
        if (!kind || way.nodes().size() < 2) {
            return;
        }
        WaterwayWay waterway;
        waterway.id = way.id();
        waterway.kind = *kind;
        waterway.name = std::string(tag(tags, "name"));
        waterway.first_ref = keep_refs(way);
        waterway.ref_count = static_cast<std::uint32_t>(way.nodes().size());
        raw_.waterways.push_back(std::move(waterway));
    }

    RawOsm& raw_;
    const std::unordered_set<std::int64_t>& member_ways_;
};

/// Pass 1: multipolygon relations that are buildings or facilities, and their member ways.
std::unordered_set<std::int64_t> read_relations(const std::string& file_name, RawOsm& raw) {
    std::unordered_set<std::int64_t> member_ways;
    osmium::io::Reader reader{file_name, osmium::osm_entity_bits::relation};
    raw.osm_timestamp = reader.header().get("osmosis_replication_timestamp");
    while (osmium::memory::Buffer buffer = reader.read()) {
        for (const auto& relation : buffer.select<osmium::Relation>()) {
            ++raw.report.osm_relations;
            const osmium::TagList& tags = relation.tags();
            if (tag(tags, "type") != "multipolygon" ||
                !(is_building(tags) || facility_type(tags))) {
                continue;
            }
            raw.relations.add_item(relation);
            raw.relations.commit();
            for (const auto& member : relation.members()) {
                if (member.type() == osmium::item_type::way) {
                    member_ways.insert(member.ref());
                }
            }
        }
    }
    reader.close();
    return member_ways;
}

/// Pass 2: node locations, point facilities, and the ways worth keeping.
void read_nodes_and_ways(const std::string& file_name, RawOsm& raw,
                         const std::unordered_set<std::int64_t>& member_ways, const Logger& log) {
    Collector collector(raw, member_ways);
    osmium::io::Reader reader{file_name,
                              osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
    std::uint64_t next_report = 1'000'000;
    while (osmium::memory::Buffer buffer = reader.read()) {
        for (const auto& object : buffer.select<osmium::OSMObject>()) {
            if (object.type() == osmium::item_type::node) {
                collector.node(static_cast<const osmium::Node&>(object));
            } else if (object.type() == osmium::item_type::way) {
                collector.way(static_cast<const osmium::Way&>(object));
            }
        }
        if (raw.report.osm_nodes >= next_report) {
            log.progress(
                fmt::format("  {} nodes, {} ways read", raw.report.osm_nodes, raw.report.osm_ways));
            next_report += 1'000'000;
        }
    }
    reader.close();
    raw.locations.sort();
}

/// The coordinate attributes of an element tag (`<node id="1" lat=".." lon="..">`): each must be
/// finite decimal degrees on the globe. Throws InputError naming the line.
void check_coordinates(std::string_view element, const std::string& file_name, std::size_t line) {
    static constexpr std::string_view kNames[] = {"lat",    "lon",    "minlat",
                                                  "maxlat", "minlon", "maxlon"};
    for (const std::string_view name : kNames) {
        for (std::size_t at = element.find(name); at != element.npos;
             at = element.find(name, at + 1)) {
            const bool starts_word = at > 0 && (element[at - 1] == ' ' || element[at - 1] == '\t' ||
                                                element[at - 1] == '\n' || element[at - 1] == '\r');
            std::size_t i = at + name.size();
            while (i < element.size() && (element[i] == ' ' || element[i] == '\t')) {
                ++i;
            }
            if (!starts_word || i >= element.size() || element[i] != '=') {
                continue;
            }
            ++i;
            while (i < element.size() && (element[i] == ' ' || element[i] == '\t')) {
                ++i;
            }
            if (i >= element.size() || (element[i] != '"' && element[i] != '\'')) {
                continue;
            }
            const char quote = element[i];
            const std::size_t end = element.find(quote, i + 1);
            const std::string_view value =
                element.substr(i + 1, end == element.npos ? element.npos : end - i - 1);
            double degrees = 0;
            const auto [rest, error] =
                std::from_chars(value.data(), value.data() + value.size(), degrees);
            const double limit = name.ends_with("lat") ? 90 : 180;
            if (error != std::errc() || rest != value.data() + value.size() ||
                !std::isfinite(degrees) || std::abs(degrees) > limit) {
                throw InputError(fmt::format(
                    "{}:{}: {}=\"{:.40}\" is not a {} in degrees (a number from -{} to {})",
                    file_name, line, name, value, name.ends_with("lat") ? "latitude" : "longitude",
                    limit, limit));
            }
        }
    }
}

/// Follows XML text chunk by chunk and checks the coordinates of each `<node>` and `<bounds>`.
class CoordinateScanner {
public:
    explicit CoordinateScanner(const std::string& file_name) : file_name_(file_name) {}

    void feed(std::string_view chunk) {
        for (const char ch : chunk) {
            step(ch);
        }
    }

private:
    void step(char ch) {
        line_ += ch == '\n' ? 1 : 0;
        if (!in_tag_) {
            if (ch == '<') {
                in_tag_ = true;
                tag_.assign(1, ch);
                tag_line_ = line_;
            }
            return;
        }
        if (tag_.size() < 7 || tag_.starts_with("<node") || tag_.starts_with("<bounds")) {
            tag_.push_back(ch); // other elements are only followed to their end
        }
        if (quote_ != 0) {
            quote_ = ch == quote_ ? 0 : quote_;
        } else if (ch == '"' || ch == '\'') {
            quote_ = ch;
        } else if (ch == '>') {
            in_tag_ = false;
            if (tag_.starts_with("<node") || tag_.starts_with("<bounds")) {
                check_coordinates(tag_, file_name_, tag_line_);
            }
        }
    }

    const std::string& file_name_;
    std::size_t line_ = 1;
    std::size_t tag_line_ = 1;
    std::string tag_; // from '<' to the '>' that closes it outside quotes
    bool in_tag_ = false;
    char quote_ = 0;
};

/// libosmium's XML reader turns a coordinate such as 1e400 into a valid-looking 0 (through a
/// signed overflow, undefined behaviour): a node at (0, 0) and a road thousands of kilometres
/// long. XML, compressed or not, is checked here first, element by element (through libosmium's
/// own decompressors); PBF stores integers.
void check_xml_coordinates(const std::string& file_name) {
    const osmium::io::File file(file_name);
    if (file.format() != osmium::io::file_format::xml) {
        return;
    }
    CoordinateScanner scanner(file_name);
    if (file.compression() == osmium::io::file_compression::none) {
        std::ifstream in(file_name, std::ios::binary);
        std::string chunk(1 << 16, '\0');
        while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) ||
               in.gcount() > 0) {
            scanner.feed(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
        }
        return;
    }
    const int fd = ::open(file_name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw InputError(fmt::format("{}: cannot open: {}", file_name, std::strerror(errno)));
    }
    // The decompressor owns the descriptor and closes it.
    const std::unique_ptr<osmium::io::Decompressor> decompressor =
        osmium::io::CompressionFactory::instance().create_decompressor(file.compression(), fd);
    for (std::string chunk = decompressor->read(); !chunk.empty(); chunk = decompressor->read()) {
        scanner.feed(chunk);
    }
    decompressor->close();
}

} // namespace

void read_osm(const std::string& file_name, RawOsm& raw, const Logger& log) {
    try {
        check_xml_coordinates(file_name);
        log.progress("reading relations");
        const auto member_ways = read_relations(file_name, raw);
        log.progress("reading nodes and ways");
        read_nodes_and_ways(file_name, raw, member_ways, log);
    } catch (const osmium::io_error& e) {
        throw InputError(fmt::format("{}: not a readable OSM file: {}", file_name, e.what()));
    } catch (const protozero::exception& e) {
        throw InputError(fmt::format("{}: corrupt OSM PBF data: {}", file_name, e.what()));
    } catch (const std::system_error& e) {
        throw InputError(fmt::format("{}: cannot read: {}", file_name, e.what()));
    } catch (const std::range_error& e) { // osmium::invalid_location among others
        throw InputError(fmt::format("{}: corrupt OSM data: {}", file_name, e.what()));
    } catch (const std::length_error& e) { // osmium's builder: a tag or role too long
        throw InputError(
            fmt::format("{}: OSM data over libosmium's limits: {}", file_name, e.what()));
    }
}

} // namespace dayafter::io::detail
