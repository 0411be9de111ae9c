#pragma once
// Reference data in the database: municipalities (gemeenten), districts (wijken), social
// neighbourhood teams (sociale wijkteams) and the product catalogue, as named rows. Free
// functions over the caller's connection (and transaction).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

struct Municipality {
    std::string code;
    std::string name;
    std::optional<std::string> central_code;  // the central municipality of a region
};

struct District {
    std::int64_t id = 0;
    std::string municipality_code;
    std::string name;
};

struct Team {
    std::int64_t id = 0;
    std::int64_t district_id = 0;
    std::string name;
};

// A team as listed: with its district's municipality.
struct TeamListing {
    Team team;
    std::string municipality_code;
};

struct Product {
    std::string code;
    std::string category;
    std::string name;
    std::string unit;  // the unit's name, e.g. "hour"
    std::string kind;  // the product kind's name
};

// True when the municipality with this code exists.
bool municipalityExists(db::Connection& db, const std::string& code);
void insertMunicipality(db::Connection& db, const Municipality& m);
// A new member `code` of the region of `central_code`: the central municipality's contracts serve
// it too, and the region places `placed_category` with the central municipality (kept when the
// region has a placement for it already).
void joinRegion(db::Connection& db, const std::string& code, const std::string& central_code,
                const std::string& placed_category);
// A page of the municipalities by code, and how many there are.
app::ListPage<Municipality> municipalities(db::Connection& db, std::int64_t limit,
                                           std::int64_t offset);

// True when the district exists.
bool districtExists(db::Connection& db, std::int64_t id);
// True when the municipality has a district of this name.
bool districtNameTaken(db::Connection& db, const std::string& municipality_code,
                       const std::string& name);
// Inserts the district (id ignored); returns its new id.
std::int64_t insertDistrict(db::Connection& db, const District& d);
// The districts of a municipality ("" for all), by id, paged, with their total.
app::ListPage<District> districts(db::Connection& db, const std::string& municipality_code,
                                  std::int64_t limit, std::int64_t offset);

// True when the district has a team of this name.
bool teamNameTaken(db::Connection& db, std::int64_t district_id, const std::string& name);
// Inserts the team (id ignored); returns its new id.
std::int64_t insertTeam(db::Connection& db, const Team& t);
// The teams with their municipality, by id, paged, with their total.
app::ListPage<TeamListing> teams(db::Connection& db, std::int64_t limit, std::int64_t offset);

// True when the product is in the catalogue.
bool productExists(db::Connection& db, const std::string& code);
void insertProduct(db::Connection& db, const Product& p);
// A page of the catalogue by code, and how many products there are.
app::ListPage<Product> products(db::Connection& db, std::int64_t limit, std::int64_t offset);

}  // namespace zc::contracting
