#pragma once
// Queueing an outgoing iWmo message (WMO301, WMO319, WMO325) for a provider: nothing
// non-conforming reaches the outbox. The message is checked against our own XSDs and for a
// byte-order mark, then queued by contracting's outbox use case (row and audit row) in the
// caller's transaction.
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/request_context.hpp"
#include "interfaces/security/scratch_file.hpp"

namespace zc::iwmo {

// Queues the message for the provider, sent by `municipality` (the Afzender in its header);
// retour due in 3 working days. Returns the outbox row's id. A message that fails the check is
// a defect of ours: std::logic_error, nothing queued. When the provider's path is the GGk chain
// (issue 16) the message also gets its envelope in the chain's outbox; `answers_inbox` is the
// received message it answers (a WMO325's WMO323).
std::int64_t queueOutgoing(app::RequestContext& ctx, std::int64_t provider_id,
                           const std::string& municipality, const std::string& code,
                           const std::string& identificatie, const std::string& xml,
                           std::optional<std::int64_t> client_id,
                           std::optional<std::int64_t> request_id,
                           std::optional<std::int64_t> answers_inbox = std::nullopt);
// The same for a message in a file (a WMO325 of any size): checked on a second thread while it is
// sealed and stored, so a failure throws after its row is written in the caller's transaction,
// which the exception keeps from committing.
std::int64_t queueOutgoing(app::RequestContext& ctx, std::int64_t provider_id,
                           const std::string& municipality, const std::string& code,
                           const std::string& identificatie, const security::ScratchFile& xml,
                           std::optional<std::int64_t> client_id,
                           std::optional<std::int64_t> request_id,
                           std::optional<std::int64_t> answers_inbox = std::nullopt);

}  // namespace zc::iwmo
