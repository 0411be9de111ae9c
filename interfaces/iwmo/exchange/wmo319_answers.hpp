#pragma once
// The message layer's side of the request queue's RequestAnswers port: each answer queues a
// WMO319 (VerzoekAntwoord) for the provider that asked, in the caller's transaction.
#include "contracting/app/allocation_requests.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::iwmo {

class Wmo319Answers final : public contracting::RequestAnswers {
  public:
    explicit Wmo319Answers(app::RequestContext& ctx) : ctx_(ctx) {}
    // Queues the WMO319 answering `request` ("1" afgewezen with its reden, "2" in onderzoek).
    void answer(const contracting::RequestRow& request, const std::string& antwoord,
                const std::string& reden) override;

  private:
    app::RequestContext& ctx_;
};

}  // namespace zc::iwmo
