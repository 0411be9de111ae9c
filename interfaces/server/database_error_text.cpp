#include "database_error_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace zc::server {
namespace {

// The environment variables that override a database key (ZC_<KEY>, dots as underscores, as
// settings.cpp reads them) and are set: their names only, as a value may be a password.
std::string overridingVariables() {
    static const char* const kKeys[] = {"db.host",
                                        "db.port",
                                        "db.socket",
                                        "db.name",
                                        "db.user",
                                        "db.password",
                                        "db.password_file",
                                        "db.migration_user",
                                        "db.migration_password",
                                        "db.migration_password_file"};
    std::string out;
    for (const std::string key : kKeys) {
        std::string name = "ZC_" + key;
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
            return c == '.' ? '_' : static_cast<char>(std::toupper(c));
        });
        if (std::getenv(name.c_str()) != nullptr) out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

// 2002/2003/2005/2006/2013: the server was not reached; 1044/1045: it refused the user;
// 1049: the database does not exist.
std::string hint(int code) {
    switch (code) {
        case 2002:
        case 2003:
        case 2005:
        case 2006:
        case 2013:
            return "is MariaDB running and listening there? (systemctl status mariadb)";
        case 1044:
        case 1045:
            return "check the user and its password (db.password_file) and its grants";
        case 1049:
            return "create the database, or correct db.name";
        default:
            return "";
    }
}

}  // namespace

std::string describeDatabaseError(const db::DbError& e, const Settings& s,
                                  const std::string& config_file, const std::string& command) {
    const bool as_owner =
        (command == "migrate" || command == "serve") && s.migration_db.user != s.db.user;
    const db::DbConfig& c = as_owner ? s.migration_db : s.db;
    std::ostringstream out;
    out << "error: " << e.what() << "\n";
    if (c.socket.empty()) {
        out << "  server:        " << c.host << " port " << c.port << " (db.host, db.port)\n";
    } else {
        out << "  server:        socket " << c.socket << " (db.socket)\n";
    }
    out << "  database:      " << c.name << " (db.name)\n";
    out << "  user:          " << c.user
        << (as_owner ? " (db.migration_user; the service runs as " + s.db.user + ")"
                     : std::string(" (db.user)"))
        << "\n";
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(config_file, ec);
    out << "  configuration: " << (ec ? config_file : absolute.string());
    if (const auto env = overridingVariables(); !env.empty()) {
        out << " (overridden by " << env << ")";
    }
    out << "\n";
    if (const auto h = hint(e.code()); !h.empty()) out << "  " << h << "\n";
    return out.str();
}

}  // namespace zc::server
