#include "reference_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {

bool municipalityExists(db::Connection& db, const std::string& code) {
    return db.queryOne("SELECT code FROM municipalities WHERE code = ?", {code}).has_value();
}

void insertMunicipality(db::Connection& db, const Municipality& m) {
    db.execute("INSERT INTO municipalities (code, name, central_code) VALUES (?, ?, ?)",
               {m.code, m.name, m.central_code ? db::Param(*m.central_code) : db::Param(nullptr)});
}

void joinRegion(db::Connection& db, const std::string& code, const std::string& central_code,
                const std::string& placed_category) {
    db.execute(
        "INSERT IGNORE INTO contract_municipalities (contract_id, municipality_code)"
        " SELECT id, ? FROM contracts WHERE municipality_code = ?",
        {code, central_code});
    db.execute(
        "INSERT IGNORE INTO regional_placements (region_code, product_category, central_code)"
        " VALUES (?, ?, ?)",
        {central_code, placed_category, central_code});
}

app::ListPage<Municipality> municipalities(db::Connection& db, std::int64_t limit,
                                           std::int64_t offset) {
    app::ListPage<Municipality> page;
    page.total = db::countRows(db, "FROM municipalities", {});
    for (const auto& r : db.query("SELECT code, name, central_code FROM municipalities"
                                  " ORDER BY code LIMIT ? OFFSET ?",
                                  {limit, offset})) {
        page.items.push_back({r.str(0), r.str(1), r.opt(2)});
    }
    return page;
}

bool districtExists(db::Connection& db, std::int64_t id) {
    return db.queryOne("SELECT id FROM districts WHERE id = ?", {id}).has_value();
}

bool districtNameTaken(db::Connection& db, const std::string& municipality_code,
                       const std::string& name) {
    return db
        .queryOne("SELECT id FROM districts WHERE municipality_code = ? AND name = ?",
                  {municipality_code, name})
        .has_value();
}

std::int64_t insertDistrict(db::Connection& db, const District& d) {
    db.execute("INSERT INTO districts (municipality_code, name) VALUES (?, ?)",
               {d.municipality_code, d.name});
    return db.lastInsertId();
}

app::ListPage<District> districts(db::Connection& db, const std::string& municipality_code,
                                  std::int64_t limit, std::int64_t offset) {
    db::Params params;
    std::string from_where = "FROM districts";
    if (!municipality_code.empty()) {
        from_where += " WHERE municipality_code = ?";
        params.emplace_back(municipality_code);
    }
    app::ListPage<District> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    page_params.emplace_back(limit);
    page_params.emplace_back(offset);
    for (const auto& r : db.query(
             "SELECT id, municipality_code, name " + from_where + " ORDER BY id LIMIT ? OFFSET ?",
             page_params)) {
        page.items.push_back({r.i64(0), r.str(1), r.str(2)});
    }
    return page;
}

bool teamNameTaken(db::Connection& db, std::int64_t district_id, const std::string& name) {
    return db
        .queryOne("SELECT id FROM teams WHERE district_id = ? AND name = ?", {district_id, name})
        .has_value();
}

std::int64_t insertTeam(db::Connection& db, const Team& t) {
    db.execute("INSERT INTO teams (district_id, name) VALUES (?, ?)", {t.district_id, t.name});
    return db.lastInsertId();
}

app::ListPage<TeamListing> teams(db::Connection& db, std::int64_t limit, std::int64_t offset) {
    app::ListPage<TeamListing> page;
    page.total = db::countRows(db, "FROM teams", {});
    for (const auto& r :
         db.query("SELECT t.id, t.district_id, t.name, d.municipality_code FROM teams t"
                  " JOIN districts d ON d.id = t.district_id ORDER BY t.id LIMIT ? OFFSET ?",
                  {limit, offset})) {
        page.items.push_back({{r.i64(0), r.i64(1), r.str(2)}, r.str(3)});
    }
    return page;
}

bool productExists(db::Connection& db, const std::string& code) {
    return db.queryOne("SELECT code FROM products WHERE code = ?", {code}).has_value();
}

void insertProduct(db::Connection& db, const Product& p) {
    db.execute("INSERT INTO products (code, category, name, unit, kind) VALUES (?,?,?,?,?)",
               {p.code, p.category, p.name, p.unit, p.kind});
}

app::ListPage<Product> products(db::Connection& db, std::int64_t limit, std::int64_t offset) {
    app::ListPage<Product> page;
    page.total = db::countRows(db, "FROM products", {});
    for (const auto& r : db.query("SELECT code, category, name, unit, kind FROM products"
                                  " ORDER BY code LIMIT ? OFFSET ?",
                                  {limit, offset})) {
        page.items.push_back({r.str(0), r.str(1), r.str(2), r.str(3), r.str(4)});
    }
    return page;
}

}  // namespace zc::contracting
