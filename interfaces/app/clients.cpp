#include "clients.hpp"

#include <stdexcept>

#include "care_queries.hpp"
#include "context.hpp"
#include "contracting/domain/allocation_rules.hpp"
#include "contracting/domain/unit_frequency.hpp"
#include "contracting/kernel/ascii.hpp"
#include "contracting/kernel/bsn.hpp"
#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
#include "contracting/kernel/utf8.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/bsn_protection.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::app {
namespace {

using contracting::Financing;
using zc::Cap;

constexpr std::int64_t kMaxDecisionNumber = 999'999'999;
constexpr std::size_t kMaxGrantedProducts = 50;
constexpr std::size_t kPostcodeLength = 6;  // "1234AB"

constexpr const char* kClientColumns =
    "SELECT id, bsn_enc, surname, prefix, given_names, initials, birth_date, gender, street,"
    " house_number, postcode, city, municipality_code, district_id, created_at,"
    " messages_withheld_since, messages_withheld_reason FROM clients";

void requireKeys(const AppConfig& config) {
    if (config.bsn_key.size() != security::kAesKeyBytes || config.bsn_hmac_key.empty()) {
        throw std::runtime_error("the BSN keys are not configured (security.bsn_key_file)");
    }
}

std::string decryptBsn(const AppConfig& config, const std::string& stored) {
    requireKeys(config);
    return security::decryptAesGcm(config.bsn_key, stored);
}

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

// The answer for a client: the full BSN only for access officers.
Poco::JSON::Object::Ptr clientJson(const AppConfig& config, const db::Row& r, Role viewer) {
    auto o = newObject();
    const std::string bsn = decryptBsn(config, r.str(1));
    o->set("id", r.i64(0));
    if (viewer == Role::AccessOfficer) o->set("bsn", bsn);
    o->set("bsn_masked", maskBsn(bsn));
    o->set("surname", r.str(2));
    o->set("prefix", r.str(3));
    o->set("given_names", r.str(4));
    o->set("initials", r.str(5));
    o->set("birth_date", r.str(6));
    o->set("gender", r.str(7));
    o->set("street", r.str(8));
    o->set("house_number", r.str(9));
    o->set("postcode", r.str(10));
    o->set("city", r.str(11));
    o->set("municipality_code", r.str(12));
    setOptionalInt(o, "district_id", r.optI64(13));
    o->set("created_at", r.str(14));
    // OP003: whether messages about the client are withheld; why, only for access officers.
    o->set("messages_withheld", !r.isNull(15));
    if (!r.isNull(15) && viewer == Role::AccessOfficer) {
        o->set("messages_withheld_since", r.str(15));
        o->set("messages_withheld_reason", r.str(16));
    }
    return o;
}

// Appends one "client.read" row per client shown; the caller commits.
void auditReads(RequestContext& ctx, const std::vector<std::int64_t>& ids, const char* what) {
    for (auto id : ids) {
        appendAudit(ctx, {"client.read", "client", std::to_string(id), "ok", std::nullopt,
                          std::string("{\"read\":\"") + what + "\"}"});
    }
}

std::int64_t requireClient(RequestContext& ctx, std::int64_t id, bool lock) {
    auto r = ctx.db.queryOne(
        std::string("SELECT id FROM clients WHERE id = ?") + (lock ? " FOR UPDATE" : ""), {id});
    if (!r) notFound("client " + std::to_string(id));
    return id;
}

void checkDistrict(RequestContext& ctx, std::optional<std::int64_t> district,
                   const std::string& municipality) {
    if (!district) return;
    auto r = ctx.db.queryOne("SELECT municipality_code FROM districts WHERE id = ?", {*district});
    if (!r || r->str(0) != municipality) {
        throw ValidationError("UNKNOWN_DISTRICT",
                              "District " + std::to_string(*district) +
                                  " is not a district of municipality " + municipality + ".",
                              "district_id");
    }
}

}  // namespace

std::optional<ClientView> loadClient(db::Connection& db, const AppConfig& config, std::int64_t id) {
    auto r = db.queryOne(std::string(kClientColumns) + " WHERE id = ?", {id});
    if (!r) return std::nullopt;
    ClientView v;
    v.id = r->i64(0);
    v.bsn = decryptBsn(config, r->str(1));
    v.surname = r->str(2);
    v.prefix = r->str(3);
    v.given_names = r->str(4);
    v.initials = r->str(5);
    v.birth_date = parseDate(r->str(6));
    v.gender = r->str(7);
    v.street = r->str(8);
    v.house_number = r->str(9);
    v.postcode = r->str(10);
    v.city = r->str(11);
    v.municipality_code = r->str(12);
    return v;
}

std::optional<std::int64_t> findClientIdByBsn(db::Connection& db, const AppConfig& config,
                                              const std::string& bsn) {
    if (!Bsn::isValid(bsn)) return std::nullopt;
    auto r = db.queryOne("SELECT id FROM clients WHERE bsn_hash = ?",
                         {security::bsnLookupHash(config, bsn)});
    if (!r) return std::nullopt;
    return r->i64(0);
}

ApiResponse createClient(RequestContext& ctx, const ApiRequest& req) {
    const Bsn bsn = Bsn::parse(requiredString(req.body, "bsn", 9), "bsn");
    const auto surname = requiredString(req.body, "surname");
    const auto prefix = optionalString(req.body, "prefix", 10).value_or("");
    const auto given_names = optionalString(req.body, "given_names").value_or("");
    const auto initials = parseInitials(optionalString(req.body, "initials", 20).value_or(""));
    const Date birth_date = requiredDate(req.body, "birth_date");
    if (birth_date > ctx.today()) {
        throw ValidationError("INVALID_DATE", "The birth date lies in the future.", "birth_date");
    }
    const auto gender = parseGender(requiredString(req.body, "gender", 1));
    const auto street = optionalString(req.body, "street").value_or("");
    const auto house_number = optionalString(req.body, "house_number", 20).value_or("");
    const auto postcode = parsePostcode(optionalString(req.body, "postcode", 7).value_or(""));
    const auto city = optionalString(req.body, "city").value_or("");
    checkAddress(street, house_number, postcode, city);
    const auto municipality =
        MunicipalityCode::parse(requiredString(req.body, "municipality_code", 4),
                                "municipality_code")
            .str();
    const auto district = optionalInt(req.body, "district_id");
    const std::string hash = security::bsnLookupHash(ctx.config, bsn.str());
    db::Transaction tx(ctx.db);
    if (!ctx.db.queryOne("SELECT code FROM municipalities WHERE code = ?", {municipality})) {
        throw ValidationError("UNKNOWN_MUNICIPALITY",
                              "Municipality " + municipality + " is not known.",
                              "municipality_code");
    }
    checkDistrict(ctx, district, municipality);
    if (ctx.db.queryOne("SELECT id FROM clients WHERE bsn_hash = ?", {hash})) {
        throw ValidationError("DUPLICATE_CLIENT",
                              "A client with BSN " + bsn.masked() + " is recorded already.", "bsn");
    }
    ctx.db.execute(
        "INSERT INTO clients (bsn_hash, bsn_enc, surname, prefix, given_names, initials,"
        " birth_date, gender, street, house_number, postcode, city, municipality_code,"
        " district_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {hash, security::encryptAesGcm(ctx.config.bsn_key, bsn.str()), surname, prefix, given_names,
         initials, formatDate(birth_date), gender, street, house_number, postcode, city,
         municipality, district ? db::Param(*district) : db::Param(nullptr), timestamp(ctx.clock)});
    const auto id = ctx.db.lastInsertId();
    // The creator typed the BSN; the answer and the audit trail carry only the masked form.
    auto out = clientJson(ctx.config,
                          *ctx.db.queryOne(std::string(kClientColumns) + " WHERE id = ?", {id}),
                          Role::Auditor);
    appendAudit(ctx,
                {"client.create", "client", std::to_string(id), "ok", std::nullopt, toJson(out)});
    tx.commit();
    return ApiResponse(201, out);
}

ApiResponse listClients(RequestContext& ctx, const ApiRequest& req) {
    const std::string bsn_text = req.queryValue("bsn");
    std::vector<db::Row> rows;
    db::Transaction tx(ctx.db);
    if (!bsn_text.empty()) {
        const Bsn bsn = Bsn::parse(bsn_text, "bsn");
        rows = ctx.db.query(std::string(kClientColumns) + " WHERE bsn_hash = ?",
                            {security::bsnLookupHash(ctx.config, bsn.str())});
    } else {
        const auto page = pageFrom(req.query);
        const std::string municipality = req.queryValue("municipality");
        rows = ctx.db.query(std::string(kClientColumns) +
                                " WHERE (? = '' OR municipality_code = ?) ORDER BY id"
                                " LIMIT ? OFFSET ?",
                            {municipality, municipality, page.limit, page.offset});
    }
    auto out = newArray();
    std::vector<std::int64_t> ids;
    // A list never carries a full BSN, not even for an access officer: it is read one client
    // at a time (GET /clients/{id}).
    for (const auto& r : rows) {
        out->add(clientJson(ctx.config, r, Role::Auditor));
        ids.push_back(r.i64(0));
    }
    auditReads(ctx, ids, bsn_text.empty() ? "list" : "bsn lookup");
    tx.commit();
    return ApiResponse(200, out);
}

ApiResponse getClient(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    db::Transaction tx(ctx.db);
    auto r = ctx.db.queryOne(std::string(kClientColumns) + " WHERE id = ?", {id});
    if (!r) notFound("client " + std::to_string(id));
    auto out = clientJson(ctx.config, *r, ctx.actor.role);
    auditReads(ctx, {id}, "record");
    tx.commit();
    return ApiResponse(200, out);
}

namespace {

struct Grant {
    std::string product_code;
    Cap cap;
    Financing financing = Financing::Zin;
    std::optional<Money> pgb_budget;
};

Grant parseGrant(Poco::JSON::Object::Ptr o) {
    Grant g;
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

// Product known, decided per client, in the product's own unit.
void checkGrantProduct(RequestContext& ctx, const Grant& g) {
    auto p = ctx.db.queryOne("SELECT unit, kind FROM products WHERE code = ?", {g.product_code});
    if (!p) {
        throw ValidationError("UNKNOWN_PRODUCT", "Product " + g.product_code + " is not known.",
                              "product_code");
    }
    if (p->str(1) == "general_provision") {
        throw ValidationError(
            "GENERAL_PROVISION",
            "Product " + g.product_code + " is a general provision; it needs no access decision.",
            "product_code");
    }
    if (p->str(0) != unitName(g.cap.unit)) {
        throw ValidationError("UNIT_MISMATCH",
                              "Product " + g.product_code + " is granted in " + p->str(0) + ".",
                              "unit");
    }
}

// A PGB may not cost more than the same care in kind at the contracted tariff, and may not
// overlap an allocation in kind of the same product.
void checkPgbGrant(RequestContext& ctx, std::int64_t client_id,
                   const std::vector<std::string>& municipalities, const Grant& g,
                   const Period& validity) {
    if (!validity.end && g.cap.frequency != Frequency::TotalInValidity) {
        throw ValidationError("END_DATE_REQUIRED",
                              "A PGB grant per day, week or month needs a decision with an end "
                              "date (valid_to) to compare its cost with care in kind.",
                              "valid_to");
    }
    const auto tariff = highestContractedTariff(ctx.db, municipalities, g.product_code,
                                                unitName(g.cap.unit), validity.begin);
    if (!tariff) {
        throw ValidationError("NO_TARIFF_TO_COMPARE",
                              "No active contract has a tariff for product " + g.product_code +
                                  " on " + formatDate(validity.begin) + " to compare the PGB with.",
                              "products");
    }
    contracting::checkPgbCost(*g.pgb_budget, zinCost(g.cap, validity, *tariff));
    contracting::checkPgbDoesNotOverlapAllocations(
        validity, currentAllocationPeriods(ctx.db, client_id, g.product_code));
}

Poco::JSON::Array::Ptr grantsJson(RequestContext& ctx, std::int64_t decision_id) {
    auto out = newArray();
    for (const auto& r : ctx.db.query(
             "SELECT id, product_code, volume, unit, frequency, financing, pgb_budget_cents"
             " FROM granted_products WHERE decision_id = ? ORDER BY id",
             {decision_id})) {
        auto o = newObject();
        o->set("id", r.i64(0));
        o->set("product_code", r.str(1));
        o->set("volume", r.i64(2));
        o->set("unit", r.str(3));
        o->set("frequency", r.str(4));
        o->set("iwmo_frequency", iwmoFrequencyCode(parseFrequency(r.str(4))));
        o->set("financing", r.str(5));
        setOptionalInt(o, "pgb_budget_cents", r.optI64(6));
        out->add(o);
    }
    return out;
}

Poco::JSON::Object::Ptr decisionJson(RequestContext& ctx, const db::Row& r) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("client_id", r.i64(1));
    o->set("number", r.i64(2));
    o->set("decision_date", r.str(3));
    o->set("valid_from", r.str(4));
    setOptional(o, "valid_to", r.opt(5));
    o->set("products", grantsJson(ctx, r.i64(0)));
    return o;
}

constexpr const char* kDecisionColumns =
    "SELECT id, client_id, number, decision_date, valid_from, valid_to FROM access_decisions";

}  // namespace

ApiResponse createDecision(RequestContext& ctx, const ApiRequest& req) {
    const auto client_id = req.pathId("id");
    const auto number = requiredInt(req.body, "number");
    if (number < 1 || number > kMaxDecisionNumber) {
        throw ValidationError("INVALID_DECISION_NUMBER",
                              "The decision number is a whole number from 1 to 999999999.",
                              "number");
    }
    const Date decision_date = requiredDate(req.body, "decision_date");
    const Period validity{requiredDate(req.body, "valid_from"), optionalDate(req.body, "valid_to")};
    if (!validity.isValid()) {
        throw ValidationError("INVALID_PERIOD", "valid_to (exclusive) must lie after valid_from.",
                              "valid_to");
    }
    const auto items = requiredArray(req.body, "products", kMaxGrantedProducts);
    if (items->size() == 0) {
        throw ValidationError("MISSING_FIELD", "Grant at least one product.", "products");
    }
    std::vector<Grant> grants;
    for (std::size_t i = 0; i < items->size(); ++i) {
        grants.push_back(parseGrant(objectAt(items, i, "products")));
    }
    db::Transaction tx(ctx.db);
    requireClient(ctx, client_id, true);
    if (ctx.db.queryOne("SELECT id FROM access_decisions WHERE number = ?", {number})) {
        throw ValidationError("DUPLICATE_DECISION",
                              "Decision number " + std::to_string(number) + " exists already.",
                              "number");
    }
    const auto municipality =
        ctx.db.queryOne("SELECT municipality_code FROM clients WHERE id = ?", {client_id})->str(0);
    const auto municipalities = contractingMunicipalities(ctx.db, municipality);
    for (const auto& g : grants) {
        checkGrantProduct(ctx, g);
        // CS338/CS343 and etmalen within calendar days, over the decision's validity.
        contracting::checkUnitAndFrequency(g.cap, validity);
        if (g.financing == Financing::Pgb) {
            checkPgbGrant(ctx, client_id, municipalities, g, validity);
        }
    }
    ctx.db.execute(
        "INSERT INTO access_decisions (client_id, number, decision_date, valid_from, valid_to,"
        " created_by, created_at) VALUES (?,?,?,?,?,?,?)",
        {client_id, number, formatDate(decision_date), formatDate(validity.begin),
         validity.end ? db::Param(formatDate(*validity.end)) : db::Param(nullptr), ctx.actor.name,
         timestamp(ctx.clock)});
    const auto id = ctx.db.lastInsertId();
    for (const auto& g : grants) {
        ctx.db.execute(
            "INSERT INTO granted_products (decision_id, product_code, volume, unit, frequency,"
            " financing, pgb_budget_cents) VALUES (?,?,?,?,?,?,?)",
            {id, g.product_code, g.cap.volume, unitName(g.cap.unit), frequencyName(g.cap.frequency),
             contracting::financingName(g.financing),
             g.pgb_budget ? db::Param(g.pgb_budget->cents()) : db::Param(nullptr)});
    }
    auto out =
        decisionJson(ctx, *ctx.db.queryOne(std::string(kDecisionColumns) + " WHERE id = ?", {id}));
    appendAudit(
        ctx, {"decision.create", "decision", std::to_string(id), "ok", std::nullopt, toJson(out)});
    tx.commit();
    return ApiResponse(201, out);
}

ApiResponse listDecisions(RequestContext& ctx, const ApiRequest& req) {
    const auto client_id = req.pathId("id");
    db::Transaction tx(ctx.db);
    requireClient(ctx, client_id, false);
    auto out = newArray();
    for (const auto& r : ctx.db.query(
             std::string(kDecisionColumns) + " WHERE client_id = ? ORDER BY valid_from, id",
             {client_id})) {
        out->add(decisionJson(ctx, r));
    }
    auditReads(ctx, {client_id}, "decisions");
    tx.commit();
    return ApiResponse(200, out);
}

}  // namespace zc::app
