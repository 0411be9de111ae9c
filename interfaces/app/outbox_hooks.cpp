#include "outbox_hooks.hpp"

namespace zc::app {

// Placeholder until the iWmo message layer lands: nothing is queued yet.
void onAllocationsChanged(RequestContext&, std::int64_t, std::int64_t) {}

}  // namespace zc::app
