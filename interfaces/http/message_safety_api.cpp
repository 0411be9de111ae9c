#include "message_safety_api.hpp"

#include "contracting/app/message_safety.hpp"
#include "contracting/kernel/errors.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

constexpr std::size_t kMaxReasonLength = 500;

}  // namespace

ApiResponse setMessageSafety(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes) {
    contracting::MessageSafetyChange change;
    change.client_id = req.pathId("id");
    if (!req.body->has("withhold")) {
        throw ValidationError("MISSING_FIELD", "Say whether messages are withheld (withhold).",
                              "withhold");
    }
    change.withhold = optionalBool(req.body, "withhold", false);
    change.reason = optionalString(req.body, "reason", kMaxReasonLength);
    contracting::setMessageSafety(ctx, change, changes);
    auto out = newObject();
    out->set("client_id", change.client_id);
    out->set("messages_withheld", change.withhold);
    return ApiResponse(200, out);
}

}  // namespace zc::http
