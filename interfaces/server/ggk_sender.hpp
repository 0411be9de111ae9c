#pragma once
// While the service runs and the chain is configured (ggk.url), a thread of its own delivers
// the chain's durable outbox to the GGk (interfaces/iwmo/chain/ggk_delivery.hpp) every
// ggk.poll_ms, on a connection of its own. At its start it ends the leases a killed run left.
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/mysql/connection.hpp"
#include "periodic_thread.hpp"

namespace zc::server {

class GgkSender {
  public:
    GgkSender(db::DbConfig db, const app::AppConfig& config, int poll_ms, const Clock& clock);

  private:
    void round(bool first);

    db::DbConfig db_;
    const app::AppConfig& config_;
    const Clock& clock_;
    PeriodicThread thread_;  // last: started once the members above exist
};

}  // namespace zc::server
