// zorgcontract: the HTTPS service and its command-line subcommands.
#include <Poco/Exception.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Util/ServerApplication.h>
#include <malloc.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "audit_checkpointer.hpp"
#include "contracting/app/message_bodies.hpp"
#include "contracting/kernel/errors.hpp"
#include "database_error_text.hpp"
#include "ggk_sender.hpp"
#include "interfaces/http/api_server.hpp"
#include "interfaces/http/connection_guard.hpp"
#include "interfaces/http/outcome_texts.hpp"
#include "interfaces/http/spooled_body.hpp"
#include "interfaces/iso20022/bank_schemas.hpp"
#include "interfaces/iwmo/chain/ggk_settings.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"
#include "interfaces/iwmo/exchange/message_intake.hpp"
#include "interfaces/iwmo/exchange/message_schemas.hpp"
#include "interfaces/iwmo/exchange/wmo323_intake.hpp"
#include "interfaces/iwmo/exchange/wmo325_answers.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/mysql/app_grants.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/audit_checkpoint.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/user_admin.hpp"
#include "interfaces/server/demo_data.hpp"
#include "invoicing/app/budget_figures.hpp"
#include "invoicing/app/budget_financing.hpp"
#include "invoicing/app/budgets.hpp"
#include "invoicing/store/ledger_store.hpp"
#include "settings.hpp"

namespace {

using namespace zc;

constexpr const char* kUsage =
    "usage: zorgcontract [--config FILE] COMMAND\n"
    "       zorgcontract --help | --version\n"
    "The configuration file is FILE, else $ZC_CONFIG, else config/zorgcontract.properties when\n"
    "it exists, else /etc/zorgcontract/zorgcontract.properties (docs/configuration.md).\n"
    "commands:\n"
    "  serve                       migrate, then run the HTTPS service until SIGINT/SIGTERM\n"
    "  migrate                     apply pending migrations and print the schema version\n"
    "  create-admin USER           create the first administrator; password from the\n"
    "                              environment variable ZC_ADMIN_PASSWORD or standard input\n"
    "  verify-audit                walk the audit hash chain; exit 1 naming the first bad row\n"
    "  check-ledger                check the ledger's invariants; exit 1 naming the first "
    "violation\n"
    "  check-budget-figures [--rebuild]\n"
    "                              compare the budget figures kept current with a full\n"
    "                              recomputation; exit 1 naming each difference (--rebuild:\n"
    "                              replace them by the recomputation, then compare again)\n"
    "  load-demo [--no-activity]   load the demo region (once) and print the demo logins;\n"
    "                              with recent work (declarations, reviews, payment runs, a\n"
    "                              request) unless --no-activity\n"
    "  answer-overdue              answer declarations whose reviews passed the due date\n"
    "  validate FILE               check an iWmo message against the schema and the in-message\n"
    "                              rules; exit 0 when valid, 1 when not\n"
    "  ingest FILE --as AGB        process a message as that provider would have sent it and\n"
    "                              print the retour\n"
    "  outcome-codes markdown|js   print docs/errors.md or the web's error texts, generated\n"
    "                              from the outcome registry\n"
    "  post-advances [--date YYYY-MM-DD]\n"
    "                              turn the advances of budget-financed contracts due on or\n"
    "                              before the date (default today) into payables, once\n";

// The commands of the usage above; anything else is answered "unknown command".
constexpr const char* kCommands[] = {"serve",        "migrate",       "create-admin",
                                     "verify-audit", "check-ledger",  "check-budget-figures",
                                     "load-demo",    "validate",      "answer-overdue",
                                     "ingest",       "outcome-codes", "post-advances"};

struct Cli {
    std::string config;
    std::vector<std::string> args;
};

// The configuration file when no --config and no ZC_CONFIG names one: the checkout's, else the
// one the Debian package installs (docs/operations.md).
std::string defaultConfig() {
    const std::string local = "config/zorgcontract.properties";
    const std::string packaged = "/etc/zorgcontract/zorgcontract.properties";
    if (!std::filesystem::exists(local) && std::filesystem::exists(packaged)) return packaged;
    return local;
}

Cli parseArgs(int argc, char** argv) {
    Cli cli;
    if (const char* env = std::getenv("ZC_CONFIG"); env != nullptr && *env != '\0') {
        cli.config = env;
    }
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--config" && i + 1 < argc) {
            cli.config = argv[++i];
        } else {
            cli.args.push_back(a);
        }
    }
    if (cli.config.empty()) cli.config = defaultConfig();
    return cli;
}

int migrateCommand(const server::Settings& s) {
    db::ensureThreadInit();
    db::Connection conn(s.migration_db);
    const auto result = db::migrate(conn, s.migrations_dir);
    for (const auto& f : result.applied) std::cout << "applied " << f << "\n";
    if (const auto keyed = security::keyAuditChain(conn, s.app.audit_key)) {
        std::cout << "audit trail keyed: " << keyed << " rows\n";
    }
    if (!s.app_role.empty()) {
        const auto tables = db::grantApplicationRole(conn, s.db.name, s.app_role);
        std::cout << "role " << s.app_role << ": privileges on " << tables << " tables\n";
    }
    std::cout << "schema version " << result.schema_version << std::endl;
    std::cout << "statistics counted for " << db::analyzeTables(conn) << " tables" << std::endl;
    // Issue 14 (#2): message bodies stored in clear by an older version are encrypted now (the
    // key is outside the database, so no SQL migration can); without the key, at `serve`.
    if (!s.app.bsn_key.empty()) {
        const auto sealed = contracting::sealStoredMessageBodies(conn, s.app);
        if (sealed > 0) std::cout << "encrypted " << sealed << " stored message bodies\n";
    }
    return 0;
}

int createAdminCommand(const server::Settings& s, const std::string& username) {
    std::string password;
    if (const char* env = std::getenv("ZC_ADMIN_PASSWORD")) {
        password = env;
    } else {
        std::getline(std::cin, password);
    }
    db::ensureThreadInit();
    db::Connection conn(s.db);
    SystemClock clock;
    app::RequestContext ctx{conn, {}, "cli", clock, s.app};
    ctx.actor.role = app::Role::Admin;
    ctx.actor.name = "cli";
    security::createFirstAdmin(ctx, username, password);
    std::cout << "administrator '" << username
              << "' created; log in and enrol a second factor (TOTP) before anything else"
              << std::endl;
    return 0;
}

int verifyAuditCommand(const server::Settings& s) {
    db::ensureThreadInit();
    db::Connection conn(s.db);
    const auto v = security::verifyAudit(conn, s.app.audit_key);
    if (!v.ok) {
        std::cout << "audit trail broken: row " << v.first_bad_seq << " was " << v.problem << " ("
                  << v.rows_checked << " rows before it verified)" << std::endl;
        return 1;
    }
    const auto c = security::verifyCheckpoints(conn, s.app.audit_key, s.app.audit_checkpoint_file);
    if (!c.ok) {
        std::cout << "audit trail broken: checkpoint "
                  << (c.first_bad_seq ? "of row " + std::to_string(c.first_bad_seq) + " " : "")
                  << c.problem << " (" << c.checkpoints << " checkpoints before it matched)"
                  << std::endl;
        return 1;
    }
    std::cout << "audit trail intact: " << v.rows_checked << " rows verified, " << c.checkpoints
              << " checkpoints matched" << std::endl;
    return 0;
}

// Checks the ledger's invariants per municipality's books (journals balance, payable accounts
// equal open payables, bank outflow equals reconciled statement entries); prints one line per
// municipality ("municipality 0166: ok" or its first violation) and exits 1 when any has one.
int checkLedgerCommand(const server::Settings& s) {
    db::ensureThreadInit();
    db::Connection conn(s.db);
    const auto facts = invoicing::loadLedgerFacts(conn);
    int status = 0;
    for (const auto& result : invoicing::checkLedgerPerMunicipality(facts)) {
        std::cout << "municipality " << result.municipality << ": ";
        if (const auto& v = result.violation) {
            std::cout << "ledger violation " << v->code << " (" << v->subject << "): " << v->message
                      << std::endl;
            status = 1;
        } else {
            std::cout << "ok" << std::endl;
        }
    }
    std::cout << (status == 0 ? "ledger consistent: " : "ledger inconsistent: ")
              << facts.lines.size() << " lines, " << facts.open_payables.size()
              << " (municipality, provider) row(s) with open payables, "
              << facts.reconciled_bank.size() << " bank account(s)" << std::endl;
    return status;
}

int checkBudgetFiguresCommand(const server::Settings& s, bool rebuild) {
    db::ensureThreadInit();
    db::Connection conn(s.db);
    const auto check = invoicing::checkBudgetFigures(conn, rebuild);
    for (const auto& d : check.differences) std::cout << d << std::endl;
    if (check.rebuilt) std::cout << "budget figures rebuilt from the claim lines" << std::endl;
    std::cout << (check.differences.empty() ? "budget figures consistent: "
                                            : "budget figures inconsistent: ")
              << check.municipalities << " municipalities, " << check.differences.size()
              << " difference(s)" << std::endl;
    // The kept commitments (migration 0045) that are current equal a fresh computation.
    SystemClock clock;
    app::RequestContext ctx{conn, {}, "cli", clock, s.app};
    std::size_t kept = 0, stale = 0;
    const auto commitments = invoicing::checkKeptCommitments(ctx, rebuild, kept, stale);
    for (const auto& d : commitments) std::cout << d << std::endl;
    std::cout << "kept commitments: " << kept << " current (" << stale << " out of date removed), "
              << commitments.size() << " difference(s)" << (rebuild ? "; all discarded" : "")
              << std::endl;
    return check.differences.empty() && commitments.empty() ? 0 : 1;
}

void loadSchemas(const server::Settings& s) {
    xml::Limits limits;
    limits.max_bytes = s.http.max_xml_bytes;
    iwmo::setMessageSchemas(std::make_shared<const xml::SchemaSet>(s.schema_dir), limits);
    // What we send is checked against our own XSDs, whatever xml.schema_dir points at.
    iwmo::setOutgoingSchemas(
        std::make_shared<const xml::SchemaSet>(s.own_schemas_dir / "iwmo-3.2"));
    iso20022::setBankSchemas(s.own_schemas_dir / "iso20022");
    iwmo::setDeclarationMaxBytes(s.http.max_declaration_bytes);
    iwmo::setGgkSettings(s.ggk);
    iwmo::setGgkSchemas(std::make_shared<const xml::SchemaSet>(s.own_schemas_dir / "ggk-2.1"));
}

int loadDemoCommand(const server::Settings& s, server::DemoActivity activity) {
    loadSchemas(s);  // the demo's allocations queue WMO301s, checked before they are queued
    db::ensureThreadInit();
    db::Connection conn(s.db);
    const auto summary = server::loadDemoData(conn, s.app, activity);
    std::cout << (summary.already_loaded ? "demo data present already (nothing changed)"
                                         : "demo data loaded")
              << "\n\ndemo logins:\n";
    auto cell = [](const std::string& text, std::size_t width) {
        return text + std::string(width > text.size() ? width - text.size() : 1, ' ');
    };
    std::cout << "  " << cell("user", 18) << cell("role", 18) << cell("password", 20)
              << cell("TOTP secret", 34) << "scope\n";
    for (const auto& l : summary.logins) {
        std::cout << "  " << cell(l.username, 18) << cell(l.role, 18) << cell(l.password, 20)
                  << cell(l.totp_secret.empty() ? "-" : l.totp_secret, 34) << l.scope << "\n";
    }
    std::cout << "\nTOTP codes: oathtool --totp -b SECRET (package oathtool) or any "
                 "authenticator app.\n";
    if (!summary.provider_api_keys.empty()) {
        std::cout << "\nprovider API keys (shown once; only their hashes are stored):\n";
        for (const auto& k : summary.provider_api_keys) std::cout << "  " << k << "\n";
    }
    std::cout << std::flush;
    return 0;
}

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int validateCommand(const server::Settings& s, const std::string& file) {
    loadSchemas(s);
    std::vector<std::string> problems;
    const bool ok = iwmo::validateMessageFile(file, problems);
    for (const auto& p : problems) std::cout << file << ": " << p << "\n";
    std::cout << file << (ok ? ": valid" : ": not valid") << std::endl;
    return ok ? 0 : 1;
}

// What a command that works on the database as `name` with `role` needs.
struct CliSession {
    CliSession(const server::Settings& s, app::Role role, const std::string& name)
        : conn((db::ensureThreadInit(), s.db)), ctx{conn, {}, "cli", clock, s.app} {
        ctx.actor.role = role;
        ctx.actor.name = name;
    }
    db::Connection conn;
    SystemClock clock;
    app::RequestContext ctx;
};

int ingestCommand(const server::Settings& s, const std::string& file, const std::string& agb) {
    loadSchemas(s);
    CliSession session(s, app::Role::Provider, "provider:" + agb);
    auto& ctx = session.ctx;
    // A declaration is streamed from the file; other messages are small.
    std::string head(iwmo::kSniffBytes, '\0');
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw std::runtime_error("cannot read " + file);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
    }
    iwmo::refuseByteOrderMark(head);
    const bool declaration = iwmo::looksLikeDeclaration(head);
    const auto answer =
        declaration
            ? iwmo::receiveDeclaration(
                  ctx, agb, iwmo::DeclarationSource::file(std::filesystem::absolute(file).string()),
                  false)
            : iwmo::receiveMessage(ctx, agb, readWholeFile(file));
    if (answer.body_file) {
        std::ifstream body(answer.body_file->path(), std::ios::binary);
        std::cout << body.rdbuf();
    } else {
        std::cout << answer.body;
    }
    std::cout << std::endl;
    return 0;
}

int postAdvancesCommand(const server::Settings& s, const std::vector<std::string>& args) {
    db::ensureThreadInit();
    db::Connection conn(s.db);
    SystemClock clock;
    app::RequestContext ctx{conn, {}, "cli", clock, s.app};
    ctx.actor.role = app::Role::Finance;
    ctx.actor.name = "cli";
    const Date date = args.size() == 3 ? parseDate(args[2], "date") : clock.today();
    const auto r = invoicing::postDueAdvances(ctx, date);
    std::cout << r.created << " advance payable(s) created for advances due on or before "
              << formatDate(r.date) << " (" << r.total_cents << " cents)" << std::endl;
    return 0;
}

int answerOverdueCommand(server::Settings& s) {
    server::loadBsnKeys(s);
    loadSchemas(s);
    CliSession session(s, app::Role::ContractManager, "cli");
    std::cout << iwmo::answerOverdueDeclarations(session.ctx) << " declaration(s) answered"
              << std::endl;
    return 0;
}

int serveCommand(const server::Settings& s) {
    // Without glibc's fastbins: with them, each larger allocation first consolidated an
    // answer's many freed small blocks (a tenth of the server's CPU on a page of claim lines).
    mallopt(M_MXFAST, 0);
    migrateCommand(s);
    // Request bodies spooled by an older version to named files of a run killed mid-upload.
    const int swept =
        http::sweepSpoolLeftovers(std::filesystem::temp_directory_path().string(), 60);
    if (swept > 0) std::cout << "removed " << swept << " leftover spool file(s)" << std::endl;
    loadSchemas(s);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    db::ConnectionPool pool(s.db, s.db_pool_size);
    SystemClock clock;
    obs::configureLogging(s.log);  // the JSON request and error lines (docs/operations.md)
    http::ApiServer server(s.http, pool, clock, s.app);
    server.start();
    server::AuditCheckpointer checkpoints(s.db, s.app, s.audit_checkpoint_seconds, clock);
    // The chain's outbox goes to the GGk only when its endpoint is configured.
    std::optional<server::GgkSender> ggk_sender;
    if (!s.ggk.url.empty()) ggk_sender.emplace(s.db, s.app, s.ggk.poll_ms, clock);
    // On a loopback host both 127.0.0.1 and [::1] are served: localhost reaches either.
    const std::string shown = http::isLoopbackHost(s.http.host) ? "localhost" : s.http.host;
    std::cout << "zorgcontract listening on https://" << shown << ":" << server.port() << "/"
              << (s.http.web_root.empty() ? "" : "  (web application: open it in a browser)")
              << std::endl;
    int sig = 0;
    sigwait(&signals, &sig);
    std::cout << "stopping (signal " << sig << ")" << std::endl;
    server.stop();
    return 0;
}

int runCommand(const Cli& cli, server::Settings& settings);

// Answers --help, --version and an unknown command without reading the configuration; runs a
// command, naming where it tried to connect when the database fails (never the password).
int run(const Cli& cli) {
    if (cli.args.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string& cmd = cli.args[0];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        std::cout << kUsage;
        return 0;
    }
    if (cmd == "--version" || cmd == "version") {
        std::cout << "zorgcontract " << ZC_VERSION << std::endl;
        return 0;
    }
    if (std::find(std::begin(kCommands), std::end(kCommands), cmd) == std::end(kCommands)) {
        std::cerr << "zorgcontract: unknown command \"" << cmd
                  << "\"; run `zorgcontract --help` for the commands" << std::endl;
        return 2;
    }
    if (cmd == "outcome-codes" && cli.args.size() == 2 &&
        (cli.args[1] == "markdown" || cli.args[1] == "js")) {
        std::cout << (cli.args[1] == "js" ? http::outcomeCodesJavaScript()
                                          : http::outcomeCodesMarkdown());
        return 0;
    }
    auto settings = server::loadSettings(cli.config);
    try {
        return runCommand(cli, settings);
    } catch (const db::DbError& e) {
        std::cerr << server::describeDatabaseError(e, settings, cli.config, cmd);
        return 1;
    }
}

int runCommand(const Cli& cli, server::Settings& settings) {
    const std::string& cmd = cli.args[0];
    // Every command that opens the database may write audit rows (or checks them): without the
    // audit key it refuses to start rather than write a chain anyone could recompute.
    if (cmd != "validate") server::loadAuditKey(settings);
    // Client data needs the BSN keys: without them the service and the demo loader refuse to
    // start rather than store a BSN they could not protect.
    if (cmd == "serve" || cmd == "load-demo" || cmd == "ingest") server::loadBsnKeys(settings);
    if (cmd == "serve") return serveCommand(settings);
    if (cmd == "migrate") {
        // With the BSN keys at hand, migrate also encrypts old message bodies (else `serve`).
        try {
            server::loadBsnKeys(settings);
        } catch (const std::runtime_error&) {
            settings.app.bsn_key.clear();
        }
        return migrateCommand(settings);
    }
    if (cmd == "verify-audit") return verifyAuditCommand(settings);
    if (cmd == "check-ledger") return checkLedgerCommand(settings);
    if (cmd == "check-budget-figures" && cli.args.size() == 1) {
        return checkBudgetFiguresCommand(settings, false);
    }
    if (cmd == "check-budget-figures" && cli.args.size() == 2 && cli.args[1] == "--rebuild") {
        return checkBudgetFiguresCommand(settings, true);
    }
    if (cmd == "load-demo" && cli.args.size() <= 2) {
        if (cli.args.size() == 1) return loadDemoCommand(settings, server::DemoActivity::With);
        if (cli.args[1] == "--no-activity") {
            return loadDemoCommand(settings, server::DemoActivity::Without);
        }
    }
    if (cmd == "validate" && cli.args.size() == 2) return validateCommand(settings, cli.args[1]);
    if (!settings.db_password_problem.empty())
        throw std::runtime_error(settings.db_password_problem);
    if (cmd == "ingest" && cli.args.size() == 4 && cli.args[2] == "--as") {
        return ingestCommand(settings, cli.args[1], cli.args[3]);
    }
    if (cmd == "post-advances" &&
        (cli.args.size() == 1 || (cli.args.size() == 3 && cli.args[1] == "--date"))) {
        return postAdvancesCommand(settings, cli.args);
    }
    if (cmd == "answer-overdue") return answerOverdueCommand(settings);
    if (cmd == "create-admin" && cli.args.size() == 2) {
        return createAdminCommand(settings, cli.args[1]);
    }
    std::cerr << "zorgcontract: wrong arguments for \"" << cmd << "\"\n" << kUsage;
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(parseArgs(argc, argv));
    } catch (const zc::ValidationError& e) {
        std::cerr << "error " << e.code() << ": " << e.what() << std::endl;
        return 1;
    } catch (const zc::db::MigrationError& e) {
        std::cerr << "start-up stopped: " << e.what() << std::endl;
        return 1;
    } catch (const Poco::Exception& e) {
        // displayText() carries the reason ("Address already in use"); what() only the kind.
        std::cerr << "error: " << e.displayText() << std::endl;
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    }
}
