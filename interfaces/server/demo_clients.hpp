#pragma once
// The demo's clients with their decisions and allocations to demo providers (real clock).
#include "demo_context.hpp"

namespace zc::server::demo {

// Nothing once the demo contracts have ended (`current_year` >= kTermEndYear).
void loadClients(Demo& d, int current_year);

}  // namespace zc::server::demo
