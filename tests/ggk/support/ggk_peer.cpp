// The GGk double's client half: the envelopes the GGk delivers to the municipality (Di01 and
// Du01 from providers, Fo01 from the chain), posted to our server with the GGk's certificate.
#include <Poco/URI.h>

#include <cstdlib>
#include <filesystem>

#include "interfaces/iwmo/ggk_envelope.hpp"
#include "tests/ggk/support/ggk_double.hpp"
#include "tests/ggk/support/ggk_double_impl.hpp"
#include "tests/support/https_client.hpp"

namespace zc::test {
namespace {

// The body element of a document we wrote (without its XML declaration).
std::string bodyOf(const std::string& document) {
    return document.substr(document.find("?>\n") + 3);
}

iwmo::GgkEnvelope fromProvider(const std::string& payload, const std::string& functie,
                               const std::string& from_agb, const std::string& to_municipality) {
    iwmo::GgkEnvelope e;
    e.zender = {from_agb, "VECOZOWebservice", ""};
    e.ontvanger = {to_municipality, "GGk", ""};
    e.referentienummer = iwmo::newReferentienummer();
    e.tijdstip = iwmo::ggkTijdstip(std::chrono::system_clock::now());
    e.functie = functie;
    e.applicatie_versie = "0001";
    e.applicatie_subversie = "0000";
    e.functie_versie = "0003";  // iWmo 3.2
    e.functie_subversie = "0002";
    e.payload = payload;
    return e;
}

// Who in the chain sends a Fo01 with `code`: "IB", "VECOZO", "RINIS"; else the GGk itself.
std::string chainSender(const std::string& code, const std::string& ggk_oin) {
    for (const auto& c : iwmo::chainErrorCodes()) {
        if (c.code != code) continue;
        if (c.sender == "IB" || c.sender == "VECOZO" || c.sender == "RINIS") return c.sender;
    }
    return ggk_oin;
}

const IssuedCertificate& ggkCertificate(GgkDouble::Impl& d) {
    std::lock_guard lock(d.certificate_mutex);
    if (!d.certificate) {
        const std::string dir = d.options.tls_dir + "/ggk-double";
        std::filesystem::create_directories(dir);
        d.certificate = issueClientCertificate(d.options.tls_dir, dir, "ggk", d.options.oin);
    }
    return *d.certificate;
}

HttpsClient serverClient(const GgkDoubleOptions& o) {
    if (o.server_url.empty()) {
        const ServerEnv env = serverEnv();
        const Poco::URI uri(env.url);
        return HttpsClient(uri.getHost(), uri.getPort(), env.ca_file);
    }
    const Poco::URI uri(o.server_url);
    return HttpsClient(uri.getHost(), uri.getPort(),
                       o.server_ca.empty() ? serverEnv().ca_file : o.server_ca);
}

// The received envelope whose referentienummer is `reference`, if any.
std::optional<iwmo::GgkEnvelope> receivedEnvelope(const std::vector<ReceivedEnvelope>& all,
                                                  const std::string& reference) {
    for (const auto& r : all) {
        if (r.message && r.message->envelope && r.message->envelope->referentienummer == reference)
            return r.message->envelope;
    }
    return std::nullopt;
}

}  // namespace

GgkDoubleOptions GgkDoubleOptions::fromTestEnv() {
    GgkDoubleOptions o;
    const std::string dir = testEnvDir();
    std::map<std::string, std::string> env;
    if (std::filesystem::exists(dir + "/server.env")) env = readEnvFile(dir + "/server.env");
    o.port = env.count("ZC_GGK_DOUBLE_PORT") ? std::stoi(env.at("ZC_GGK_DOUBLE_PORT"))
                                             : kDefaultGgkDoublePort;
    o.oin = env.count("ZC_GGK_OIN") ? env.at("ZC_GGK_OIN") : kDefaultGgkOin;
    o.tls_dir = dir + "/tls";
    if (const char* artifacts = std::getenv("ZC_ARTIFACTS"); artifacts && *artifacts)
        o.artifacts_dir = std::string(artifacts) + "/ggk";
    return o;
}

PostResult GgkDouble::post(const std::string& soap_action, const std::string& soap_text) {
    const IssuedCertificate& certificate = ggkCertificate(*impl_);
    const auto sent = iwmo::readGgkSoap(impl_->schemas, soap_text);
    impl_->artifacts.keep(impl_->artifacts.next(), "out", sent.message, soap_text);
    const Response response =
        serverClient(impl_->options)
            .withClientCertificate(certificate.cert_file, certificate.key_file)
            .request("POST", kGgkEndpointPath, soap_text,
                     {{"Content-Type", "text/xml; charset=utf-8"},
                      {"SOAPAction", "\"" + soap_action + "\""}});
    PostResult out;
    out.status = response.status;
    out.body = response.text;
    const auto answer = iwmo::readGgkSoap(impl_->schemas, response.text);
    if (answer.message && (answer.message->kind == iwmo::GgkSoapKind::Bv03 ||
                           answer.message->kind == iwmo::GgkSoapKind::Fo03))
        out.answer = answer.message;
    return out;
}

BuiltEnvelope providerDi01(const std::string& payload, const std::string& functie,
                           const std::string& from_agb, const std::string& to_municipality) {
    const auto e = fromProvider(payload, functie, from_agb, to_municipality);
    return {iwmo::soapEnvelope(bodyOf(iwmo::writeGgkDi01(e))), e.referentienummer};
}

BuiltEnvelope providerDu01(const std::string& payload, const std::string& functie,
                           const std::string& from_agb, const std::string& to_municipality,
                           const std::string& cross_refnummer) {
    auto e = fromProvider(payload, functie, from_agb, to_municipality);
    e.cross_refnummer = cross_refnummer;
    return {iwmo::soapEnvelope(bodyOf(iwmo::writeGgkDu01(e))), e.referentienummer};
}

BuiltEnvelope GgkDouble::di01(const std::string& payload, const std::string& functie,
                              const std::string& from_agb,
                              const std::string& to_municipality) const {
    return providerDi01(payload, functie, from_agb, to_municipality);
}

BuiltEnvelope GgkDouble::du01(const std::string& payload, const std::string& functie,
                              const std::string& from_agb, const std::string& to_municipality,
                              const std::string& cross_refnummer) const {
    return providerDu01(payload, functie, from_agb, to_municipality, cross_refnummer);
}

BuiltEnvelope GgkDouble::fo01(const std::string& cross_refnummer, const std::string& code,
                              const std::string& text, const std::string& to_municipality) const {
    // Addressed to the sender of the envelope it is about when the double received it (its
    // application and the details the specification asks for), else to the municipality.
    const auto about = receivedEnvelope(received(), cross_refnummer);
    iwmo::StufAnswerHeader h{
        {chainSender(code, impl_->options.oin), "GGk", ""},
        about ? about->zender : iwmo::GgkSystem{to_municipality, "zorgcontract", ""},
        iwmo::newReferentienummer(),
        iwmo::ggkTijdstip(std::chrono::system_clock::now()),
        cross_refnummer};
    const std::string details =
        about ? about->functie + "-" + about->applicatie_versie + about->applicatie_subversie : "";
    return {iwmo::soapEnvelope(iwmo::stufFo01(h, {code, true, text, details})), h.referentienummer};
}

}  // namespace zc::test
