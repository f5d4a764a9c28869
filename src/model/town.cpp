#include "dayafter/model/town.hpp"

namespace dayafter::model {

std::string_view to_string(WaterwayKind kind) noexcept {
    switch (kind) {
    case WaterwayKind::River:
        return "river";
    case WaterwayKind::Canal:
        return "canal";
    case WaterwayKind::Stream:
        return "stream";
    }
    return "river";
}

std::optional<WaterwayKind> parse_waterway_kind(std::string_view text) noexcept {
    if (text == "river") {
        return WaterwayKind::River;
    }
    if (text == "canal") {
        return WaterwayKind::Canal;
    }
    if (text == "stream") {
        return WaterwayKind::Stream;
    }
    return std::nullopt;
}

} // namespace dayafter::model
