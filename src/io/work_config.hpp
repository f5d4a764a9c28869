// The configuration's "work" section (model/work.hpp), read over the rules so far.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "dayafter/model/work.hpp"

namespace dayafter::io {

/// Applies `section` over `rules`. Throws InputError naming `origin` and the key (work.<...>).
void apply_work_section(const nlohmann::json& section, std::string_view origin,
                        model::WorkRules& rules);

} // namespace dayafter::io
