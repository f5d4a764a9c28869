#include "dayafter/io/geojson.hpp"

#include <cstddef>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"
#include "dayafter/util/text.hpp"

namespace dayafter::io {
namespace {

struct TextPlace {
    std::size_t line = 1;
    std::size_t column = 1;
};

TextPlace place_of(std::string_view text, std::size_t offset) {
    TextPlace place;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++place.line;
            place.column = 1;
        } else {
            ++place.column;
        }
    }
    return place;
}

/// Refuses nesting deeper than kMaxJsonDepth before parsing: what reads a document afterwards
/// (copies, merge patches, dumps) recurses once per level, and tens of thousands of levels
/// overflow the stack. The scan skips strings; text that is not JSON is left to the parser.
void check_depth(std::string_view text, std::string_view origin) {
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) {
                const TextPlace place = place_of(text, i);
                throw InputError(fmt::format(
                    "{}:{}:{}: JSON nested more than {} levels deep (arrays and objects inside "
                    "each other); no file dayafter reads needs that many",
                    origin, place.line, place.column, kMaxJsonDepth));
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

/// The standard DOM builder, but a syntax error, a number out of range (1e400) or invalid
/// UTF-8 is kept with the offset where it happened instead of thrown without a place.
class PlacedSax : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
public:
    explicit PlacedSax(nlohmann::json& document) : json_sax_dom_parser(document, false) {}

    bool parse_error(std::size_t offset, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& error) {
        // `offset` counts the characters read: the last one is where reading failed (the end of
        // the token, which the reason names: "last read: '...'", "parsing '1e400'").
        offset_ = offset > 0 ? offset - 1 : 0;
        reason_ = error.what();
        return false;
    }

    /// The last character read when parsing failed (0-based byte offset).
    [[nodiscard]] std::size_t offset() const noexcept { return offset_; }
    /// nlohmann's text without its "[json.exception.…] parse error at line 1, column 2: " prefix.
    [[nodiscard]] std::string reason() const {
        std::string_view text = reason_;
        if (const auto bracket = text.find("] ");
            text.starts_with("[json.") && bracket != text.npos) {
            text.remove_prefix(bracket + 2);
        }
        if (text.starts_with("parse error")) {
            if (const auto colon = text.find(": "); colon != text.npos) {
                text.remove_prefix(colon + 2);
            }
        }
        return text.empty() ? std::string("not JSON") : std::string(text);
    }

private:
    std::size_t offset_ = 0;
    std::string reason_;
};

} // namespace

nlohmann::json parse_json_text(std::string_view text, std::string_view origin) {
    check_depth(text, origin);
    nlohmann::json root;
    PlacedSax sax(root);
    if (!nlohmann::json::sax_parse(text, &sax) || root.is_discarded()) {
        const TextPlace place = place_of(text, sax.offset());
        throw InputError(fmt::format("{}:{}:{}: not valid JSON: {}", origin, place.line,
                                     place.column, sax.reason()));
    }
    return root;
}

nlohmann::json read_json_file(const std::filesystem::path& file) {
    return parse_json_text(util::read_file_text(file), file.string());
}

const nlohmann::json* geojson_features(const nlohmann::json& root) {
    if (!root.is_object() || root.value("type", "") != "FeatureCollection" ||
        !root.contains("features") || !root["features"].is_array()) {
        return nullptr;
    }
    return &root["features"];
}

bool is_geojson_feature(const nlohmann::json& value) {
    return value.is_object() && value.value("type", "") == "Feature";
}

} // namespace dayafter::io
