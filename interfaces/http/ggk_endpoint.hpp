#pragma once
// POST /ggk0310/OntvangAsynchroon: the SOAP 1.1 endpoint of ggk0310_OntvangAsynchroon.wsdl where
// the GGk delivers ggk_Di01, ggk_Du01 and Fo01 (issue 16; interfaces/iwmo/chain/ggk_receiver.hpp).
// Outside the JSON API's route table: every answer is SOAP (Bv03, or a Fault with a Fo03), also
// for a wrong method or a body over the envelope's 25 MB. The caller is told by the subject
// serialNumber of its verified TLS client certificate (the GGk's OIN).
#include <Poco/Net/HTTPRequestHandler.h>

#include "contracting/kernel/request_context.hpp"
#include "interfaces/mysql/connection_pool.hpp"

namespace zc::security {
class ClientCertificateCheck;
}

namespace zc::http {

class GgkHandler : public Poco::Net::HTTPRequestHandler {
  public:
    GgkHandler(db::ConnectionPool& pool, const Clock& clock, const app::AppConfig& config,
               security::ClientCertificateCheck& certificates)
        : pool_(pool), clock_(clock), config_(config), certificates_(certificates) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override;

  private:
    db::ConnectionPool& pool_;
    const Clock& clock_;
    const app::AppConfig& config_;
    security::ClientCertificateCheck& certificates_;
};

}  // namespace zc::http
