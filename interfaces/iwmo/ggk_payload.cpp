#include "interfaces/iwmo/ggk_payload.hpp"

#include <regex>

namespace zc::iwmo {
namespace {

constexpr std::size_t kHeadBytes = 8192;

// The text of the first element with this local name (any prefix), "" when absent.
std::string firstText(const std::string& head, const std::string& local) {
    const std::regex re("<(?:[A-Za-z_][A-Za-z0-9_.-]*:)?" + local + ">\\s*([^<]*?)\\s*</");
    std::smatch m;
    return std::regex_search(head, m, re) ? m[1].str() : std::string();
}

}  // namespace

std::optional<PayloadHead> sniffPayloadHead(std::string_view xml) {
    const std::string head(xml.substr(0, kHeadBytes));
    static const std::regex ns_re("http://www\\.istandaarden\\.nl/iwmo/3_2/(wmo[0-9]{3})/schema");
    std::smatch m;
    if (!std::regex_search(head, m, ns_re)) return std::nullopt;
    PayloadHead h;
    h.kind = kindByNamespace(m[0].str());
    if (!h.kind) return std::nullopt;
    const bool retour = h.kind->name == "wmo302" || h.kind->name == "wmo320";
    const std::string afzender = firstText(head, "Afzender");
    const std::string ontvanger = firstText(head, "Ontvanger");
    h.provider_agb = retour ? ontvanger : afzender;
    h.municipality = retour ? afzender : ontvanger;
    const auto id = head.find("BerichtIdentificatie");
    h.identificatie = id == std::string::npos ? "" : firstText(head.substr(id), "Identificatie");
    if (h.provider_agb.empty() || h.municipality.empty() || h.identificatie.empty()) {
        return std::nullopt;
    }
    return h;
}

std::string functieOf(const MessageKind& kind) { return "WMO" + kind.name.substr(3); }

}  // namespace zc::iwmo
