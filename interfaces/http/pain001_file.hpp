#pragma once
// The approval's PaymentFileWriter (invoicing/app/payment_run_approval.hpp): the order as a
// pain.001.001.03 (interfaces/iso20022), which must satisfy our XSD before it is stored.
#include "invoicing/app/payment_run_approval.hpp"

namespace zc::http {

class Pain001File final : public invoicing::PaymentFileWriter {
  public:
    // The file and its SHA-256; std::runtime_error when it does not satisfy the XSD.
    invoicing::PaymentFile write(const invoicing::PaymentOrder& order) override;
};

}  // namespace zc::http
