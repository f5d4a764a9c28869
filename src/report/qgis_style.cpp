#include "dayafter/report/qgis_style.hpp"

#include <utility>
#include <vector>

#include <fmt/format.h>

namespace dayafter::report {
namespace {

/// How one symbol is drawn: its QGIS symbol type ("marker", "line", "fill"), symbol layer class
/// and the layer's options.
struct Look {
    const char* type;
    const char* layer_class;
    std::vector<std::pair<const char*, std::string>> options;
};

Look marker(const char* rgb, double size, const char* shape = "circle") {
    return {"marker",
            "SimpleMarker",
            {{"name", shape},
             {"color", fmt::format("{},255", rgb)},
             {"outline_color", "35,35,35,255"},
             {"outline_width", "0.2"},
             {"size", fmt::format("{}", size)}}};
}

Look line(const char* rgb, double width) {
    return {"line",
            "SimpleLine",
            {{"line_color", fmt::format("{},255", rgb)},
             {"line_width", fmt::format("{}", width)},
             {"capstyle", "round"}}};
}

Look fill(const char* rgba, const char* outline) {
    return {"fill",
            "SimpleFill",
            {{"color", rgba},
             {"style", "solid"},
             {"outline_color", fmt::format("{},255", outline)},
             {"outline_width", "0.4"}}};
}

std::string symbol(const std::string& name, const Look& look) {
    std::string options;
    for (const auto& [key, value] : look.options) {
        options += fmt::format(R"(<Option name="{}" type="QString" value="{}"/>)", key, value);
    }
    return fmt::format(R"(<symbol type="{}" name="{}" alpha="1" clip_to_extent="1" force_rhr="0">)"
                       R"(<layer class="{}" enabled="1" pass="0" locked="0">)"
                       R"(<Option type="Map">{}</Option></layer></symbol>)",
                       look.type, name, look.layer_class, options);
}

std::string document(const std::string& renderer) {
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           R"(<qgis version="3.28.0" styleCategories="Symbology">)" +
           renderer + "</qgis>\n";
}

std::string single(const Look& look) {
    return document(R"(<renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0">)"
                    "<symbols>" +
                    symbol("0", look) + "</symbols></renderer-v2>");
}

struct Category {
    const char* value;
    const char* label;
    Look look;
};

std::string categorized(const std::string& field, const std::vector<Category>& categories) {
    std::string listed;
    std::string symbols;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        listed += fmt::format(R"(<category value="{}" symbol="{}" label="{}" render="true"/>)",
                              categories[i].value, i, categories[i].label);
        symbols += symbol(std::to_string(i), categories[i].look);
    }
    return document(fmt::format(R"(<renderer-v2 type="categorizedSymbol" attr="{}" )"
                                R"(symbollevels="0" forceraster="0">)"
                                "<categories>{}</categories><symbols>{}</symbols></renderer-v2>",
                                field, listed, symbols));
}

} // namespace

std::string roads_style() {
    return categorized("drive", {{"open", "Open", line("110,110,110", 0.4)},
                                 {"slowed", "Slowed (rubble)", line("230,145,30", 0.8)},
                                 {"blocked", "Blocked", line("215,25,28", 1.0)},
                                 {"no access", "Not for vehicles", line("190,190,190", 0.2)}});
}

std::string facilities_style() {
    return categorized(
        "status", {{"functioning", "Functioning", marker("26,150,65", 3.2)},
                   {"partially functioning", "Partially functioning", marker("253,174,97", 3.2)},
                   {"not functioning", "Not functioning", marker("215,25,28", 3.2, "square")},
                   {"no status", "No status reported", marker("160,160,160", 2.6)}});
}

std::string hazard_areas_style() {
    return categorized("kind", {{"rubble", "Rubble", fill("140,90,40,110", "140,90,40")},
                                {"contamination", "Explosive contamination (mines, UXO)",
                                 fill("120,40,140,110", "120,40,140")},
                                {"insecure", "Insecure area", fill("215,25,28,90", "215,25,28")}});
}

std::string hazard_lines_style() {
    return single(line("215,25,28", 1.6));
}

std::string hazard_points_style() {
    return single(marker("215,25,28", 3.6, "cross2"));
}

std::string admin_areas_style() {
    return single(fill("0,0,0,0", "60,60,60"));
}

std::string places_style(const std::string& service) {
    if (service.empty()) {
        return single(marker("120,120,120", 1.2));
    }
    return categorized(service + "_access",
                       {{"within", "Within reach", marker("44,123,182", 1.4)},
                        {"beyond", "Beyond the threshold", marker("253,174,97", 1.6)},
                        {"cut off", "Cut off", marker("215,25,28", 1.8)}});
}

std::string catchments_style() {
    return single(line("44,123,182", 0.6));
}

} // namespace dayafter::report
