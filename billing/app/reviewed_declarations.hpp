#pragma once
// The port through which billing announces that a declaration which waited for its reviews is
// answered now (the last review decided, or its answer's due date came): a WMO323's WMO325 must
// go out. Billing owns the port and calls it inside its transaction; the message layer
// implements it (it builds the WMO325 from what is stored and queues it).
#include <cstdint>

namespace zc::billing {

class ReviewedDeclarationsPort {
  public:
    virtual ~ReviewedDeclarationsPort() = default;
    // The declaration is answered; nothing happens for one that did not come as a WMO323.
    virtual void declarationAnswered(std::int64_t declaration_id) = 0;
};

}  // namespace zc::billing
