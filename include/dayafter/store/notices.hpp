// Where the store says what it is doing on its own behalf: waiting for another writer, rolling
// back a write that a killed process left unfinished. These happen deep inside any open, so
// they go to one logger set by the application rather than through every store call.
//
//     store::set_notices(context.logger());   // once, in main
#pragma once

#include "dayafter/util/log.hpp"

namespace dayafter::store {

/// Replaces the logger that receives the store's notes (the default drops them).
void set_notices(Logger log);

/// The logger set by set_notices().
[[nodiscard]] const Logger& notices();

} // namespace dayafter::store
