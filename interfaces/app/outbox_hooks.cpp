#include "outbox_hooks.hpp"

#include <algorithm>

#include "messages.hpp"

namespace zc::app {
namespace {

thread_local Wmo301Batch* current_batch = nullptr;

}  // namespace

void onAllocationsChanged(RequestContext& ctx, std::int64_t client_id, std::int64_t provider_id) {
    if (current_batch) {
        current_batch->note(client_id, provider_id);
        return;
    }
    queueWmo301(ctx, client_id, provider_id);
}

Wmo301Batch::Wmo301Batch() : previous_(current_batch) { current_batch = this; }

Wmo301Batch::~Wmo301Batch() { current_batch = previous_; }

void Wmo301Batch::note(std::int64_t client_id, std::int64_t provider_id) {
    const std::pair<std::int64_t, std::int64_t> p{client_id, provider_id};
    if (std::find(pairs_.begin(), pairs_.end(), p) == pairs_.end()) pairs_.push_back(p);
}

void Wmo301Batch::flush(RequestContext& ctx) {
    current_batch = previous_;
    const auto pairs = std::move(pairs_);
    pairs_.clear();
    for (const auto& [client_id, provider_id] : pairs) {
        onAllocationsChanged(ctx, client_id, provider_id);
    }
    current_batch = this;
}

}  // namespace zc::app
