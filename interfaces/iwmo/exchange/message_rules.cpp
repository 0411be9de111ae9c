#include "message_rules.hpp"

#include <set>

#include "contracting/kernel/bsn.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::iwmo {
namespace {

void checkBsns(const xml::Element& e, std::vector<std::string>& out) {
    if (e.name == "Bsn") {
        try {
            Bsn::parse(e.text);
        } catch (const ValidationError&) {
            out.push_back("0001 at line " + std::to_string(e.line) + ": BSN " + e.text +
                          " fails the elfproef");
        }
    }
    for (const auto& c : e.children) checkBsns(c, out);
}

void append(std::vector<std::string>& out, std::vector<std::string> more) {
    for (auto& m : more) out.push_back(std::move(m));
}

}  // namespace

std::vector<std::string> bsnProblems(const xml::Element& root) {
    std::vector<std::string> out;
    checkBsns(root, out);
    return out;
}

std::vector<std::string> careReportProblems(const ReceivedCareReport& r, Date dagtekening) {
    std::vector<std::string> out;
    std::set<std::string> keys;
    for (std::size_t i = 0; i < r.report.items.size(); ++i) {
        const auto& p = r.report.items[i];
        const std::string where = " at line " + std::to_string(r.targets.items.at(i)->line);
        if (p.status != "1" && p.status != "3") {
            out.push_back("0001" + where + ": StatusAanlevering must be 1 or 3");
        }
        if (dagtekening < p.begin) out.push_back("0001" + where + ": Begindatum after Dagtekening");
        if (r.report.stop) {
            if (p.end < p.begin) out.push_back("0001" + where + ": Einddatum before Begindatum");
            if (dagtekening < p.end)
                out.push_back("0001" + where + ": Einddatum after Dagtekening");
        }
        if (!keys.insert(p.allocation_number + "/" + formatDate(p.begin) + "/" + p.status).second) {
            out.push_back("0001" + where + ": the same key appears twice in the message");
        }
    }
    return out;
}

std::vector<std::string> allocationRequestProblems(const ReceivedAllocationRequest& r) {
    std::vector<std::string> out;
    std::set<std::string> refs;
    for (std::size_t i = 0; i < r.request.items.size(); ++i) {
        if (!refs.insert(r.request.items[i].reference).second) {
            out.push_back("0001 at line " + std::to_string(r.targets.items.at(i)->line) +
                          ": ReferentieAanbieder used twice in the message");
        }
    }
    return out;
}

std::vector<std::string> changeRequestProblems(const xml::Element& root) {
    std::vector<std::string> out;
    const auto& v = *root.find("Client/Verzoek");
    if (!v.child("OngewijzigdeProducten") && !v.child("TeWijzigenProducten")) {
        out.push_back("0001: a request for a change lists no current allocation");
    }
    if (!v.child("TeWijzigenProducten") && !v.child("NieuweProducten")) {
        out.push_back("0001: a request for a change asks for no change");
    }
    return out;
}

std::vector<std::string> levelTwoProblems(const xml::Element& root, const MessageKind& kind) {
    std::vector<std::string> out = bsnProblems(root);
    if (kind.name == "wmo305" || kind.name == "wmo307") {
        const Date dagtekening = dagtekeningOf(root);
        append(out, careReportProblems(readCareReport(root, kind.name == "wmo307"), dagtekening));
    } else if (kind.name == "wmo315") {
        append(out, allocationRequestProblems(readAllocationRequest(root, "")));
    } else if (kind.name == "wmo317") {
        append(out, changeRequestProblems(root));
    }
    return out;
}

}  // namespace zc::iwmo
