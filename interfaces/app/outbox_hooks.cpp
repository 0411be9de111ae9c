#include "outbox_hooks.hpp"

#include "messages.hpp"

namespace zc::app {

void onAllocationsChanged(RequestContext& ctx, std::int64_t client_id, std::int64_t provider_id) {
    queueWmo301(ctx, client_id, provider_id);
}

}  // namespace zc::app
