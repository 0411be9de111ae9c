#include "clients_api.hpp"

#include "contracting/app/access_decisions.hpp"
#include "contracting/app/clients.hpp"
#include "contracting/kernel/ascii.hpp"
#include "contracting/kernel/bsn.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
#include "contracting/kernel/utf8.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "invoicing/app/budget_figures.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

using contracting::Financing;

constexpr std::int64_t kMaxDecisionNumber = 999'999'999;
constexpr std::size_t kMaxGrantedProducts = 50;
constexpr std::size_t kPostcodeLength = 6;  // "1234AB"

// Dutch postcode "1234AB" (a space between is accepted and removed; letters upper-cased).
std::string parsePostcode(const std::string& text) {
    std::string pc;
    for (char c : text) {
        if (c == ' ') continue;
        pc += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (pc.empty()) return pc;
    const bool ok = pc.size() == kPostcodeLength && pc[0] >= '1' && pc[0] <= '9' &&
                    ascii::allDigits(std::string_view(pc).substr(0, 4)) && ascii::isUpper(pc[4]) &&
                    ascii::isUpper(pc[5]);
    if (!ok) {
        throw ValidationError("INVALID_POSTCODE",
                              "A postcode is four digits and two letters (iWmo rule CS089).",
                              "postcode");
    }
    return pc;
}

// The address must give a WMO301 Contact that passes the official iWmo rules (see
// iwmo::addressProblem): 400 INVALID_ADDRESS naming the rule and the field otherwise.
void checkAddress(const std::string& street, const std::string& house_number,
                  const std::string& postcode, const std::string& city) {
    if (const auto problem = iwmo::addressProblem(street, house_number, postcode, city)) {
        throw ValidationError("INVALID_ADDRESS", problem->message, problem->field);
    }
}

// Voorletters in iWmo are 1 to 6 letters; dots, spaces and hyphens are left out ("H.J." = HJ).
std::string parseInitials(const std::string& text) {
    std::size_t letters = 0;
    bool ok = true;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '.' || c == ' ' || c == '-') {
            ++i;
            continue;
        }
        const auto cp = decodeUtf8(text, i);
        // The XSD's letters: a-z, A-Z and the Latin letters from U+00C0 to U+1EF3 (À-ỳ).
        const bool letter = cp && ((*cp >= 'a' && *cp <= 'z') || (*cp >= 'A' && *cp <= 'Z') ||
                                   (*cp >= 0xC0 && *cp <= 0x1EF3));
        if (!letter) {
            ok = false;
            break;
        }
        ++letters;
    }
    if (!ok || letters > 6) {
        throw ValidationError("INVALID_INITIALS",
                              "Initials are at most 6 letters, e.g. H.J. (iWmo Voorletters).",
                              "initials");
    }
    return text;
}

std::string parseGender(const std::string& text) {
    if (text != "0" && text != "1" && text != "2") {
        throw ValidationError("INVALID_GENDER",
                              "Gender is the iWmo Geslacht code: 0 unknown, 1 male, 2 female.",
                              "gender");
    }
    return text;
}

Poco::JSON::Object::Ptr clientJson(const contracting::ClientRecord& c) {
    auto o = newObject();
    o->set("id", c.id);
    if (c.bsn) o->set("bsn", *c.bsn);
    o->set("bsn_masked", c.bsn_masked);
    o->set("surname", c.surname);
    o->set("prefix", c.prefix);
    o->set("given_names", c.given_names);
    o->set("initials", c.initials);
    o->set("birth_date", c.birth_date);
    o->set("gender", c.gender);
    o->set("street", c.street);
    o->set("house_number", c.house_number);
    o->set("postcode", c.postcode);
    o->set("city", c.city);
    o->set("municipality_code", c.municipality_code);
    setOptionalInt(o, "district_id", c.district_id);
    setOptionalInt(o, "team_id", c.team_id);
    o->set("team_name", c.team_name);
    o->set("created_at", c.created_at);
    // OP003: whether messages about the client are withheld; why, only for access officers.
    o->set("messages_withheld", c.messages_withheld);
    if (c.messages_withheld_since) {
        o->set("messages_withheld_since", *c.messages_withheld_since);
        o->set("messages_withheld_reason", c.messages_withheld_reason.value_or(""));
    }
    return o;
}

contracting::NewClient newClient(RequestContext& ctx, const ApiRequest& req) {
    contracting::NewClient c;
    c.bsn = Bsn::parse(requiredString(req.body, "bsn", 9), "bsn").str();
    c.surname = requiredString(req.body, "surname");
    c.prefix = optionalString(req.body, "prefix", 10).value_or("");
    c.given_names = optionalString(req.body, "given_names").value_or("");
    c.initials = parseInitials(optionalString(req.body, "initials", 20).value_or(""));
    c.birth_date = requiredDate(req.body, "birth_date");
    if (c.birth_date > ctx.today()) {
        throw ValidationError("INVALID_DATE", "The birth date lies in the future.", "birth_date");
    }
    c.gender = parseGender(requiredString(req.body, "gender", 1));
    c.street = optionalString(req.body, "street").value_or("");
    c.house_number = optionalString(req.body, "house_number", 20).value_or("");
    c.postcode = parsePostcode(optionalString(req.body, "postcode", 7).value_or(""));
    c.city = optionalString(req.body, "city").value_or("");
    checkAddress(c.street, c.house_number, c.postcode, c.city);
    c.municipality_code = MunicipalityCode::parse(requiredString(req.body, "municipality_code", 4),
                                                  "municipality_code")
                              .str();
    c.district_id = optionalInt(req.body, "district_id");
    c.team_id = optionalInt(req.body, "team_id");
    return c;
}

}  // namespace

ApiResponse createClient(RequestContext& ctx, const ApiRequest& req) {
    return ApiResponse(201, clientJson(contracting::createClient(ctx, newClient(ctx, req))));
}

ApiResponse listClients(RequestContext& ctx, const ApiRequest& req) {
    contracting::ClientQuery q;
    const std::string bsn_text = req.queryValue("bsn");
    if (!bsn_text.empty()) {
        q.bsn = Bsn::parse(bsn_text, "bsn").str();
    } else {
        q.municipality = req.queryValue("municipality");
        q.list = listQueryFrom(req.query);
    }
    const auto page = contracting::listClients(ctx, q);
    auto out = newArray();
    for (const auto& c : page.items) out->add(clientJson(c));
    return pagedAnswer(out, page.total);
}

ApiResponse getClient(RequestContext& ctx, const ApiRequest& req) {
    return ApiResponse(200, clientJson(contracting::getClient(ctx, req.pathId("id"))));
}

ApiResponse patchClient(RequestContext& ctx, const ApiRequest& req) {
    contracting::ClientPlaceChange change;
    change.id = req.pathId("id");
    // A field that is present changes (null clears it); an absent field stays as it is.
    change.set_district = req.body->has("district_id");
    change.district_id = optionalInt(req.body, "district_id");
    change.set_team = req.body->has("team_id");
    change.team_id = optionalInt(req.body, "team_id");
    if (!change.set_district && !change.set_team) {
        throw ValidationError("MISSING_FIELD", "Give team_id or district_id (null clears it).",
                              "team_id");
    }
    invoicing::ClientFigures figures(ctx);  // contracting's ClientMovedPort, invoicing's side
    return ApiResponse(200, clientJson(contracting::changeClientPlace(ctx, figures, change)));
}

namespace {

contracting::GrantInput parseGrant(Poco::JSON::Object::Ptr o) {
    contracting::GrantInput g;
    g.product_code = ProductCode::parse(requiredString(o, "product_code", 5), "product_code").str();
    g.cap.volume = requiredInt(o, "volume");
    if (g.cap.volume <= 0) {
        throw ValidationError("INVALID_VOLUME", "The volume must be a positive whole number.",
                              "volume");
    }
    g.cap.unit = parseUnit(requiredString(o, "unit", 16), "unit");
    g.cap.frequency = parseFrequency(requiredString(o, "frequency", 8), "frequency");
    g.financing = contracting::parseFinancing(requiredString(o, "financing", 3), "financing");
    const auto budget = optionalInt(o, "pgb_budget_cents");
    if (g.financing == Financing::Pgb) {
        if (!budget) {
            throw ValidationError("MISSING_FIELD", "A PGB grant needs pgb_budget_cents.",
                                  "pgb_budget_cents");
        }
        if (*budget <= 0) {
            throw ValidationError("INVALID_AMOUNT", "The PGB budget must be positive.",
                                  "pgb_budget_cents");
        }
        g.pgb_budget = Money::fromCents(*budget);
    } else if (budget) {
        throw ValidationError("INVALID_FIELD", "Only a PGB grant has pgb_budget_cents.",
                              "pgb_budget_cents");
    }
    return g;
}

contracting::NewDecision newDecision(const ApiRequest& req) {
    contracting::NewDecision d;
    d.client_id = req.pathId("id");
    d.number = requiredInt(req.body, "number");
    if (d.number < 1 || d.number > kMaxDecisionNumber) {
        throw ValidationError("INVALID_DECISION_NUMBER",
                              "The decision number is a whole number from 1 to 999999999.",
                              "number");
    }
    d.decision_date = requiredDate(req.body, "decision_date");
    d.validity = Period{requiredDate(req.body, "valid_from"), optionalDate(req.body, "valid_to")};
    if (!d.validity.isValid()) {
        throw ValidationError("INVALID_PERIOD", "valid_to (exclusive) must lie after valid_from.",
                              "valid_to");
    }
    const auto items = requiredArray(req.body, "products", kMaxGrantedProducts);
    if (items->size() == 0) {
        throw ValidationError("MISSING_FIELD", "Grant at least one product.", "products");
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
        d.grants.push_back(parseGrant(objectAt(items, i, "products")));
    }
    return d;
}

Poco::JSON::Object::Ptr decisionJson(const contracting::DecisionRecord& d) {
    auto products = newArray();
    for (const auto& g : d.products) {
        auto o = newObject();
        o->set("id", g.id);
        o->set("product_code", g.product_code);
        o->set("volume", g.volume);
        o->set("unit", g.unit);
        o->set("frequency", g.frequency);
        o->set("iwmo_frequency", g.iwmo_frequency);
        o->set("financing", g.financing);
        setOptionalInt(o, "pgb_budget_cents", g.pgb_budget_cents);
        o->set("paying_municipality_code", g.paying_municipality_code);
        products->add(o);
    }
    auto o = newObject();
    o->set("id", d.id);
    o->set("client_id", d.client_id);
    o->set("number", d.number);
    o->set("decision_date", d.decision_date);
    o->set("valid_from", d.valid_from);
    setOptional(o, "valid_to", d.valid_to);
    o->set("products", products);
    return o;
}

}  // namespace

ApiResponse createDecision(RequestContext& ctx, const ApiRequest& req) {
    return ApiResponse(201, decisionJson(contracting::createDecision(ctx, newDecision(req))));
}

ApiResponse listDecisions(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list = contracting::listDecisions(ctx, req.pathId("id"), page.limit, page.offset);
    auto out = newArray();
    for (const auto& d : list.items) out->add(decisionJson(d));
    return pagedAnswer(out, list.total);
}

}  // namespace zc::http
