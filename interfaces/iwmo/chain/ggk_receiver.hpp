#pragma once
// The receiving side of ggk0310_OntvangAsynchroon.wsdl (issue 16): the GGk delivers a ggk_Di01
// (a provider's message: WMO305, 307, 315, 317, 323), a ggk_Du01 (a provider's retour: WMO302,
// 320, answering our Di01) or a StUF Fo01 (the chain could not deliver what we sent). Every
// delivery is answered synchronously: StUF Bv03 (received), or a SOAP Fault with a Fo03 when the
// envelope itself is refused (not the GGk's certificate, not valid, not for us) or cannot be
// taken now (the GGk delivers it again). The payload goes through the same intake as on the
// direct path; its retour goes back as a ggk_Du01, and a payload that cannot be processed gets
// a Fo01, both through the durable outbox. Exactly once: a second delivery of an envelope (same
// zender and referentienummer) changes nothing and is answered Bv03 again.
#include <string>
#include <string_view>

#include "contracting/kernel/request_context.hpp"

namespace zc::iwmo {

struct GgkHttpAnswer {
    int status = 200;  // 200 Bv03, 500 SOAP Fault (SOAP 1.1)
    std::string body;  // text/xml
};

// `client_serial`: the subject serialNumber of the verified TLS client certificate ("" when
// there is none): it must be the configured OIN of the GGk. Never throws for bad input.
GgkHttpAnswer receiveFromGgk(app::RequestContext& ctx, const std::string& client_serial,
                             std::string_view soap_text);

}  // namespace zc::iwmo
