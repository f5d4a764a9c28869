// Which word a person meant when they typed one the CLI does not know: the nearest by edit
// distance, so that `dayafter acess` answers "did you mean 'access'?".
//
//     nearest("acess", {"import", "access", "plan"})  // "access"
//     nearest("frobnicate", {"import", "access"})      // nothing: no guess is better than a wrong
//     one
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dayafter::cli {

/// The optimal-string-alignment distance between two words, ignoring ASCII case: inserting,
/// deleting or replacing a letter, or swapping two neighbouring letters, each costs 1.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate `word` most likely misspells: the nearest one (the first listed on a tie) when
/// it is close for the word's length, else the only candidate that begins with `word`; nothing
/// when no candidate is close.
[[nodiscard]] std::optional<std::string> nearest(std::string_view word,
                                                 std::span<const std::string> candidates);

} // namespace dayafter::cli
